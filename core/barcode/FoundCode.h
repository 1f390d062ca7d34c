#pragma once

#include <QPointF>
#include <QString>

#include <array>

namespace kp::barcode {

// One code ZXing read, without Qt Gui (BarcodeReader makes a DecodedBarcode of it).
struct FoundCode
{
    QString symbology; // "QR Code", "Data Matrix", "Aztec", "PDF417", "Code 128", "Code 39"
    QString text;
    std::array<QPointF, 4> corners; // top left, top right, bottom right, bottom left, in image pixels
};

} // namespace kp::barcode
