#pragma once

#include <QtGlobal>

#include <memory>

namespace kp::barcode {

// An 8-bit grey picture, without Qt Gui: what the reader's censuses and
// ZXing read. Either a view of pixels someone else keeps alive (a QImage, a
// decoder's buffer) or pixels of its own, shared by copies. kpdesk-cli-core
// reads a photo's code through these without loading Qt Gui (issue 22).
class GrayImage
{
public:
    GrayImage() = default;
    // A view: `bits` must outlive this and its copies.
    GrayImage(const uchar* bits, int width, int height, qsizetype stride)
        : m_bits(bits), m_width(width), m_height(height), m_stride(stride)
    {}
    // Pixels of its own, not initialised; null when they cannot be allocated.
    static GrayImage allocate(int width, int height);
    // Pixels handed over, rows of `width` bytes one after the other.
    static GrayImage adopt(std::unique_ptr<uchar[]> pixels, int width, int height);

    bool isNull() const { return m_bits == nullptr; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    qsizetype stride() const { return m_stride; }
    const uchar* bits() const { return m_bits; }
    const uchar* row(int y) const { return m_bits + qsizetype(y) * m_stride; }
    // Only for pixels of its own (allocate()).
    uchar* writableRow(int y) { return m_owned.get() + qsizetype(y) * m_stride; }

private:
    std::shared_ptr<uchar[]> m_owned;
    const uchar* m_bits = nullptr;
    int m_width = 0;
    int m_height = 0;
    qsizetype m_stride = 0;
};

} // namespace kp::barcode
