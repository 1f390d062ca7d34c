#include "verify/ImageScan.h"

#include "barcode/BarcodeReader.h"
#include "format/Kp1.h"

#include <QCoreApplication>
#include <QImage>

namespace kp {

namespace {

Result<ScanInput> pick(const QList<DecodedBarcode>& found, const QString& file)
{
    if (found.isEmpty())
        return makeError(QStringLiteral("scan.no-barcode"),
                         QCoreApplication::translate("kp::ImageScan", "No barcode was found in the image."));
    const DecodedBarcode* chosen = &found.first();
    for (const DecodedBarcode& b : found) {
        if (Kp1::hasPrefix(b.text)) {
            chosen = &b;
            break;
        }
    }
    return ScanInput{chosen->text, chosen->symbology, file};
}

} // namespace

Result<ScanInput> scanImageFile(const QString& path)
{
    auto found = BarcodeReader(BarcodeReader::Mode::StopAtKp1).readFile(path);
    if (!found)
        return found.error();
    return pick(*found, path);
}

Result<ScanInput> scanImage(const QImage& image)
{
    return pick(BarcodeReader(BarcodeReader::Mode::StopAtKp1).read(image), QString());
}

} // namespace kp
