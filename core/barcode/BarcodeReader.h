#pragma once

#include "barcode/ImageLimits.h"
#include "util/Result.h"

#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QString>

#include <functional>

namespace kp {

namespace barcode {
class GrayImage;
}

struct DecodedBarcode
{
    QString symbology; // "QR Code", "Data Matrix", "Aztec", "PDF417", "Code 128", "Code 39"
    QString text;
    QPolygonF position; // corners in image pixels
};

// Finds barcodes in images with ZXing-C++. A fast first pass handles clean
// prints and ordinary photos; further passes (other binarizers, an added
// quiet zone, rescaled copies) catch codes printed without a quiet zone or
// with fractional module scaling before giving up. No picture keeps it
// long: the passes stop after a time budget, and a picture strewn with more
// QR finder patterns than any real one (which would keep ZXing busy for
// minutes) is not searched for QR codes.
class BarcodeReader
{
public:
    // The desk's limits on an image file (README, "A certificate arrives").
    static constexpr qint64 MaxPixels = barcode::MaxImagePixels;
    static constexpr qint64 MaxFileSize = barcode::MaxImageFileSize;

    // Qt refuses any image larger than its own allocation limit (128 MB in
    // Qt 6.4) with "Unable to read image data", before the limits above are
    // looked at: a 600-dpi A4 colour scan (4960 x 7016, 139 MB as 32-bit
    // pixels) was refused. This raises Qt's limit (never lowers it) to what
    // MaxPixels needs at 8 bytes a pixel (16-bit colour), so that MaxPixels
    // is the limit that applies. readFile() calls it; so do the programs'
    // mains, for images Qt reads elsewhere (drops, pastes, saved records).
    static void allowImagesUpToMaxPixels();

    // StopAtKp1: a quick first look for a KP1 matrix code, which is what a
    // desk scans many times a day, answers at once when it finds one; the
    // full passes run only when it does not. ListAll always runs the full
    // passes, for "what is in this picture?".
    enum class Mode { ListAll, StopAtKp1 };

    explicit BarcodeReader(Mode mode = Mode::ListAll) : m_mode(mode) {}

    // Which look found what read() returned: StopAtKp1's quick look at the
    // half-size copy of a photo or at the image itself, or the full passes;
    // None when nothing was found. For tests and diagnostics: the answer is
    // the same whichever look found it, only the time differs.
    enum class Look { None, QuickHalfSize, QuickFullSize, FullPasses };

    QList<DecodedBarcode> read(const QImage& image) const { return read(image, nullptr); }
    // The same, telling which look found the codes (`foundBy` may be null).
    QList<DecodedBarcode> read(const QImage& image, Look* foundBy) const;
    // Error codes "barcode.unreadable-file", "barcode.too-large".
    // `loaded`, when given, receives the image as read (upright), so a
    // caller that shows it need not read the file again.
    // The file is read once. A JPEG photo without `loaded` is decoded at half
    // size for the quick look (libjpeg's own scaling), whole only if that
    // look finds no KP1 code. `foundBy` as for read().
    Result<QList<DecodedBarcode>> readFile(const QString& path, QImage* loaded = nullptr,
                                           Look* foundBy = nullptr) const;

    // Puts KP1 codes first, keeping the order otherwise.
    static void preferKp1(QList<DecodedBarcode>& barcodes);

private:
    // read() on an image known by its size, made only when needed: a JPEG
    // file's quick look decodes it at half size (`halfGray`) and the whole
    // image only if that look finds no KP1 code (readFile).
    QList<DecodedBarcode> readLooks(QSize size, const barcode::GrayImage& halfGray,
                                    const std::function<QImage()>& image, Look* foundBy) const;

    Mode m_mode;
};

} // namespace kp
