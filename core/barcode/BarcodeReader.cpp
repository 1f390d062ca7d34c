#include "barcode/BarcodeReader.h"

#include "barcode/DecoderTraps_p.h"
#include "barcode/ImageLimits.h"
#include "barcode/ZxingCalls_p.h"

#include "util/Logging.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kp {

namespace {

using barcode::BlackPixels;
using barcode::boxDown;
using barcode::Budget;
using barcode::dataMatrixTrap;
using barcode::FoundCode;
using barcode::GrayImage;
using barcode::passBudgetMs;
using barcode::quickHints;

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::BarcodeReader)
};

// Three readings per image. Linear codes apart, because ZXing 1.4 as Debian
// builds it keeps its assertions: comparing two results of one linear code
// (the same Code 128 found at two scales, or printed twice) aborts the
// process (zxing-cpp issues #516, #740). Matrix codes compare safely; linear
// codes are read at one scale and one at a time, so no two of them are ever
// compared. Data Matrix apart too, because it may be given a smaller copy
// (see the Data Matrix census, DecoderTraps.cpp).
ZXing::DecodeHints matrixHints(ZXing::Binarizer binarizer, bool withQr)
{
    using F = ZXing::BarcodeFormat;
    ZXing::DecodeHints matrix;
    matrix.setFormats(withQr ? F::QRCode | F::Aztec | F::PDF417 : F::Aztec | F::PDF417);
    matrix.setTryHarder(true);
    matrix.setTryRotate(true);
    matrix.setTryDownscale(true);
    matrix.setBinarizer(binarizer);
    return matrix;
}

ZXing::DecodeHints dataMatrixHints(ZXing::Binarizer binarizer)
{
    ZXing::DecodeHints hints = matrixHints(binarizer, false);
    hints.setFormats(ZXing::BarcodeFormat::DataMatrix);
    return hints;
}

ZXing::DecodeHints linearHints(ZXing::Binarizer binarizer)
{
    using F = ZXing::BarcodeFormat;
    ZXing::DecodeHints linear = matrixHints(binarizer, false);
    linear.setFormats(F::Code128 | F::Code39);
    linear.setTryDownscale(false);
    linear.setMaxNumberOfSymbols(1);
    return linear;
}

GrayImage viewOf(const QImage& gray) // Format_Grayscale8
{
    return GrayImage(gray.constBits(), gray.width(), gray.height(), gray.bytesPerLine());
}

QList<DecodedBarcode> decoded(const QList<FoundCode>& found)
{
    QList<DecodedBarcode> out;
    for (const FoundCode& code : found) {
        QPolygonF corners;
        for (const QPointF& corner : code.corners)
            corners << corner;
        out.append({code.symbology, code.text, corners});
    }
    return out;
}

QList<DecodedBarcode> decodeBarcodes(const GrayImage& gray, const QList<ZXing::DecodeHints>& hintList,
                                     double scale, QPointF shift, const Budget& budget)
{
    return decoded(barcode::decode(gray, hintList, scale, shift, budget));
}

// Luminance, fast: QImage::convertToFormat(Grayscale8) goes through colour
// management and takes 10-20 ms for a 2-megapixel photo; this takes ~1 ms.
QImage toGray(const QImage& image)
{
    if (image.format() == QImage::Format_Grayscale8)
        return image;
    const QImage rgb = (image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32)
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    QImage gray(rgb.size(), QImage::Format_Grayscale8);
    if (gray.isNull())
        return gray;
    const int width = rgb.width();
    const int height = rgb.height();
    for (int y = 0; y < height; ++y) {
        const auto* in = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        uchar* out = gray.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const QRgb p = in[x];
            out[x] = uchar((qRed(p) * 77 + qGreen(p) * 150 + qBlue(p) * 29) >> 8);
        }
    }
    return gray;
}

