// kpdesk-cli's stand-in for CliImages.cpp: it links neither Qt Gui nor ZXing
// (issue 22), and hands every command with an IMAGE to kpdesk-cli-full before
// it gets here (CliRouting). Should it ever get here, it says so; it never
// takes an image for "no barcode".
#include "CliImages.h"
#include "CliSupport.h"

namespace kp::cli {

Result<ScannedImage> scanImageArgument(const QString& path, bool)
{
    return makeError(QStringLiteral("cli.images-elsewhere"),
                     Tr::tr("%1: images are read by kpdesk-cli-full, not by this program.").arg(path));
}

} // namespace kp::cli
