#pragma once

// Images named on the command line. kpdesk-cli-full reads them (Qt Gui and
// ZXing: CliImages.cpp); kpdesk-cli-core reads only a JPEG photo's KP1 code
// for `verify`, without Qt Gui, and hands anything else to kpdesk-cli-full
// (CliImagesFront.cpp, CliRouting.h).

#include "util/Result.h"
#include "verify/Inspection.h"

#include <QByteArray>

#include <optional>

namespace kp::cli {

struct ScannedImage
{
    ScanInput input;
    QByteArray png; // the image as PNG, when asked for: kept with the inspection
};

// The barcode in one image file, read once: the PNG is made from the very
// pixels that were decoded.
Result<ScannedImage> scanImageArgument(const QString& path, bool keepPng);

// Called before a command opens anything. kpdesk-cli-core: the KP1 code of
// a JPEG photo it reads itself, or, for any other image, the process
// replaced by kpdesk-cli-full with the same command line; an error only
// when that could not be started. kpdesk-cli-full: nothing, the image is
// read by scanImageArgument.
Result<std::optional<ScanInput>> readPhotoHere(const QString& path);

} // namespace kp::cli