// One row of halvedGray: out[x] from the pixels 2x, 2x + 1 of rows a and b.
// The weighted sum of four pixels' luminance is the weighted sum of their
// summed channels: the same values as four luminances added.
void halveRow(const quint32* a, const quint32* b, uchar* out, int width)
{
    int x = 0;
#if defined(__SSE2__)
    // Four outputs at a time: channels summed as 16-bit lanes, weighted and
    // paired by pmaddwd (B*29 + G*150, R*77 + A*0), then each output's
    // four partial sums added.
    const __m128i zero = _mm_setzero_si128();
    const __m128i weights = _mm_setr_epi16(29, 150, 77, 0, 29, 150, 77, 0);
    for (; x + 4 <= width; x += 4) {
        const __m128i a0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 2 * x));
        const __m128i a1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 2 * x + 4));
        const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 2 * x));
        const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 2 * x + 4));
        // Each: one output's two columns, a row above the other added.
        const __m128i m0 =
            _mm_madd_epi16(_mm_add_epi16(_mm_unpacklo_epi8(a0, zero), _mm_unpacklo_epi8(b0, zero)), weights);
        const __m128i m1 =
            _mm_madd_epi16(_mm_add_epi16(_mm_unpackhi_epi8(a0, zero), _mm_unpackhi_epi8(b0, zero)), weights);
        const __m128i m2 =
            _mm_madd_epi16(_mm_add_epi16(_mm_unpacklo_epi8(a1, zero), _mm_unpacklo_epi8(b1, zero)), weights);
        const __m128i m3 =
            _mm_madd_epi16(_mm_add_epi16(_mm_unpackhi_epi8(a1, zero), _mm_unpackhi_epi8(b1, zero)), weights);
        const __m128i s01 = _mm_add_epi32(_mm_unpacklo_epi32(m0, m1), _mm_unpackhi_epi32(m0, m1));
        const __m128i s23 = _mm_add_epi32(_mm_unpacklo_epi32(m2, m3), _mm_unpackhi_epi32(m2, m3));
        const __m128i sums = _mm_add_epi32(_mm_unpacklo_epi64(s01, s23), _mm_unpackhi_epi64(s01, s23));
        const __m128i luma = _mm_srli_epi32(sums, 10);
        const __m128i bytes = _mm_packus_epi16(_mm_packs_epi32(luma, zero), zero);
        const int four = _mm_cvtsi128_si32(bytes);
        std::memcpy(out + x, &four, 4);
    }
#endif
    for (; x < width; ++x) {
        const quint32 p0 = a[2 * x], p1 = a[2 * x + 1], p2 = b[2 * x], p3 = b[2 * x + 1];
        // Red and blue summed in one word: each sum of four fits in its 16 bits.
        const quint32 redBlue = (p0 & 0xff00ffu) + (p1 & 0xff00ffu) + (p2 & 0xff00ffu) + (p3 & 0xff00ffu);
        const quint32 green = (p0 & 0xff00u) + (p1 & 0xff00u) + (p2 & 0xff00u) + (p3 & 0xff00u);
        out[x] = uchar(((redBlue >> 16) * 77 + (green >> 8) * 150 + (redBlue & 0xffffu) * 29) >> 10);
    }
}

// Luminance at half size, each pixel the mean of a 2x2 block: the quick
// look at a photo reads a quarter of the pixels and converts nothing else.
GrayImage halvedGray(const QImage& image)
{
    if (image.format() == QImage::Format_Grayscale8) // no colour copy of a grey scan
        return boxDown(viewOf(image), 2);
    const QImage rgb = (image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32)
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    GrayImage out = GrayImage::allocate(rgb.width() / 2, rgb.height() / 2);
    if (out.isNull())
        return out;
    const uchar* in = rgb.constBits();
    const qsizetype stride = rgb.bytesPerLine();
    for (int y = 0; y < out.height(); ++y)
        halveRow(reinterpret_cast<const quint32*>(in + 2 * y * stride),
                 reinterpret_cast<const quint32*>(in + (2 * y + 1) * stride), out.writableRow(y),
                 out.width());
    return out;
}

// The doubled copy is for small pictures of small codes.
constexpr qint64 MaxPixelsToDouble = 4'000'000;

QImage padded(const QImage& gray, int border)
{
    QImage out(gray.width() + 2 * border, gray.height() + 2 * border, QImage::Format_Grayscale8);
    out.fill(Qt::white);
    QPainter(&out).drawImage(border, border, gray);
    return out;
}

} // namespace

