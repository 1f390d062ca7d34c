#pragma once
// The reader's censuses of an image before ZXing is asked (DecoderTraps.cpp
// says why they copy what ZXing 1.4 does).
#include "barcode/GrayImage.h"

#include <ZXing/DecodeHints.h>

#include <algorithm>
#include <vector>

namespace kp::barcode {

// A QR code shows three finder patterns and a blurred photo up to about 30
// look-alikes; past this many (ZXing: 45 ms a pass, growing with the cube)
// the image is a trap and no pass looks for QR codes in it.
constexpr int MaxFinderSpots = 100;

// A 1/factor copy, each pixel the mean of a factor x factor block, as ZXing's pyramid makes.
GrayImage boxDown(const GrayImage& gray, int factor);

// Which pixels of a grey image a binarizer calls black: one level, or
// HybridBinarizer's threshold per 8x8 block. Made once per copy and
// binarizer, and shared by both censuses of it (the thresholds are most of
// a census's work).
class BlackPixels
{
public:
    // `gray` is kept (a view's pixels must outlive this).
    BlackPixels(const GrayImage& gray, ZXing::Binarizer binarizer);

    bool valid() const { return m_level >= 0 || !m_blocks.empty(); }
    const GrayImage& image() const { return m_gray; }
    ZXing::Binarizer binarizer() const { return m_binarizer; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    // One row, 1 for black.
    void row(int y, std::vector<uchar>& out) const;
    bool black(int x, int y) const
    {
        const int v = m_bits[qsizetype(y) * m_stride + x];
        if (m_blocks.empty())
            return v <= m_level;
        return v <= m_blocks[size_t(std::min(y >> 3, m_blocksDown - 1) * m_blocksAcross +
                                    std::min(x >> 3, m_blocksAcross - 1))];
    }

private:
    void computeBlocks();

    GrayImage m_gray; // shared, not copied: the pointers below stay valid
    ZXing::Binarizer m_binarizer;
    const uchar* m_bits = nullptr;
    qsizetype m_stride = 0;
    int m_width = 0;
    int m_height = 0;
    int m_level = -1;
    int m_blocksAcross = 0;
    int m_blocksDown = 0;
    std::vector<uchar> m_blocks; // a threshold per block
};

// The downscaled layers of ZXing's pyramid of one image, made once for the
// censuses with each binarizer (the same grey copy counted with three of
// them made its pyramid three times). Only for an image that outlives it.
class Pyramid
{
public:
    // Layer `i` (1: the first downscaled) of `gray`'s pyramid, or a null
    // image past the last; made on first use.
    const GrayImage& layer(const GrayImage& gray, int i);

private:
    std::vector<GrayImage> m_layers;
};

// The most finder-pattern-like spots ZXing would meet in `gray` read with
// its binarizer (in every layer of its pyramid when `downscale`, from
// `pyramid` when given), counting no further than limit + 1.
int finderSpots(const BlackPixels& gray, bool downscale, int limit, Pyramid* pyramid = nullptr);

// Whether ZXing's Data Matrix detector would trace edges across the whole of
// `gray` (1-pixel structure): such a picture is searched at half size only.
bool dataMatrixTrap(const BlackPixels& gray);

} // namespace kp::barcode
