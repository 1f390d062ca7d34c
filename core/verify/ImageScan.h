#pragma once

#include "barcode/BarcodeReader.h"
#include "util/Result.h"
#include "verify/Inspection.h"

class QImage;

namespace kp {

// From an image to what the verifier reads: the KP1 barcode if there is one,
// else the first barcode found. Error codes: "barcode.*" from the reader
// (unreadable file), "scan.no-barcode" (nothing found). The command line and
// the window's intake both read images through these.
Result<ScanInput> scanImageFile(const QString& path, QImage* loaded = nullptr);
Result<ScanInput> scanImage(const QImage& image);

// The barcode these choose among several: the KP1 one, else the first
// (nullptr when there is none).
const DecodedBarcode* preferredBarcode(const QList<DecodedBarcode>& found);

} // namespace kp