QList<DecodedBarcode> BarcodeReader::read(const QImage& image, Look* foundBy) const
{
    if (foundBy)
        *foundBy = Look::None;
    if (image.isNull())
        return {};
    return readLooks(
        image.size(), GrayImage(), [&image] { return image; }, foundBy);
}

QList<DecodedBarcode> BarcodeReader::readLooks(QSize size, const GrayImage& halfGray,
                                               const std::function<QImage()>& wholeImage, Look* foundBy) const
{
    const auto foundIn = [foundBy](Look look, QList<DecodedBarcode> codes) {
        if (foundBy)
            *foundBy = codes.isEmpty() ? Look::None : look;
        return codes;
    };
    if (foundBy)
        *foundBy = Look::None;
    if (qint64(size.width()) * size.height() > MaxPixels)
        return {};
    std::optional<QImage> whole; // made once, when first needed
    const auto image = [&]() -> const QImage& {
        if (!whole)
            whole = wholeImage();
        return *whole;
    };
    const Budget budget(passBudgetMs());
    const auto isKp1 = [](const QList<DecodedBarcode>& found) {
        return !found.isEmpty() && found.first().text.startsWith(QLatin1String("KP1:"));
    };
    barcode::QrCensus census;
    // A photo's code is usually many pixels per module: look at half size first.
    if (m_mode == Mode::StopAtKp1 && std::min(size.width(), size.height()) >= barcode::MinSideForHalfSize) {
        const GrayImage half = halfGray.isNull() ? halvedGray(image()) : halfGray;
        if (QList<FoundCode> quick = quickLookAtHalfSize(half, budget, census); !quick.isEmpty())
            return foundIn(Look::QuickHalfSize, decoded(quick));
    }
    const QImage gray = toGray(image());
    if (gray.isNull())
        return {};
    // Which copies the census has seen with which binarizer (a white border
    // adds no finder pattern: padded copies share the plain one's count).
    enum class Copy { Plain, Doubled, Halved };
    std::map<std::pair<Copy, ZXing::Binarizer>, bool> counted;
    // The same for the Data Matrix census: true where the copy is a trap.
    std::map<std::pair<Copy, ZXing::Binarizer>, bool> dataMatrixTraps;
    // `pixels` gives the copy's binarization, made only if not counted yet.
    const auto dataMatrixSafe = [&](Copy copy, ZXing::Binarizer binarizer, const auto& pixels) {
        const auto key = std::make_pair(copy, binarizer);
        auto it = dataMatrixTraps.find(key);
        if (it == dataMatrixTraps.end())
            it = dataMatrixTraps.emplace(key, dataMatrixTrap(pixels())).first;
        return !it->second;
    };
    // The plain copy is counted with three binarizers: its pyramid is made once.
    barcode::Pyramid plainPyramid;
    if (m_mode == Mode::StopAtKp1) {
        counted[{Copy::Plain, ZXing::Binarizer::LocalAverage}] = true;
        const BlackPixels pixels(viewOf(gray), ZXing::Binarizer::LocalAverage);
        const ZXing::DecodeHints hints = quickHints(
            census.safe(pixels, true, &plainPyramid),
            dataMatrixSafe(Copy::Plain, pixels.binarizer(), [&]() -> const BlackPixels& { return pixels; }));
        QList<DecodedBarcode> quick = decodeBarcodes(viewOf(gray), {hints}, 1.0, {}, budget);
        if (isKp1(quick))
            return foundIn(Look::QuickFullSize, quick);
    }

    // Each pass: a transformed copy, how to map points back, hints, and
    // which copy it is for the census.
    struct Pass
    {
        std::function<QImage()> image;
        double scale;
        int border;
        ZXing::Binarizer binarizer;
        Copy copy;
    };
    const int border = std::max(16, std::min(gray.width(), gray.height()) / 10);
    // Doubling is for small codes with uneven modules; a large picture
    // doubled would cost seconds and hundreds of megabytes.
    const bool doubling = qint64(gray.width()) * gray.height() <= MaxPixelsToDouble;
    // The copy with a quiet zone, made once for the passes that read it or
    // scale it (each of them holds it while it reads anyway).
    std::optional<QImage> paddedCopy;
    const auto paddedGray = [&]() -> const QImage& {
        if (!paddedCopy)
            paddedCopy = padded(gray, border);
        return *paddedCopy;
    };
    QList<Pass> passes{
        {[&] { return gray; }, 1.0, 0, ZXing::Binarizer::LocalAverage, Copy::Plain},
        {[&] { return gray; }, 1.0, 0, ZXing::Binarizer::GlobalHistogram, Copy::Plain},
        // No quiet zone: give it one.
        {[&] { return paddedGray(); }, 1.0, border, ZXing::Binarizer::LocalAverage, Copy::Plain},
        {[&] { return paddedGray(); }, 1.0, border, ZXing::Binarizer::GlobalHistogram, Copy::Plain},
    };
    // Fractional module scaling or a tiny code: smooth rescales even out the modules.
    if (doubling)
        passes.append({[&] {
                           return paddedGray().scaled(gray.size() * 2 + QSize(4, 4) * border,
                                                      Qt::KeepAspectRatio, Qt::SmoothTransformation);
                       },
                       2.0, border, ZXing::Binarizer::LocalAverage, Copy::Doubled});
    passes.append({[&] {
                       return paddedGray().scaled((gray.size() + QSize(2, 2) * border) / 2,
                                                  Qt::KeepAspectRatio, Qt::SmoothTransformation);
                   },
                   0.5, border, ZXing::Binarizer::LocalAverage, Copy::Halved});
    passes.append({[&] { return paddedGray(); }, 1.0, border, ZXing::Binarizer::FixedThreshold, Copy::Plain});

    // The plain copy's half-size copies for the Data Matrix look, by border:
    // made once for the passes that read the same copy with other binarizers.
    std::map<int, GrayImage> plainHalves;
    const auto halfOf = [&](const Pass& pass, const GrayImage& candidate) {
        if (pass.copy != Copy::Plain)
            return boxDown(candidate, 2);
        GrayImage& half = plainHalves[pass.border];
        if (half.isNull())
            half = boxDown(candidate, 2);
        return half;
    };

    for (const Pass& pass : passes) {
        if (budget.spent()) {
            qCInfo(lcBarcode) << "no barcode after" << budget.elapsed()
                              << "ms of work: giving up on this image";
            break;
        }
        const QImage candidate = pass.image();
        if (candidate.isNull())
            continue;
        const auto key = std::make_pair(pass.copy, pass.binarizer);
        // The censuses' copy (a white border adds nothing to count), binarized once for both.
        std::optional<BlackPixels> pixels;
        const auto censusPixels = [&]() -> const BlackPixels& {
            if (!pixels)
                pixels.emplace(viewOf(pass.copy == Copy::Plain ? gray : candidate), pass.binarizer);
            return *pixels;
        };
        if (!census.trapped() && !counted.count(key)) {
            counted[key] = true;
            census.safe(censusPixels(), true, pass.copy == Copy::Plain ? &plainPyramid : nullptr);
        }
        const QPointF shift(pass.border, pass.border);
        const GrayImage pixelsOfCandidate = viewOf(candidate);
        QList<DecodedBarcode> found = decodeBarcodes(
            pixelsOfCandidate, {matrixHints(pass.binarizer, !census.trapped())}, pass.scale, shift, budget);
        // Data Matrix on the copy, or at half size where it is a trap.
        if (dataMatrixSafe(pass.copy, pass.binarizer, censusPixels))
            found += decodeBarcodes(pixelsOfCandidate, {dataMatrixHints(pass.binarizer)}, pass.scale, shift,
                                    budget);
        else if (const GrayImage half = halfOf(pass, pixelsOfCandidate); !half.isNull())
            found += decodeBarcodes(half, {dataMatrixHints(pass.binarizer)}, pass.scale / 2, shift, budget);
        found += decodeBarcodes(pixelsOfCandidate, {linearHints(pass.binarizer)}, pass.scale, shift, budget);
        if (!found.isEmpty()) {
            // The same code found twice (e.g. by rotation) is listed once.
            QList<DecodedBarcode> unique;
            for (const DecodedBarcode& b : found) {
                const bool seen = std::any_of(unique.cbegin(), unique.cend(), [&](const DecodedBarcode& u) {
                    return u.text == b.text && u.symbology == b.symbology;
                });
                if (!seen)
                    unique.append(b);
            }
            preferKp1(unique);
            return foundIn(Look::FullPasses, unique);
        }
    }
    return {};
}

