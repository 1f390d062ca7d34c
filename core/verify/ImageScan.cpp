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
    const DecodedBarcode* chosen = preferredBarcode(found);
    return ScanInput{chosen->text, chosen->symbology, file};
}

} // namespace

const DecodedBarcode* preferredBarcode(const QList<DecodedBarcode>& found)
{
    for (const DecodedBarcode& b : found)
        if (Kp1::hasPrefix(b.text))
            return &b;
    return found.isEmpty() ? nullptr : &found.first();
}

Result<ScanInput> scanImageFile(const QString& path, QImage* loaded)
{
    auto found = BarcodeReader(BarcodeReader::Mode::StopAtKp1).readFile(path, loaded);
    if (!found)
        return found.error();
    return pick(*found, path);
}

Result<ScanInput> scanImage(const QImage& image)
{
    return pick(BarcodeReader(BarcodeReader::Mode::StopAtKp1).read(image), QString());
}

} // namespace kp
