#include "barcode/BarcodeReader.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::BarcodeReader)
};

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

// Three readings per image. Linear codes apart, because ZXing 1.4 as Debian
// builds it keeps its assertions: comparing two results of one linear code
// (the same Code 128 found at two scales, or printed twice) aborts the
// process (zxing-cpp issues #516, #740). Matrix codes compare safely; linear
// codes are read at one scale and one at a time, so no two of them are ever
// compared. Data Matrix apart too, because it may be given a smaller copy
// (see the Data Matrix census below).
ZXing::DecodeHints matrixHints(ZXing::Binarizer binarizer, bool withQr)
{
    using F = ZXing::BarcodeFormat;
    ZXing::DecodeHints matrix;
    matrix.setFormats(withQr ? F::QRCode | F::Aztec | F::PDF417 : F::Aztec | F::PDF417);
    matrix.setTryHarder(true);
    matrix.setTryRotate(true);
    matrix.setTryDownscale(true);
    matrix.setBinarizer(binarizer);
    return matrix;
}

ZXing::DecodeHints dataMatrixHints(ZXing::Binarizer binarizer)
{
    ZXing::DecodeHints hints = matrixHints(binarizer, false);
    hints.setFormats(ZXing::BarcodeFormat::DataMatrix);
    return hints;
}

ZXing::DecodeHints linearHints(ZXing::Binarizer binarizer)
{
    using F = ZXing::BarcodeFormat;
    ZXing::DecodeHints linear = matrixHints(binarizer, false);
    linear.setFormats(F::Code128 | F::Code39);
    linear.setTryDownscale(false);
    linear.setMaxNumberOfSymbols(1);
    return linear;
}

// The quick look: matrix codes only, first symbol found, no rotations (QR,
// Data Matrix and Aztec read in any orientation anyway).
ZXing::DecodeHints quickHints(bool withQr, bool withDataMatrix)
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
    return hints;
}

// The time one image's reading may take. ZXing cannot be stopped inside a
// call, so this is looked at before each call, and the censuses below keep
// every call short. It counts the reading thread's CPU time, the work done:
// on a machine busy with other programs the wall clock runs ahead of it, and
// a wall-clock budget would give up on a plain scan before reading it.
class Budget
{
public:
    explicit Budget(qint64 ms) : m_ms(ms), m_start(now()) {}
    bool spent() const { return elapsed() > m_ms; }
    qint64 elapsed() const { return (now() - m_start) / 1'000'000; }

private:
    static qint64 now()
    {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
    }
    qint64 m_ms;
    qint64 m_start;
};

// One ZXing call per hints, each only while the budget lasts.
QList<DecodedBarcode> decode(const QImage& gray, const QList<ZXing::DecodeHints>& hintList, double scale,
                             QPointF shift, const Budget& budget)
{
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
                                int(gray.bytesPerLine()));
    QList<DecodedBarcode> out;
    try {
        ZXing::Results results;
        for (const ZXing::DecodeHints& hints : hintList) {
            if (budget.spent())
                break;
            const qint64 before = budget.elapsed();
            ZXing::Results some = ZXing::ReadBarcodes(view, hints);
            qCDebug(lcBarcode) << "ZXing" << ZXing::ToString(hints.formats()).c_str() << gray.size() << "took"
                               << budget.elapsed() - before << "ms";
            std::move(some.begin(), some.end(), std::back_inserter(results));
        }
        for (const ZXing::Result& r : results) {
            if (!r.isValid())
                continue;
            QPolygonF corners;
            const auto& p = r.position();
            for (const auto& point : {p.topLeft(), p.topRight(), p.bottomRight(), p.bottomLeft()})
                corners << QPointF(point.x, point.y) / scale - shift;
            out.append({symbologyName(r.format()), QString::fromStdString(r.text()), corners});
        }
    } catch (const std::exception& e) {
        qCWarning(lcBarcode) << "decoder error:" << e.what();
    }
    return out;
}

// Luminance, fast: QImage::convertToFormat(Grayscale8) goes through colour
// management and takes 10-20 ms for a 2-megapixel photo; this takes ~1 ms.
QImage toGray(const QImage& image)
{
    if (image.format() == QImage::Format_Grayscale8)
        return image;
    const QImage rgb = (image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32)
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    QImage gray(rgb.size(), QImage::Format_Grayscale8);
    if (gray.isNull())
        return gray;
    const int width = rgb.width();
    const int height = rgb.height();
    for (int y = 0; y < height; ++y) {
        const auto* in = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        uchar* out = gray.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const QRgb p = in[x];
            out[x] = uchar((qRed(p) * 77 + qGreen(p) * 150 + qBlue(p) * 29) >> 8);
        }
    }
    return gray;
}

