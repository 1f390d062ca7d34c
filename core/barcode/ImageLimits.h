#pragma once

#include <QtGlobal>

namespace kp::barcode {

// The desk's limits on an image file (README, "A certificate arrives").
inline constexpr qint64 MaxImagePixels = 100'000'000;
inline constexpr qint64 MaxImageFileSize = 200 * 1024 * 1024;

// A photo this many pixels across its shorter side or more is first looked
// at half size (a code in a photo is many pixels a module).
inline constexpr int MinSideForHalfSize = 1000;

} // namespace kp::barcode
