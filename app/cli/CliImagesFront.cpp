// CliImages.cpp of kpdesk-cli-core and kpdesk-cli-photo, which link neither
// Qt Gui nor Qt's image plugins (issue 22). kpdesk-cli-photo
// (KPDESK_CLI_PHOTO) reads a JPEG photo's KP1 code itself
// (barcode/PhotoQuickLook.h: libjpeg and ZXing, which kpdesk-cli-core does
// not load); any other image goes to kpdesk-cli-full, whole command line and
// all, before the command has opened anything.
#include "CliImages.h"
#include "CliRouting.h"
#include "CliSupport.h"

#ifdef KPDESK_CLI_PHOTO
#include "barcode/PhotoQuickLook.h"
#endif

#include <QFile>

#include <cerrno>
#include <climits>
#include <cstring>

namespace kp::cli {

Result<std::optional<ScanInput>> readPhotoHere([[maybe_unused]] const QString& path)
{
#ifdef KPDESK_CLI_PHOTO
    if (const auto code = barcode::kp1InJpegPhotoFile(path))
        return std::optional<ScanInput>(ScanInput{code->text, code->symbology, path});
#endif
    handOver(CliProgram::Full);
    const int execError = errno;
    char program[PATH_MAX];
    if (!programPath(CliProgram::Full, program, sizeof program))
        std::strcpy(program, programFileName(CliProgram::Full));
    return makeError(QStringLiteral("cli.unstarted"),
                     Tr::tr("kpdesk-cli: %1 could not be started: %2")
                         .arg(QFile::decodeName(program), QString::fromLocal8Bit(std::strerror(execError))));
}

Result<ScannedImage> scanImageArgument(const QString& path, bool)
{
    return makeError(QStringLiteral("cli.images-elsewhere"),
                     Tr::tr("%1: images are read by kpdesk-cli-full, not by this program.").arg(path));
}

} // namespace kp::cli