QImage boxDown(const QImage& gray, int factor);

// Luminance at half size, each pixel the mean of a 2x2 block: the quick
// look at a photo reads a quarter of the pixels and converts nothing else.
QImage halvedGray(const QImage& image)
{
    if (image.format() == QImage::Format_Grayscale8) // no colour copy of a grey scan
        return boxDown(image, 2);
    const QImage rgb = (image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32)
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    QImage out(rgb.width() / 2, rgb.height() / 2, QImage::Format_Grayscale8);
    if (out.isNull())
        return out;
    const auto luma = [](QRgb p) {
        return qRed(p) * 77 + qGreen(p) * 150 + qBlue(p) * 29;
    };
    const int width = out.width();
    const int height = out.height();
    for (int y = 0; y < height; ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(rgb.constScanLine(2 * y));
        const auto* b = reinterpret_cast<const QRgb*>(rgb.constScanLine(2 * y + 1));
        uchar* o = out.scanLine(y);
        for (int x = 0; x < width; ++x)
            o[x] = uchar((luma(a[2 * x]) + luma(a[2 * x + 1]) + luma(b[2 * x]) + luma(b[2 * x + 1])) >> 10);
    }
    return out;
}

// ---- Finder-pattern census -------------------------------------------------
//
// ZXing 1.4's QR detector tries every triple of the finder patterns it finds
// (GenerateFinderPatternSets), so its time grows with the cube of their
// number: an 800x800 PNG of 3 KB tiled with finder patterns keeps one call
// busy for minutes, and nothing can interrupt ZXing. So before a QR pass the
// reader counts finder-pattern-like spots the way ZXing will see them: the
// same binarization (HybridBinarizer's 8x8 blocks, GlobalHistogram's black
// point, the fixed 127), every layer of the downscaled pyramid ZXing builds,
// a 1:1:3:1:1 run across the rows ZXing reads, confirmed down the column. A QR code has three (and its data a
// few look-alikes, up to 30 in a blurred photo); past MaxFinderSpots (ZXing: 45 ms a pass) the image is a
// trap, and the QR passes are left out.
constexpr int MaxFinderSpots = 100;
// The doubled copy is for small pictures of small codes.
constexpr qint64 MaxPixelsToDouble = 4'000'000;
// ZXing's pyramid (ReadBarcode.cpp, LumImagePyramid) with DecodeHints' defaults.
constexpr int PyramidThreshold = 500;
constexpr int PyramidFactor = 3;

// A 1/factor copy, each pixel the mean of a factor x factor block, as ZXing's pyramid makes.
QImage boxDown(const QImage& gray, int factor)
{
    QImage out(gray.width() / factor, gray.height() / factor, QImage::Format_Grayscale8);
    if (out.isNull())
        return out;
    const int width = out.width();
    std::vector<int> sum(size_t(width), 0);
    for (int y = 0; y < out.height(); ++y) {
        std::fill(sum.begin(), sum.end(), 0);
        for (int dy = 0; dy < factor; ++dy) {
            const uchar* in = gray.constScanLine(y * factor + dy);
            for (int x = 0; x < width; ++x)
                for (int dx = 0; dx < factor; ++dx)
                    sum[size_t(x)] += in[x * factor + dx];
        }
        uchar* o = out.scanLine(y);
        for (int x = 0; x < width; ++x)
            o[x] = uchar(sum[size_t(x)] / (factor * factor));
    }
    return out;
}

