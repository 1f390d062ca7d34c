#pragma once

#include "util/Result.h"

#include <QByteArray>

namespace kp::Zlib {

// KP1 caps decompressed data at 64 KiB: anything larger is a decompression bomb.
inline constexpr qsizetype MaxInflatedSize = 64 * 1024;

// True when data starts with a zlib header (CMF 0x78 and a valid FCHECK).
bool hasZlibHeader(const QByteArray& data);

// Error codes: "zlib.corrupt" (bad stream, truncated, trailing garbage),
// "zlib.too-large" (output would exceed maxSize).
Result<QByteArray> inflate(const QByteArray& data, qsizetype maxSize = MaxInflatedSize);
QByteArray deflate(const QByteArray& data, int level = 9);

} // namespace kp::Zlib
