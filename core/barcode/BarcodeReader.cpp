#include "barcode/BarcodeReader.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <functional>
#include <iterator>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::BarcodeReader)
};

QString symbologyName(ZXing::BarcodeFormat format)
{
    using F = ZXing::BarcodeFormat;
    switch (format) {
    case F::QRCode:
        return QStringLiteral("QR Code");
    case F::MicroQRCode:
        return QStringLiteral("Micro QR Code");
    case F::DataMatrix:
        return QStringLiteral("Data Matrix");
    case F::Aztec:
        return QStringLiteral("Aztec");
    case F::PDF417:
        return QStringLiteral("PDF417");
    case F::Code128:
        return QStringLiteral("Code 128");
    case F::Code39:
        return QStringLiteral("Code 39");
    default:
        return QString::fromLatin1(ZXing::ToString(format));
    }
}

// Two readings per image, because ZXing 1.4 as Debian builds it keeps its
// assertions: comparing two results of one linear code (the same Code 128
// found at two scales, or printed twice) aborts the process (zxing-cpp
// issues #516, #740). Matrix codes compare safely; linear codes are read at
// one scale and one at a time, so no two of them are ever compared.
QList<ZXing::DecodeHints> hintsFor(ZXing::Binarizer binarizer)
{
    using F = ZXing::BarcodeFormat;
    ZXing::DecodeHints matrix;
    matrix.setFormats(F::QRCode | F::DataMatrix | F::Aztec | F::PDF417);
    matrix.setTryHarder(true);
    matrix.setTryRotate(true);
    matrix.setTryDownscale(true);
    matrix.setBinarizer(binarizer);
    ZXing::DecodeHints linear = matrix;
    linear.setFormats(F::Code128 | F::Code39);
    linear.setTryDownscale(false);
    linear.setMaxNumberOfSymbols(1);
    return {matrix, linear};
}

// The quick look: matrix codes only, first symbol found, no rotations (QR,
// Data Matrix and Aztec read in any orientation anyway).
ZXing::DecodeHints quickHints()
{
    using F = ZXing::BarcodeFormat;
    ZXing::DecodeHints hints;
    hints.setFormats(F::QRCode | F::DataMatrix | F::Aztec);
    hints.setTryHarder(false);
    hints.setTryRotate(false);
    hints.setTryDownscale(false);
    hints.setMaxNumberOfSymbols(1);
    return hints;
}

QList<DecodedBarcode> decode(const QImage& gray, const QList<ZXing::DecodeHints>& hintList, double scale,
                             QPointF shift)
{
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
                                int(gray.bytesPerLine()));
    QList<DecodedBarcode> out;
    try {
        ZXing::Results results;
        for (const ZXing::DecodeHints& hints : hintList) {
            ZXing::Results some = ZXing::ReadBarcodes(view, hints);
            std::move(some.begin(), some.end(), std::back_inserter(results));
        }
        for (const ZXing::Result& r : results) {
            if (!r.isValid())
                continue;
            QPolygonF corners;
            const auto& p = r.position();
            for (const auto& point : {p.topLeft(), p.topRight(), p.bottomRight(), p.bottomLeft()})
                corners << QPointF(point.x, point.y) / scale - shift;
            out.append({symbologyName(r.format()), QString::fromStdString(r.text()), corners});
        }
    } catch (const std::exception& e) {
        qCWarning(lcBarcode) << "decoder error:" << e.what();
    }
    return out;
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

// Luminance at half size, each pixel the mean of a 2x2 block: the quick
// look at a photo reads a quarter of the pixels and converts nothing else.
QImage halvedGray(const QImage& image)
{
    const QImage rgb = (image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32)
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    QImage out(rgb.width() / 2, rgb.height() / 2, QImage::Format_Grayscale8);
    if (out.isNull())
        return out;
    const auto luma = [](QRgb p) {
        return qRed(p) * 77 + qGreen(p) * 150 + qBlue(p) * 29;
    };
    const int width = out.width();
    const int height = out.height();
    for (int y = 0; y < height; ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(rgb.constScanLine(2 * y));
        const auto* b = reinterpret_cast<const QRgb*>(rgb.constScanLine(2 * y + 1));
        uchar* o = out.scanLine(y);
        for (int x = 0; x < width; ++x)
            o[x] = uchar((luma(a[2 * x]) + luma(a[2 * x + 1]) + luma(b[2 * x]) + luma(b[2 * x + 1])) >> 10);
    }
    return out;
}