// GlobalHistogramBinarizer's black point (ZXing's EstimateBlackPoint), or -1
// when the picture has too little contrast (ZXing then sees nothing).
int globalBlackPoint(const QImage& gray)
{
    constexpr int Shift = 3;
    constexpr int Buckets = 256 >> Shift;
    std::array<int, Buckets> buckets{};
    const int width = gray.width();
    const int height = gray.height();
    for (int y = 1; y < 5; ++y) {
        const uchar* row = gray.constScanLine(height * y / 5);
        for (int x = width / 5; x < width * 4 / 5; ++x)
            ++buckets[size_t(row[x] >> Shift)];
    }
    const auto tallest = std::max_element(buckets.begin(), buckets.end());
    int first = int(tallest - buckets.begin());
    const int maxCount = *tallest;
    int second = 0;
    long long secondScore = 0;
    for (int x = 0; x < Buckets; ++x) {
        const long long score = (long long)buckets[size_t(x)] * (x - first) * (x - first);
        if (score > secondScore) {
            second = x;
            secondScore = score;
        }
    }
    if (first > second)
        std::swap(first, second);
    if (second - first <= Buckets / 16)
        return -1;
    int valley = second - 1;
    long long valleyScore = -1;
    for (int x = second - 1; x > first; --x) {
        const long long fromFirst = x - first;
        const long long score = fromFirst * fromFirst * (second - x) * (maxCount - buckets[size_t(x)]);
        if (score > valleyScore) {
            valley = x;
            valleyScore = score;
        }
    }
    return valley << Shift;
}

// Which pixels a binarizer calls black: one level, or HybridBinarizer's
// threshold per 8x8 block.
class BlackPixels
{
public:
    BlackPixels(const QImage& gray, ZXing::Binarizer binarizer) : m_gray(gray)
    {
        using B = ZXing::Binarizer;
        const bool hybrid = binarizer == B::LocalAverage && gray.width() >= 40 && gray.height() >= 40;
        if (binarizer == B::FixedThreshold)
            m_level = 127;
        else if (binarizer == B::BoolCast)
            m_level = 0;
        else if (!hybrid)
            m_level = globalBlackPoint(gray) - 1; // ZXing: black when below the black point
        else
            computeBlocks();
    }

    bool valid() const { return m_level >= 0 || !m_blocks.empty(); }
    int width() const { return m_gray.width(); }
    int height() const { return m_gray.height(); }
    // One row, 1 for black.
    void row(int y, std::vector<uchar>& out) const
    {
        const uchar* in = m_gray.constScanLine(y);
        const int width = m_gray.width();
        out.resize(size_t(width));
        if (m_blocks.empty()) {
            for (int x = 0; x < width; ++x)
                out[size_t(x)] = in[x] <= m_level;
            return;
        }
        const int* thresholds = &m_blocks[size_t(std::min(y >> 3, m_blocksDown - 1) * m_blocksAcross)];
        for (int bx = 0; bx < m_blocksAcross; ++bx) {
            const int threshold = thresholds[bx];
            for (int x = bx * 8; x < std::min(width, bx * 8 + 8); ++x)
                out[size_t(x)] = in[x] <= threshold;
        }
    }
    bool black(int x, int y) const
    {
        const int v = m_gray.constScanLine(y)[x];
        if (m_blocks.empty())
            return v <= m_level;
        return v <= m_blocks[size_t(std::min(y >> 3, m_blocksDown - 1) * m_blocksAcross +
                                    std::min(x >> 3, m_blocksAcross - 1))];
    }

private:
    // HybridBinarizer (ZXing 1.4): a black point per block, then the mean of
    // the 5x5 blocks around each block as its threshold.
    void computeBlocks()
    {
        const int width = m_gray.width();
        const int height = m_gray.height();
        m_blocksAcross = (width + 7) / 8;
        m_blocksDown = (height + 7) / 8;
        std::vector<int> points(size_t(m_blocksAcross * m_blocksDown));
        const auto at = [&](std::vector<int>& v, int bx, int by) -> int& {
            return v[size_t(by * m_blocksAcross + bx)];
        };
        for (int by = 0; by < m_blocksDown; ++by) {
            const int top = std::min(by * 8, height - 8);
            for (int bx = 0; bx < m_blocksAcross; ++bx) {
                const int left = std::min(bx * 8, width - 8);
                int sum = 0;
                int lo = 255;
                int hi = 0;
                for (int y = 0; y < 8; ++y) {
                    const uchar* row = m_gray.constScanLine(top + y) + left;
                    for (int x = 0; x < 8; ++x) {
                        sum += row[x];
                        lo = std::min<int>(lo, row[x]);
                        hi = std::max<int>(hi, row[x]);
                    }
                }
                int average = sum / 64;
                if (hi - lo <= 24) {
                    average = lo / 2;
                    if (by > 0 && bx > 0) {
                        const int neighbours = (at(points, bx, by - 1) + 2 * at(points, bx - 1, by) +
                                                at(points, bx - 1, by - 1)) /
                                               4;
                        if (lo < neighbours)
                            average = neighbours;
                    }
                }
                at(points, bx, by) = average;
            }
        }
        m_blocks.assign(points.size(), 0);
        for (int by = 0; by < m_blocksDown; ++by) {
            const int cy = std::clamp(by, 2, std::max(2, m_blocksDown - 3));
            for (int bx = 0; bx < m_blocksAcross; ++bx) {
                const int cx = std::clamp(bx, 2, std::max(2, m_blocksAcross - 3));
                int sum = 0;
                int n = 0;
                for (int y = cy - 2; y <= cy + 2; ++y)
                    for (int x = cx - 2; x <= cx + 2; ++x)
                        if (y >= 0 && y < m_blocksDown && x >= 0 && x < m_blocksAcross) {
                            sum += at(points, x, y);
                            ++n;
                        }
                at(m_blocks, bx, by) = sum / std::max(1, n);
            }
        }
    }