void BarcodeReader::allowImagesUpToMaxPixels()
{
    // Qt's limit is one static value for the process: set once, not from
    // several reading threads at a time.
    static std::once_flag once;
    std::call_once(once, [] {
        constexpr qint64 BytesPerPixel = 8; // QImage::Format_RGBA64, the widest a 16-bit file reads to
        constexpr int NeededMb = int((MaxPixels * BytesPerPixel + (1 << 20) - 1) >> 20);
        const int current = QImageReader::allocationLimit(); // 0: no limit
        if (current != 0 && current < NeededMb)
            QImageReader::setAllocationLimit(NeededMb);
    });
}

Result<QList<DecodedBarcode>> BarcodeReader::readFile(const QString& path, QImage* loaded,
                                                      Look* foundBy) const
{
    if (foundBy)
        *foundBy = Look::None;
    allowImagesUpToMaxPixels();
    const QFileInfo info(path);
    if (!info.isFile())
        return makeError(QStringLiteral("barcode.unreadable-file"), Tr::tr("There is no file %1.").arg(path));
    if (info.size() == 0)
        return makeError(QStringLiteral("barcode.unreadable-file"),
                         Tr::tr("The file %1 is empty.").arg(path));
    if (info.size() > MaxFileSize)
        return makeError(QStringLiteral("barcode.too-large"),
                         Tr::tr("The file %1 is too large for an image.").arg(path));
    QString problem;
    const auto unreadable = [&] {
        return makeError(
            QStringLiteral("barcode.unreadable-file"),
            Tr::tr("%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2").arg(path, problem));
    };
    // Read once: every decoding below is of these bytes.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problem = file.errorString();
        return unreadable();
    }
    const QByteArray bytes = file.read(MaxFileSize + 1);
    if (bytes.size() > MaxFileSize)
        return makeError(QStringLiteral("barcode.too-large"),
                         Tr::tr("The file %1 is too large for an image.").arg(path));
    const auto decode = [&](QSize scaledTo) {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        reader.setAutoTransform(true); // phone photos carry their rotation in EXIF
        reader.setDecideFormatFromContent(true);
        if (scaledTo.isValid())
            reader.setScaledSize(scaledTo);
        QImage image = reader.read();
        if (image.isNull() && problem.isEmpty())
            problem = reader.errorString();
        return image;
    };
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader probe(&buffer);
    probe.setDecideFormatFromContent(true);
    const QSize size = probe.size();
    if (size.isValid() && qint64(size.width()) * size.height() > MaxPixels)
        return makeError(
            QStringLiteral("barcode.too-large"),
            Tr::tr("The image %1 has more than %2 megapixels.").arg(path).arg(MaxPixels / 1'000'000));
    // A photo's quick look is at half size: libjpeg decodes a JPEG straight
    // to that size (a quarter of the pixels, no full-size copy made), and
    // the whole image only if that look finds no KP1 code (issue 22).
    if (m_mode == Mode::StopAtKp1 && !loaded && probe.format() == "jpeg" && size.isValid() &&
        std::min(size.width(), size.height()) >= 1000) {
        const QImage half = toGray(decode(size / 2));
        if (half.isNull())
            return unreadable();
        // QImage's pixels, kept alive until readLooks returns.
        bool wholeUnreadable = false;
        QList<DecodedBarcode> found = readLooks(
            size, viewOf(half),
            [&] {
                QImage whole = decode(QSize());
                wholeUnreadable = whole.isNull();
                return whole;
            },
            foundBy);
        if (wholeUnreadable)
            return unreadable();
        return found;
    }
    const QImage image = decode(QSize());
    if (image.isNull())
        return unreadable();
    if (loaded)
        *loaded = image;
    return read(image, foundBy);
}

void BarcodeReader::preferKp1(QList<DecodedBarcode>& barcodes)
{
    std::stable_partition(barcodes.begin(), barcodes.end(),
                          [](const DecodedBarcode& b) { return b.text.startsWith(QLatin1String("KP1:")); });
}

} // namespace kp
