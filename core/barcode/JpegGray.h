#pragma once

#include "barcode/GrayImage.h"

#include <QByteArray>

#include <optional>

namespace kp::barcode {

// A JPEG decoded straight to grey at half size by libjpeg(-turbo) itself: its
// DCT scaling gives a quarter of the pixels, and only the luminance is
// decoded, without Qt Gui (issue 22; PhotoQuickLook).
struct JpegHalf
{
    GrayImage half;
    int fullWidth = 0;
    int fullHeight = 0;
};

// Nothing unless `bytes` are a baseline JPEG that libjpeg reads without an
// error or a warning (a truncated file warns), in grey or YCbCr, within the
// desk's image limits, at least `minSide` pixels across its shorter side. A
// progressive JPEG is nothing too: libjpeg keeps all of its coefficients.
std::optional<JpegHalf> decodeJpegGrayHalf(const QByteArray& bytes, int minSide);

} // namespace kp::barcode
