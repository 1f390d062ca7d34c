#pragma once

#include "util/Result.h"

#include <QImage>
#include <QString>

namespace kp {

// Prints barcodes with ZXing's writer, as kp1-barcode.md advises: QR at ECC
// level Q, whole square modules (no fractional scaling) and a quiet zone.
class BarcodeWriter
{
public:
    enum class Symbology { Qr, DataMatrix, Aztec, Pdf417, Code128 };

    // Error code "barcode.encode" (text the symbology cannot carry).
    static Result<QImage> render(const QString& text, Symbology symbology, int modulePixels = 4,
                                 int quietZoneModules = 4);
};

} // namespace kp
