// An image through the barcode reader (core/barcode/BarcodeReader), as a
// file dropped or mailed to the desk: any format Qt reads, at most
// 512 x 512 pixels here so that each run stays short. A JPEG also goes
// through kpdesk-cli-core's quick look (libjpeg to grey at half size, the
// censuses, ZXing; barcode/PhotoQuickLook.cpp), which reads only photos of
// 1000 pixels a side and more: here at any size.
#include "FuzzSupport.h"
#include "barcode/BarcodeReader.h"
#include "barcode/JpegGray.h"
#include "barcode/ZxingCalls_p.h"

#include <QBuffer>
#include <QImageReader>

using namespace kp;

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv, true);
    QImageReader::setAllocationLimit(32); // megabytes
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QByteArray input = fuzz::bytes(data, size);
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize dimensions = reader.size();
    if (!dimensions.isValid() || dimensions.width() > 512 || dimensions.height() > 512)
        return 0;
    const QImage image = reader.read();
    if (image.isNull() || image.width() > 512 || image.height() > 512)
        return 0;
    for (const DecodedBarcode& code : BarcodeReader(BarcodeReader::Mode::StopAtKp1).read(image))
        if (code.symbology.isEmpty())
            fuzz::fail("a barcode without a symbology");
    if (const auto jpeg = barcode::decodeJpegGrayHalf(input, 0)) {
        barcode::QrCensus census;
        const barcode::Budget budget(barcode::passBudgetMs());
        for (const barcode::FoundCode& code : barcode::quickLookAtHalfSize(jpeg->half, budget, census))
            if (!code.text.startsWith(QLatin1String("KP1:")))
                fuzz::fail("the quick look answered with a code that is not KP1");
    }
    return 0;
}
