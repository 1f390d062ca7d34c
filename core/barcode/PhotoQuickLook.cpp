#include "barcode/PhotoQuickLook.h"

#include "barcode/ImageLimits.h"
#include "barcode/JpegGray.h"
#include "barcode/ZxingCalls_p.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kp::barcode {

std::optional<FoundCode> kp1InJpegPhoto(const QByteArray& bytes)
{
    const Budget budget(passBudgetMs());
    const std::optional<JpegHalf> jpeg = decodeJpegGrayHalf(bytes, MinSideForHalfSize);
    if (!jpeg)
        return std::nullopt;
    QrCensus census;
    const QList<FoundCode> found = quickLookAtHalfSize(jpeg->half, budget, census);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<FoundCode> kp1InJpegPhotoFile(const QString& path)
{
    // A regular file only, asked of what was opened, and opened without
    // waiting: a pipe would block the open, or be read empty for the reader
    // the caller hands it to.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    QFile file;
    struct stat opened = {};
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return std::nullopt;
    }
    if (fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode) || opened.st_size > MaxImageFileSize)
        return std::nullopt;
    const QByteArray bytes = file.read(MaxImageFileSize + 1);
    if (bytes.isEmpty() || bytes.size() > MaxImageFileSize)
        return std::nullopt;
    return kp1InJpegPhoto(bytes);
}

} // namespace kp::barcode