QImage padded(const QImage& gray, int border)
{
    QImage out(gray.width() + 2 * border, gray.height() + 2 * border, QImage::Format_Grayscale8);
    out.fill(Qt::white);
    QPainter(&out).drawImage(border, border, gray);
    return out;
}

} // namespace

QList<DecodedBarcode> BarcodeReader::read(const QImage& image) const
{
    if (image.isNull() || qint64(image.width()) * image.height() > MaxPixels)
        return {};
    const auto isKp1 = [](const QList<DecodedBarcode>& found) {
        return !found.isEmpty() && found.first().text.startsWith(QLatin1String("KP1:"));
    };
    // A photo's code is usually many pixels per module: look at half size first.
    if (m_mode == Mode::StopAtKp1 && std::min(image.width(), image.height()) >= 1000) {
        QList<DecodedBarcode> quick = decode(halvedGray(image), {quickHints()}, 0.5, {});
        if (isKp1(quick))
            return quick;
    }
    const QImage gray = toGray(image);
    if (gray.isNull())
        return {};
    if (m_mode == Mode::StopAtKp1) {
        QList<DecodedBarcode> quick = decode(gray, {quickHints()}, 1.0, {});
        if (isKp1(quick))
            return quick;
    }

    // Each pass: a transformed copy, how to map points back, and hints.
    struct Pass
    {
        std::function<QImage()> image;
        double scale;
        int border;
        ZXing::Binarizer binarizer;
    };
    const int border = std::max(16, std::min(gray.width(), gray.height()) / 10);
    const QList<Pass> passes{
        {[&] { return gray; }, 1.0, 0, ZXing::Binarizer::LocalAverage},
        {[&] { return gray; }, 1.0, 0, ZXing::Binarizer::GlobalHistogram},
        // No quiet zone: give it one.
        {[&] { return padded(gray, border); }, 1.0, border, ZXing::Binarizer::LocalAverage},
        {[&] { return padded(gray, border); }, 1.0, border, ZXing::Binarizer::GlobalHistogram},
        // Fractional module scaling or a tiny code: smooth rescales even out the modules.
        {[&] {
             return padded(gray, border)
                 .scaled(gray.size() * 2 + QSize(4, 4) * border, Qt::KeepAspectRatio,
                         Qt::SmoothTransformation);
         },
         2.0, border, ZXing::Binarizer::LocalAverage},
        {[&] {
             return padded(gray, border)
                 .scaled((gray.size() + QSize(2, 2) * border) / 2, Qt::KeepAspectRatio,
                         Qt::SmoothTransformation);
         },
         0.5, border, ZXing::Binarizer::LocalAverage},
        {[&] { return padded(gray, border); }, 1.0, border, ZXing::Binarizer::FixedThreshold},
    };
    for (const Pass& pass : passes) {
        const QImage candidate = pass.image();
        if (candidate.isNull())
            continue;
        QList<DecodedBarcode> found =
            decode(candidate, hintsFor(pass.binarizer), pass.scale, QPointF(pass.border, pass.border));
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
            return unique;
        }
    }
    return {};
}

Result<QList<DecodedBarcode>> BarcodeReader::readFile(const QString& path, QImage* loaded) const
{
    const QFileInfo info(path);
    if (!info.isFile())
        return makeError(QStringLiteral("barcode.unreadable-file"), Tr::tr("There is no file %1.").arg(path));
    if (info.size() == 0)
        return makeError(QStringLiteral("barcode.unreadable-file"),
                         Tr::tr("The file %1 is empty.").arg(path));
    if (info.size() > MaxFileSize)
        return makeError(QStringLiteral("barcode.too-large"),
                         Tr::tr("The file %1 is too large for an image.").arg(path));
    QImageReader reader(path);
    reader.setAutoTransform(true); // phone photos carry their rotation in EXIF
    reader.setDecideFormatFromContent(true);
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > MaxPixels)
        return makeError(
            QStringLiteral("barcode.too-large"),
            Tr::tr("The image %1 has more than %2 megapixels.").arg(path).arg(MaxPixels / 1'000'000));
    const QImage image = reader.read();
    if (image.isNull())
        return makeError(QStringLiteral("barcode.unreadable-file"),
                         Tr::tr("%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2")
                             .arg(path, reader.errorString()));
    if (loaded)
        *loaded = image;
    return read(image);
}

void BarcodeReader::preferKp1(QList<DecodedBarcode>& barcodes)
{
    std::stable_partition(barcodes.begin(), barcodes.end(),
                          [](const DecodedBarcode& b) { return b.text.startsWith(QLatin1String("KP1:")); });
}

} // namespace kp
