#include "CliImages.h"

#include "verify/ImageScan.h"

#include <QBuffer>
#include <QImage>

namespace kp::cli {

Result<std::optional<ScanInput>> readPhotoHere(const QString&)
{
    return std::optional<ScanInput>();
}

Result<ScannedImage> scanImageArgument(const QString& path, bool keepPng)
{
    QImage image;
    auto scanned = scanImageFile(path, keepPng ? &image : nullptr);
    if (!scanned)
        return scanned.error();
    ScannedImage result{*scanned, {}};
    if (keepPng && !image.isNull()) {
        QBuffer buffer(&result.png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
    }
    return result;
}

} // namespace kp::cli
