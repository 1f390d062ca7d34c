#pragma once

// Images named on the command line. Only kpdesk-cli-full reads them (Qt Gui
// and ZXing); kpdesk-cli hands every command with an IMAGE to it
// (CliRouting.h), so its own build of this never decodes anything.

#include "util/Result.h"
#include "verify/Inspection.h"

#include <QByteArray>

namespace kp::cli {

struct ScannedImage
{
    ScanInput input;
    QByteArray png; // the image as PNG, when asked for: kept with the inspection
};

// The barcode in one image file, read once: the PNG is made from the very
// pixels that were decoded.
Result<ScannedImage> scanImageArgument(const QString& path, bool keepPng);

} // namespace kp::cli
