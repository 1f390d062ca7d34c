#pragma once

#include <QString>

namespace kp {

// The ZXing-C++ version the barcode reader was built with ("ZXing-C++ 1.4.0"),
// for Help > About and bug reports.
QString barcodeLibraryVersion();

} // namespace kp
