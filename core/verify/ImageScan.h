#pragma once

#include "util/Result.h"
#include "verify/Inspection.h"

class QImage;

namespace kp {

// From an image to what the verifier reads: the KP1 barcode if there is one,
// else the first barcode found. Error codes: "barcode.*" from the reader
// (unreadable file), "scan.no-barcode" (nothing found).
Result<ScanInput> scanImageFile(const QString& path);
Result<ScanInput> scanImage(const QImage& image);

} // namespace kp
