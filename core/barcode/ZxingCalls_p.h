#pragma once
// The reader's calls of ZXing and its quick look at a photo, without Qt Gui:
// BarcodeReader (the window, kpdesk-cli-full) and PhotoQuickLook
// (kpdesk-cli-core) read a photo's code the same way.
#include "barcode/DecoderTraps_p.h"
#include "barcode/FoundCode.h"
#include "barcode/GrayImage.h"

#include <QList>

#include <ZXing/DecodeHints.h>

#include <ctime>

namespace kp::barcode {

// The time one image's reading may take. ZXing cannot be stopped inside a
// call, so this is looked at before each call, and the censuses (DecoderTraps.cpp) keep
// every call short. It counts the reading thread's CPU time, the work done:
// on a machine busy with other programs the wall clock runs ahead of it, and
// a wall-clock budget would give up on a plain scan before reading it.
class Budget
{
public:
    explicit Budget(qint64 ms) : m_ms(ms), m_start(now()) {}
    bool spent() const { return elapsed() > m_ms; }
    qint64 elapsed() const { return (now() - m_start) / 1'000'000; }

private:
    static qint64 now()
    {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
    }
    qint64 m_ms;
    qint64 m_start;
};

// How long the passes may take for one image, checked before each ZXing
// call: with the censuses keeping each call short, an image gets its answer
// within 2 s (README, "A certificate arrives").
constexpr qint64 passBudgetMs()
{
#if defined(__SANITIZE_ADDRESS__)
    return 8000; // AddressSanitizer builds run several times slower
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return 8000;
#else
    return 1000;
#endif
#else
    return 1000;
#endif
}

// One ZXing call per hints, each only while the budget lasts; corners
// mapped back by 1/scale and -shift.
QList<FoundCode> decode(const GrayImage& gray, const QList<ZXing::DecodeHints>& hintList, double scale,
                        QPointF shift, const Budget& budget);

// The quick look: matrix codes only, first symbol found, no rotations (QR,
// Data Matrix and Aztec read in any orientation anyway).
ZXing::DecodeHints quickHints(bool withQr, bool withDataMatrix,
                              ZXing::Binarizer binarizer = ZXing::Binarizer::LocalAverage);

// Whether the first code found is a KP1 code.
bool startsWithKp1(const QList<FoundCode>& found);

// Once an image shows more finder patterns than any real picture, no pass
// of it looks for QR codes (DecoderTraps.cpp).
class QrCensus
{
public:
    // Whether `gray` (every layer of ZXing's pyramid when `downscale`, from
    // `pyramid` when given) may be searched for QR codes; false from the
    // first trap on.
    bool safe(const BlackPixels& gray, bool downscale, Pyramid* pyramid = nullptr);
    bool trapped() const { return m_trap; }

private:
    bool m_trap = false;
};

// StopAtKp1's quick look at a photo's half-size grey copy: the KP1 code it
// finds (corners in the whole image's pixels), or nothing.
QList<FoundCode> quickLookAtHalfSize(const GrayImage& half, const Budget& budget, QrCensus& census);

} // namespace kp::barcode