    const QImage& m_gray;
    int m_level = -1;
    int m_blocksAcross = 0;
    int m_blocksDown = 0;
    std::vector<int> m_blocks;
};

// Runs b, w, b, w, b in the proportions 1:1:3:1:1, edge to edge as ZXing
// measures them, a little more loosely than ZXing does.
bool finderRuns(const std::array<int, 5>& r)
{
    if (r[2] < 3 || r[2] < 2 * std::max(r[0], r[4]) || r[2] < std::max(r[1], r[3]))
        return false;
    const double module = (r[0] + r[1] + r[2] + r[3] + r[4]) / 7.0;
    const double slack = module * 0.75;
    return std::abs(r[0] + r[1] - 2 * module) <= slack && std::abs(r[1] + r[2] - 4 * module) <= slack &&
           std::abs(r[2] + r[3] - 4 * module) <= slack && std::abs(r[3] + r[4] - 2 * module) <= slack;
}

// The same runs down column x through row y, or nothing.
bool finderColumn(const BlackPixels& px, int x, int y, int span, double* centreY, int* height)
{
    if (!px.black(x, y))
        return false;
    const int limit = 2 * span;
    const auto run = [&](int from, int step, bool colour) {
        int n = 0;
        for (int yy = from; yy >= 0 && yy < px.height() && px.black(x, yy) == colour && n <= limit;
             yy += step)
            ++n;
        return n;
    };
    const int up2 = run(y, -1, true);
    const int down2 = run(y, 1, true);
    const int up1 = run(y - up2, -1, false);
    const int down1 = run(y + down2, 1, false);
    const int up0 = run(y - up2 - up1, -1, true);
    const int down0 = run(y + down2 + down1, 1, true);
    const std::array<int, 5> r{up0, up1, up2 + down2 - 1, down1, down0};
    if (std::min({up0, up1, down1, down0}) == 0 || !finderRuns(r))
        return false;
    *centreY = y - up2 + 1 + r[2] / 2.0;
    *height = r[0] + r[1] + r[2] + r[3] + r[4];
    return true;
}

// Finder-pattern-like spots in one binarized image, counting no further than limit + 1.
int countFinderSpots(const BlackPixels& px, int limit)
{
    struct Spot
    {
        double x, y, size;
    };
    std::vector<Spot> spots;
    std::vector<uchar> pixels;
    // The rows ZXing's finder reads when it tries hardest (every third: a
    // centre it accepts is at least 3 pixels across).
    for (int y = 2; y < px.height(); y += 3) {
        px.row(y, pixels);
        std::array<int, 5> runs{}; // the last five runs, newest last
        int completed = 0;
        bool colour = false; // rows start white, as ZXing reads them
        int length = 0;
        for (int x = 0; x <= px.width(); ++x) {
            const bool b = x < px.width() && pixels[size_t(x)];
            if (x < px.width() && b == colour) {
                ++length;
                continue;
            }
            runs = {runs[1], runs[2], runs[3], runs[4], length};
            ++completed;
            if (colour && completed >= 5 && finderRuns(runs)) {
                const int span = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
                const int centreX = x - runs[4] - runs[3] - (runs[2] + 1) / 2;
                double centreY = 0;
                int height = 0;
                // A finder pattern is square, turned or not: as tall as it is wide.
                if (finderColumn(px, centreX, y, span, &centreY, &height) &&
                    std::max(span, height) * 5 <= std::min(span, height) * 8) {
                    const Spot s{centreX + 0.5, centreY, (span + height) / 2.0};
                    const bool known = std::any_of(spots.cbegin(), spots.cend(), [&](const Spot& o) {
                        return std::hypot(o.x - s.x, o.y - s.y) < std::max(o.size, s.size) / 2;
                    });
                    if (!known) {
                        spots.push_back(s);
                        if (int(spots.size()) > limit)
                            return int(spots.size());
                    }
                }
            }
            colour = b;
            length = 1;
        }
    }
    return int(spots.size());
}

