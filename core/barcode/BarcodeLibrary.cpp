#include "barcode/BarcodeLibrary.h"

#include <ZXing/ZXVersion.h>

namespace kp {

QString barcodeLibraryVersion()
{
    return QStringLiteral("ZXing-C++ %1.%2.%3")
        .arg(ZXING_VERSION_MAJOR)
        .arg(ZXING_VERSION_MINOR)
        .arg(ZXING_VERSION_PATCH);
}

} // namespace kp
