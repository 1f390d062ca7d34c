#include "barcode/BarcodeWriter.h"

#include <QCoreApplication>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

namespace kp {

namespace {

ZXing::BarcodeFormat formatOf(BarcodeWriter::Symbology symbology)
{
    using S = BarcodeWriter::Symbology;
    switch (symbology) {
    case S::Qr:
        return ZXing::BarcodeFormat::QRCode;
    case S::DataMatrix:
        return ZXing::BarcodeFormat::DataMatrix;
    case S::Aztec:
        return ZXing::BarcodeFormat::Aztec;
    case S::Pdf417:
        return ZXing::BarcodeFormat::PDF417;
    case S::Code128:
        break;
    }
    return ZXing::BarcodeFormat::Code128;
}

} // namespace

Result<QImage> BarcodeWriter::render(const QString& text, Symbology symbology, int modulePixels,
                                     int quietZoneModules)
{
    const auto fail = [](const QString& why) {
        return makeError(
            QStringLiteral("barcode.encode"),
            QCoreApplication::translate("kp::BarcodeWriter", "Cannot print this barcode: %1").arg(why));
    };
    if (text.isEmpty() || modulePixels < 1 || quietZoneModules < 0)
        return fail(QCoreApplication::translate("kp::BarcodeWriter", "nothing to print."));
    if (symbology == Symbology::Code128) {
        for (const QChar c : text) {
            if (c.unicode() > 0x7E || c.unicode() < 0x20)
                return fail(QCoreApplication::translate("kp::BarcodeWriter",
                                                        "Code 128 carries printable ASCII only."));
        }
    }
    ZXing::BitMatrix matrix;
    try {
        ZXing::MultiFormatWriter writer(formatOf(symbology));
        writer.setMargin(0);
        if (symbology == Symbology::Qr)
            writer.setEccLevel(6); // Q
        // A size of 0 asks for the smallest matrix: one pixel per module.
        matrix = writer.encode(text.toStdString(), 0, 0);
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
    if (matrix.width() <= 0 || matrix.height() <= 0)
        return fail(QCoreApplication::translate("kp::BarcodeWriter", "the encoder produced nothing."));

    // 1D codes are drawn taller than one module.
    const bool linear = symbology == Symbology::Code128;
    const int rows = linear ? std::max(matrix.height(), 40) : matrix.height();
    const int margin = quietZoneModules * modulePixels;
    QImage image(matrix.width() * modulePixels + 2 * margin, rows * modulePixels + 2 * margin,
                 QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < rows; ++y) {
        const int sourceY = linear ? 0 : y;
        for (int x = 0; x < matrix.width(); ++x) {
            if (!matrix.get(x, sourceY))
                continue;
            for (int dy = 0; dy < modulePixels; ++dy) {
                uchar* line = image.scanLine(margin + y * modulePixels + dy);
                std::fill_n(line + margin + x * modulePixels, modulePixels, uchar(0));
            }
        }
    }
    return image;
}

} // namespace kp