// The most finder-pattern-like spots ZXing would meet in one layer of its
// pyramid of `gray` (only `gray` itself without downscaling).
int finderSpots(const QImage& gray, ZXing::Binarizer binarizer, bool downscale, int limit)
{
    int most = 0;
    QImage layer = gray;
    while (!layer.isNull()) {
        const BlackPixels px(layer, binarizer);
        if (px.valid())
            most = std::max(most, countFinderSpots(px, limit));
        if (most > limit || !downscale || std::max(layer.width(), layer.height()) <= PyramidThreshold ||
            std::min(layer.width(), layer.height()) < PyramidFactor)
            break;
        layer = boxDown(layer, PyramidFactor);
    }
    return most;
}

// ---- Data Matrix census -------------------------------------------------
//
// ZXing 1.4's Data Matrix detector traces edges from every row it scans, and
// a picture of 1-pixel structure (a checkerboard, fine stripes) gives it
// edges that run across the whole image: a 33 KB checkerboard PNG kept one
// call busy for seconds, growing faster than the picture. A real Data Matrix
// with 1-pixel modules is small; a picture with more 1-pixel runs than
// MaxSingleRuns (counted in every third row and column, both colours, as the
// pass binarizes) is searched for Data Matrix at half size, where such
// structure averages to grey and a code of 2-pixel modules or more still
// reads.
constexpr qint64 MaxSingleRuns = 20'000;

qint64 singlePixelRuns(const BlackPixels& px)
{
    qint64 runs = 0;
    std::array<std::vector<uchar>, 3> rows; // y - 1, y, y + 1
    if (px.height() < 3)
        return 0;
    px.row(0, rows[1]);
    px.row(1, rows[2]);
    for (int y = 1; y + 1 < px.height(); ++y) {
        std::swap(rows[0], rows[1]);
        std::swap(rows[1], rows[2]);
        px.row(y + 1, rows[2]);
        const std::vector<uchar>& above = rows[0];
        const std::vector<uchar>& row = rows[1];
        const std::vector<uchar>& below = rows[2];
        if (y % 3 == 1)
            for (size_t x = 1; x + 1 < row.size(); ++x)
                runs += row[x] != row[x - 1] && row[x] != row[x + 1];
        for (size_t x = 1; x < row.size(); x += 3)
            runs += row[x] != above[x] && row[x] != below[x];
        if (runs > MaxSingleRuns)
            break;
    }
    return runs;
}

bool dataMatrixTrap(const QImage& gray, ZXing::Binarizer binarizer)
{
    const BlackPixels px(gray, binarizer);
    if (!px.valid())
        return false;
    const qint64 runs = singlePixelRuns(px);
    if (runs <= MaxSingleRuns)
        return false;
    qCInfo(lcBarcode) << "more than" << MaxSingleRuns
                      << "1-pixel runs: looking for Data Matrix codes at half size only";
    return true;
}

// How long the passes may take for one image, checked before each ZXing
// call: with the censuses keeping each call short, an image gets its answer
// within 2 s (README, "A certificate arrives").
constexpr qint64 passBudgetMs()
{
#if defined(__SANITIZE_ADDRESS__)
    return 8000; // AddressSanitizer builds run several times slower
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return 8000;
#else
    return 1000;
#endif
#else
    return 1000;
#endif
}

QImage padded(const QImage& gray, int border)
{
    QImage out(gray.width() + 2 * border, gray.height() + 2 * border, QImage::Format_Grayscale8);
    out.fill(Qt::white);
    QPainter(&out).drawImage(border, border, gray);
    return out;
}

} // namespace

