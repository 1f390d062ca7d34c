// What ZXing 1.4 would meet in an image, counted before it is asked: the
// reader's guard against pictures made to keep ZXing busy for minutes.
//
// Why a copy of ZXing's internals: ZXing cannot be interrupted inside a call,
// and Debian's libzxing-dev installs neither its binarizers nor its detectors,
// so the only way to know what a call will meet is to look the way it will
// look. Only what decides the count is copied (the binarizers' thresholds, the
// pyramid, the finder's run proportions); it is checked against ZXing itself by
// tests/barcode (trap images refused within the budget, every real scan still
// read). Re-check it when ZXing is upgraded past 1.4.
#include "barcode/DecoderTraps_p.h"

#include "util/Logging.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

namespace kp::barcode {

namespace {

// ZXing's pyramid (ReadBarcode.cpp, LumImagePyramid) with DecodeHints' defaults.
constexpr int PyramidThreshold = 500;
constexpr int PyramidFactor = 3;

// GlobalHistogramBinarizer's black point (ZXing's EstimateBlackPoint), or -1
// when the picture has too little contrast (ZXing then sees nothing).
int globalBlackPoint(const GrayImage& gray)
{
    constexpr int Shift = 3;
    constexpr int Buckets = 256 >> Shift;
    std::array<int, Buckets> buckets{};
    const int width = gray.width();
    const int height = gray.height();
    for (int y = 1; y < 5; ++y) {
        const uchar* row = gray.row(height * y / 5);
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

// Where the run of `colour` (0 or 1) starting at `from` in a row of 0s and 1s
// ends: the first pixel of another colour, or `width`. Eight pixels at a
// time, since most of a row is long runs.
int runEnd(const uchar* row, int from, int width, bool colour)
{
    int x = from;
    if constexpr (std::endian::native == std::endian::little) {
        const quint64 same = colour ? 0x0101010101010101ull : 0;
        for (; x + 8 <= width; x += 8) {
            quint64 eight;
            std::memcpy(&eight, row + x, 8);
            if (const quint64 other = eight ^ same; other != 0)
                return x + std::countr_zero(other) / 8;
        }
    }
    while (x < width && row[x] == uchar(colour))
        ++x;
    return x;
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
        const uchar* row = pixels.data();
        for (int start = 0;;) {
            const int x = runEnd(row, start, px.width(), colour); // the first pixel of the next run
            runs = {runs[1], runs[2], runs[3], runs[4], x - start};
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
            if (x >= px.width())
                break;
            colour = !colour;
            start = x;
        }
    }
    return int(spots.size());
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
        // Pixels are 0 or 1: "differs from both neighbours" is (a ^ b) & (a ^ c),
        // which the compiler vectorises where && would branch.
        const int width = int(row.size());
        const uchar* r = row.data();
        if (y % 3 == 1) {
            int across = 0;
            for (int x = 1; x + 1 < width; ++x)
                across += (r[x] ^ r[x - 1]) & (r[x] ^ r[x + 1]);
            runs += across;
        }
        const uchar* up = above.data();
        const uchar* down = below.data();
        for (int x = 1; x < width; x += 3)
            runs += (r[x] ^ up[x]) & (r[x] ^ down[x]);
        if (runs > MaxSingleRuns)
            break;
    }
    return runs;
}

} // namespace

BlackPixels::BlackPixels(const GrayImage& gray, ZXing::Binarizer binarizer)
    : m_gray(gray), m_binarizer(binarizer), m_bits(gray.bits()), m_stride(gray.stride()),
      m_width(gray.width()), m_height(gray.height())
{
    using B = ZXing::Binarizer;
    const bool hybrid = binarizer == B::LocalAverage && m_width >= 40 && m_height >= 40;
    if (binarizer == B::FixedThreshold)
        m_level = 127;
    else if (!hybrid)
        m_level = globalBlackPoint(gray) - 1; // ZXing: black when below the black point
    else
        computeBlocks();
}

void BlackPixels::row(int y, std::vector<uchar>& out) const
{
    const uchar* in = m_bits + qsizetype(y) * m_stride;
    const int width = m_width;
    out.resize(size_t(width));
    uchar* o = out.data();
    if (m_blocks.empty()) {
        const int level = m_level;
        for (int x = 0; x < width; ++x)
            o[x] = in[x] <= level;
        return;
    }
    const uchar* thresholds = &m_blocks[size_t(std::min(y >> 3, m_blocksDown - 1) * m_blocksAcross)];
    const int whole = width / 8; // blocks of a full 8 pixels
    for (int bx = 0; bx < whole; ++bx) {
        const uchar threshold = thresholds[bx];
        for (int x = bx * 8; x < bx * 8 + 8; ++x)
            o[x] = in[x] <= threshold;
    }
    for (int x = whole * 8; x < width; ++x)
        o[x] = in[x] <= thresholds[std::min(x >> 3, m_blocksAcross - 1)];
}

// HybridBinarizer (ZXing 1.4): a black point per block, then the mean of
// the 5x5 blocks around each block as its threshold.
void BlackPixels::computeBlocks()
{
    const int width = m_width;
    const int height = m_height;
    m_blocksAcross = (width + 7) / 8;
    m_blocksDown = (height + 7) / 8;
    const int across = m_blocksAcross;
    std::vector<int> points(size_t(m_blocksAcross * m_blocksDown));
    // Each band of 8 rows summed down its columns first (a loop the compiler
    // vectorises), then each block's 8 columns.
    std::vector<quint16> columnSum(static_cast<size_t>(width));
    std::vector<uchar> columnLow(static_cast<size_t>(width));
    std::vector<uchar> columnHigh(static_cast<size_t>(width));
    quint16* sums = columnSum.data();
    uchar* lows = columnLow.data();
    uchar* highs = columnHigh.data();
    for (int by = 0; by < m_blocksDown; ++by) {
        const int top = std::min(by * 8, height - 8);
        const uchar* band = m_bits + qsizetype(top) * m_stride;
        for (int x = 0; x < width; ++x) {
            sums[x] = band[x];
            lows[x] = band[x];
            highs[x] = band[x];
        }
        for (int y = 1; y < 8; ++y) {
            const uchar* row = band + y * m_stride;
            for (int x = 0; x < width; ++x) {
                sums[x] = quint16(sums[x] + row[x]);
                lows[x] = std::min(lows[x], row[x]);
                highs[x] = std::max(highs[x], row[x]);
            }
        }
        int* point = &points[size_t(by * across)];
        for (int bx = 0; bx < across; ++bx) {
            const int left = std::min(bx * 8, width - 8);
            int sum = 0;
            int lo = 255;
            int hi = 0;
            for (int x = left; x < left + 8; ++x) {
                sum += sums[x];
                lo = std::min<int>(lo, lows[x]);
                hi = std::max<int>(hi, highs[x]);
            }
            int average = sum / 64;
            if (hi - lo <= 24) {
                average = lo / 2;
                if (by > 0 && bx > 0) {
                    const int* above = point - across;
                    const int neighbours = (above[bx] + 2 * point[bx - 1] + above[bx - 1]) / 4;
                    if (lo < neighbours)
                        average = neighbours;
                }
            }
            point[bx] = average;
        }
    }
    // Each threshold the mean of the 5x5 points around its block (clamped to
    // the picture), summed from column sums of five rows.
    m_blocks.assign(points.size(), 0);
    std::vector<int> columns(static_cast<size_t>(across));
    for (int by = 0; by < m_blocksDown; ++by) {
        const int cy = std::clamp(by, 2, std::max(2, m_blocksDown - 3));
        const int fromY = std::max(0, cy - 2);
        const int toY = std::min(m_blocksDown - 1, cy + 2);
        std::fill(columns.begin(), columns.end(), 0);
        for (int y = fromY; y <= toY; ++y) {
            const int* row = &points[size_t(y * across)];
            for (int x = 0; x < across; ++x)
                columns[size_t(x)] += row[x];
        }
        const int rows = toY - fromY + 1;
        for (int bx = 0; bx < across; ++bx) {
            const int cx = std::clamp(bx, 2, std::max(2, across - 3));
            const int fromX = std::max(0, cx - 2);
            const int toX = std::min(across - 1, cx + 2);
            int sum = 0;
            for (int x = fromX; x <= toX; ++x)
                sum += columns[size_t(x)];
            m_blocks[size_t(by * across + bx)] = uchar(sum / std::max(1, rows * (toX - fromX + 1)));
        }
    }
}

// A 1/factor copy, each pixel the mean of a factor x factor block, as ZXing's pyramid makes.
GrayImage boxDown(const GrayImage& gray, int factor)
{
    GrayImage out = GrayImage::allocate(gray.width() / factor, gray.height() / factor);
    if (out.isNull())
        return out;
    const int width = out.width();
    const int used = width * factor; // the input columns that make whole blocks
    // The block's rows summed down each column first (a loop the compiler
    // vectorises), then each block's columns: the same sums.
    std::vector<int> columns(static_cast<size_t>(used));
    int* column = columns.data();
    const uchar* bits = gray.bits();
    const qsizetype stride = gray.stride();
    for (int y = 0; y < out.height(); ++y) {
        const uchar* first = bits + qsizetype(y) * factor * stride;
        for (int x = 0; x < used; ++x)
            column[x] = first[x];
        for (int dy = 1; dy < factor; ++dy) {
            const uchar* in = first + dy * stride;
            for (int x = 0; x < used; ++x)
                column[x] += in[x];
        }
        uchar* o = out.writableRow(y);
        for (int x = 0; x < width; ++x) {
            int sum = 0;
            for (int dx = 0; dx < factor; ++dx)
                sum += column[x * factor + dx];
            o[x] = uchar(sum / (factor * factor));
        }
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

const GrayImage& Pyramid::layer(const GrayImage& gray, int i)
{
    while (int(m_layers.size()) < i) {
        const GrayImage& above = m_layers.empty() ? gray : m_layers.back();
        const bool more = !above.isNull() && std::max(above.width(), above.height()) > PyramidThreshold &&
                          std::min(above.width(), above.height()) >= PyramidFactor;
        m_layers.push_back(more ? boxDown(above, PyramidFactor) : GrayImage());
    }
    return m_layers[size_t(i - 1)];
}

int finderSpots(const BlackPixels& gray, bool downscale, int limit, Pyramid* pyramid)
{
    int most = gray.valid() ? countFinderSpots(gray, limit) : 0;
    Pyramid own;
    Pyramid& layers = pyramid ? *pyramid : own;
    for (int i = 1; most <= limit && downscale; ++i) {
        const GrayImage& layer = layers.layer(gray.image(), i);
        if (layer.isNull())
            break;
        const BlackPixels px(layer, gray.binarizer());
        if (px.valid())
            most = std::max(most, countFinderSpots(px, limit));
    }
    return most;
}

bool dataMatrixTrap(const BlackPixels& px)
{
    if (!px.valid())
        return false;
    const qint64 runs = singlePixelRuns(px);
    if (runs <= MaxSingleRuns)
        return false;
    qCInfo(lcBarcode) << "more than" << MaxSingleRuns
                      << "1-pixel runs: looking for Data Matrix codes at half size only";
    return true;
}

} // namespace kp::barcode
