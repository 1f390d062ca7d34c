#include "barcode/GrayImage.h"

#include <new>

namespace kp::barcode {

GrayImage GrayImage::allocate(int width, int height)
{
    if (width <= 0 || height <= 0)
        return {};
    return adopt(std::unique_ptr<uchar[]>(new (std::nothrow) uchar[size_t(qsizetype(width) * height)]), width,
                 height);
}

GrayImage GrayImage::adopt(std::unique_ptr<uchar[]> pixels, int width, int height)
{
    GrayImage image;
    if (!pixels || width <= 0 || height <= 0)
        return image;
    image.m_owned = std::move(pixels);
    image.m_bits = image.m_owned.get();
    image.m_width = width;
    image.m_height = height;
    image.m_stride = width;
    return image;
}

} // namespace kp::barcode
