// kpdesk-cli-core's CliImages.cpp: it links neither Qt Gui nor Qt's image
// plugins (issue 22). It reads a JPEG photo's KP1 code itself
// (barcode/PhotoQuickLook.h) and hands any other image to kpdesk-cli-full,
// whole command line and all, before the command has opened anything.
#include "CliImages.h"
#include "CliRouting.h"
#include "CliSupport.h"

#include "barcode/PhotoQuickLook.h"

#include <QFile>

#include <cerrno>
#include <climits>
#include <cstring>

namespace kp::cli {

Result<std::optional<ScanInput>> readPhotoHere(const QString& path)
{
    if (const auto code = barcode::kp1InJpegPhotoFile(path))
        return std::optional<ScanInput>(ScanInput{code->text, code->symbology, path});
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
