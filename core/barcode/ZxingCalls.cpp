#include "barcode/ZxingCalls_p.h"

#include "util/Logging.h"

#include <ZXing/ReadBarcode.h>

#include <iterator>

namespace kp::barcode {

namespace {

QString symbologyName(ZXing::BarcodeFormat format)
{
    using F = ZXing::BarcodeFormat;
    switch (format) {
    case F::QRCode:
        return QStringLiteral("QR Code");
    case F::MicroQRCode:
        return QStringLiteral("Micro QR Code");
    case F::DataMatrix:
        return QStringLiteral("Data Matrix");
    case F::Aztec:
        return QStringLiteral("Aztec");
    case F::PDF417:
        return QStringLiteral("PDF417");
    case F::Code128:
        return QStringLiteral("Code 128");
    case F::Code39:
        return QStringLiteral("Code 39");
    default:
        return QString::fromLatin1(ZXing::ToString(format));
    }
}

// The binarizers the quick look at half size tries, in turn, until one reads
// a KP1 code. At 2-3 pixels a module, the pixels along a module's edge are
// grey, and HybridBinarizer (LocalAverage) compares them with the mean of a
// 40x40 neighbourhood, which the white quiet zone and paper raise above the
// middle grey: it calls them black, and a finder pattern's black rings come
// out a pixel wider than its white ones (3:2:9:3:3 pixels instead of about
// 3:3:8:3:3). ZXing still finds the three finder patterns, but the code is
// not read, for some phases of the modules on the pixel grid: one
// bench_verify photo in twelve, almost every code at some module sizes
// (docs/performance.md); the same photo with only the finder patterns
// thresholded at 127 reads. A global threshold (GlobalHistogram's black
// point, or 127) cuts those pixels in the middle. A later binarizer costs a
// ZXing call on the half-size copy (1-3 ms), and only when the one before
// found no KP1 code; the full-size look costs 25-30 ms.
constexpr ZXing::Binarizer QuickHalfSizeBinarizers[] = {
    ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram, ZXing::Binarizer::FixedThreshold};

} // namespace

QList<FoundCode> decode(const GrayImage& gray, const QList<ZXing::DecodeHints>& hintList, double scale,
                        QPointF shift, const Budget& budget)
{
    const ZXing::ImageView view(gray.bits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
                                int(gray.stride()));
    QList<FoundCode> out;
    try {
        ZXing::Results results;
        for (const ZXing::DecodeHints& hints : hintList) {
            if (budget.spent())
                break;
            const qint64 before = budget.elapsed();
            ZXing::Results some = ZXing::ReadBarcodes(view, hints);
            qCDebug(lcBarcode) << "ZXing" << ZXing::ToString(hints.formats()).c_str() << gray.width() << "x"
                               << gray.height() << "took" << budget.elapsed() - before << "ms";
            std::move(some.begin(), some.end(), std::back_inserter(results));
        }
        for (const ZXing::Result& r : results) {
            if (!r.isValid())
                continue;
            FoundCode code{symbologyName(r.format()), QString::fromStdString(r.text()), {}};
            const auto& p = r.position();
            int corner = 0;
            for (const auto& point : {p.topLeft(), p.topRight(), p.bottomRight(), p.bottomLeft()})
                code.corners[size_t(corner++)] = QPointF(point.x, point.y) / scale - shift;
            out.append(code);
        }
    } catch (const std::exception& e) {
        qCWarning(lcBarcode) << "decoder error:" << e.what();
    }
    return out;
}

ZXing::DecodeHints quickHints(bool withQr, bool withDataMatrix, ZXing::Binarizer binarizer)
{
    using F = ZXing::BarcodeFormat;
    ZXing::DecodeHints hints;
    ZXing::BarcodeFormats formats = F::Aztec;
    if (withQr)
        formats |= F::QRCode;
    if (withDataMatrix)
        formats |= F::DataMatrix;
    hints.setFormats(formats);
    hints.setTryHarder(false);
    hints.setTryRotate(false);
    hints.setTryDownscale(false);
    hints.setMaxNumberOfSymbols(1);
    hints.setBinarizer(binarizer);
    return hints;
}

bool startsWithKp1(const QList<FoundCode>& found)
{
    return !found.isEmpty() && found.first().text.startsWith(QLatin1String("KP1:"));
}

bool QrCensus::safe(const BlackPixels& gray, bool downscale, Pyramid* pyramid)
{
    if (m_trap)
        return false;
    if (finderSpots(gray, downscale, MaxFinderSpots, pyramid) > MaxFinderSpots) {
        m_trap = true;
        qCInfo(lcBarcode) << "more than" << MaxFinderSpots
                          << "finder-pattern-like spots: not looking for QR codes in this image";
    }
    return !m_trap;
}

QList<FoundCode> quickLookAtHalfSize(const GrayImage& half, const Budget& budget, QrCensus& census)
{
    if (half.isNull())
        return {};
    for (const ZXing::Binarizer binarizer : QuickHalfSizeBinarizers) {
        const BlackPixels pixels(half, binarizer); // for both censuses
        const ZXing::DecodeHints hints =
            quickHints(census.safe(pixels, false), !dataMatrixTrap(pixels), binarizer);
        QList<FoundCode> quick = decode(half, {hints}, 0.5, {}, budget);
        if (startsWithKp1(quick))
            return quick;
    }
    return {};
}

} // namespace kp::barcode