QList<DecodedBarcode> BarcodeReader::read(const QImage& image) const
{
    if (image.isNull() || qint64(image.width()) * image.height() > MaxPixels)
        return {};
    const Budget budget(passBudgetMs());
    const auto isKp1 = [](const QList<DecodedBarcode>& found) {
        return !found.isEmpty() && found.first().text.startsWith(QLatin1String("KP1:"));
    };
    // Once an image shows more finder patterns than any real picture, no
    // pass of it looks for QR codes (see the census above).
    bool qrTrap = false;
    const auto qrSafe = [&](const QImage& gray, ZXing::Binarizer binarizer, bool downscale) {
        if (qrTrap)
            return false;
        const int spots = finderSpots(gray, binarizer, downscale, MaxFinderSpots);
        if (spots > MaxFinderSpots) {
            qrTrap = true;
            qCInfo(lcBarcode) << "more than" << MaxFinderSpots
                              << "finder-pattern-like spots: not looking for QR codes in this image";
        }
        return !qrTrap;
    };
    // A photo's code is usually many pixels per module: look at half size first.
    if (m_mode == Mode::StopAtKp1 && std::min(image.width(), image.height()) >= 1000) {
        const QImage half = halvedGray(image);
        const ZXing::DecodeHints hints = quickHints(qrSafe(half, ZXing::Binarizer::LocalAverage, false),
                                                    !dataMatrixTrap(half, ZXing::Binarizer::LocalAverage));
        QList<DecodedBarcode> quick = decode(half, {hints}, 0.5, {}, budget);
        if (isKp1(quick))
            return quick;
    }
    const QImage gray = toGray(image);
    if (gray.isNull())
        return {};
    // Which copies the census has seen with which binarizer (a white border
    // adds no finder pattern: padded copies share the plain one's count).
    enum class Copy { Plain, Doubled, Halved };
    std::map<std::pair<Copy, ZXing::Binarizer>, bool> counted;
    // The same for the Data Matrix census: true where the copy is a trap.
    std::map<std::pair<Copy, ZXing::Binarizer>, bool> dataMatrixTraps;
    const auto dataMatrixSafe = [&](Copy copy, const QImage& candidate, ZXing::Binarizer binarizer) {
        const auto key = std::make_pair(copy, binarizer);
        auto it = dataMatrixTraps.find(key);
        if (it == dataMatrixTraps.end())
            it = dataMatrixTraps.emplace(key, dataMatrixTrap(candidate, binarizer)).first;
        return !it->second;
    };
    if (m_mode == Mode::StopAtKp1) {
        counted[{Copy::Plain, ZXing::Binarizer::LocalAverage}] = true;
        const ZXing::DecodeHints hints =
            quickHints(qrSafe(gray, ZXing::Binarizer::LocalAverage, true),
                       dataMatrixSafe(Copy::Plain, gray, ZXing::Binarizer::LocalAverage));
        QList<DecodedBarcode> quick = decode(gray, {hints}, 1.0, {}, budget);
        if (isKp1(quick))
            return quick;
    }

    // Each pass: a transformed copy, how to map points back, hints, and
    // which copy it is for the census.
    struct Pass
    {
        std::function<QImage()> image;
        double scale;
        int border;
        ZXing::Binarizer binarizer;
        Copy copy;
    };
    const int border = std::max(16, std::min(gray.width(), gray.height()) / 10);
    // Doubling is for small codes with uneven modules; a large picture
    // doubled would cost seconds and hundreds of megabytes.
    const bool doubling = qint64(gray.width()) * gray.height() <= MaxPixelsToDouble;
    QList<Pass> passes{
        {[&] { return gray; }, 1.0, 0, ZXing::Binarizer::LocalAverage, Copy::Plain},
        {[&] { return gray; }, 1.0, 0, ZXing::Binarizer::GlobalHistogram, Copy::Plain},
        // No quiet zone: give it one.
        {[&] { return padded(gray, border); }, 1.0, border, ZXing::Binarizer::LocalAverage, Copy::Plain},
        {[&] { return padded(gray, border); }, 1.0, border, ZXing::Binarizer::GlobalHistogram, Copy::Plain},
    };
    // Fractional module scaling or a tiny code: smooth rescales even out the modules.
    if (doubling)
        passes.append({[&] {
                           return padded(gray, border)
                               .scaled(gray.size() * 2 + QSize(4, 4) * border, Qt::KeepAspectRatio,
                                       Qt::SmoothTransformation);
                       },
                       2.0, border, ZXing::Binarizer::LocalAverage, Copy::Doubled});
    passes.append({[&] {
                       return padded(gray, border)
                           .scaled((gray.size() + QSize(2, 2) * border) / 2, Qt::KeepAspectRatio,
                                   Qt::SmoothTransformation);
                   },
                   0.5, border, ZXing::Binarizer::LocalAverage, Copy::Halved});
    passes.append(
        {[&] { return padded(gray, border); }, 1.0, border, ZXing::Binarizer::FixedThreshold, Copy::Plain});

    for (const Pass& pass : passes) {
        if (budget.spent()) {
            qCInfo(lcBarcode) << "no barcode after" << budget.elapsed()
                              << "ms of work: giving up on this image";
            break;
        }
        const QImage candidate = pass.image();
        if (candidate.isNull())
            continue;
        const auto key = std::make_pair(pass.copy, pass.binarizer);
        if (!qrTrap && !counted.count(key)) {
            counted[key] = true;
            qrSafe(pass.copy == Copy::Plain ? gray : candidate, pass.binarizer, true);
        }
        const QPointF shift(pass.border, pass.border);
        QList<DecodedBarcode> found =
            decode(candidate, {matrixHints(pass.binarizer, !qrTrap)}, pass.scale, shift, budget);
        // Data Matrix on the copy, or at half size where it is a trap.
        if (dataMatrixSafe(pass.copy, pass.copy == Copy::Plain ? gray : candidate, pass.binarizer))
            found += decode(candidate, {dataMatrixHints(pass.binarizer)}, pass.scale, shift, budget);
        else if (const QImage half = boxDown(candidate, 2); !half.isNull())
            found += decode(half, {dataMatrixHints(pass.binarizer)}, pass.scale / 2, shift, budget);
        found += decode(candidate, {linearHints(pass.binarizer)}, pass.scale, shift, budget);
        if (!found.isEmpty()) {
            // The same code found twice (e.g. by rotation) is listed once.
            QList<DecodedBarcode> unique;
            for (const DecodedBarcode& b : found) {
                const bool seen = std::any_of(unique.cbegin(), unique.cend(), [&](const DecodedBarcode& u) {
                    return u.text == b.text && u.symbology == b.symbology;
                });
                if (!seen)
                    unique.append(b);
            }
            preferKp1(unique);
            return unique;
        }
    }
    return {};
}

void BarcodeReader::allowImagesUpToMaxPixels()
{
    // Qt's limit is one static value for the process: set once, not from
    // several reading threads at a time.
    static std::once_flag once;
    std::call_once(once, [] {
        constexpr qint64 BytesPerPixel = 8; // QImage::Format_RGBA64, the widest a 16-bit file reads to
        constexpr int NeededMb = int((MaxPixels * BytesPerPixel + (1 << 20) - 1) >> 20);
        const int current = QImageReader::allocationLimit(); // 0: no limit
        if (current != 0 && current < NeededMb)
            QImageReader::setAllocationLimit(NeededMb);
    });
}

Result<QList<DecodedBarcode>> BarcodeReader::readFile(const QString& path, QImage* loaded) const
{
    allowImagesUpToMaxPixels();
    const QFileInfo info(path);
    if (!info.isFile())
        return makeError(QStringLiteral("barcode.unreadable-file"), Tr::tr("There is no file %1.").arg(path));
    if (info.size() == 0)
        return makeError(QStringLiteral("barcode.unreadable-file"),
                         Tr::tr("The file %1 is empty.").arg(path));
    if (info.size() > MaxFileSize)
        return makeError(QStringLiteral("barcode.too-large"),
                         Tr::tr("The file %1 is too large for an image.").arg(path));
    QImageReader reader(path);
    reader.setAutoTransform(true); // phone photos carry their rotation in EXIF
    reader.setDecideFormatFromContent(true);
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > MaxPixels)
        return makeError(
            QStringLiteral("barcode.too-large"),
            Tr::tr("The image %1 has more than %2 megapixels.").arg(path).arg(MaxPixels / 1'000'000));
    const QImage image = reader.read();
    if (image.isNull())
        return makeError(QStringLiteral("barcode.unreadable-file"),
                         Tr::tr("%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2")
                             .arg(path, reader.errorString()));
    if (loaded)
        *loaded = image;
    return read(image);
}

void BarcodeReader::preferKp1(QList<DecodedBarcode>& barcodes)
{
    std::stable_partition(barcodes.begin(), barcodes.end(),
                          [](const DecodedBarcode& b) { return b.text.startsWith(QLatin1String("KP1:")); });
}

} // namespace kp
