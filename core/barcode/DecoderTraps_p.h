#pragma once
// The reader's censuses of an image before ZXing is asked (DecoderTraps.cpp
// says why they copy what ZXing 1.4 does).
#include <QImage>

#include <ZXing/DecodeHints.h>

namespace kp::barcode {

// A QR code shows three finder patterns and a blurred photo up to about 30
// look-alikes; past this many (ZXing: 45 ms a pass, growing with the cube)
// the image is a trap and no pass looks for QR codes in it.
constexpr int MaxFinderSpots = 100;

// A 1/factor copy, each pixel the mean of a factor x factor block, as ZXing's pyramid makes.
QImage boxDown(const QImage& gray, int factor);

// The most finder-pattern-like spots ZXing would meet in `gray` read with
// `binarizer` (in every layer of its pyramid when `downscale`), counting no
// further than limit + 1.
int finderSpots(const QImage& gray, ZXing::Binarizer binarizer, bool downscale, int limit);

// Whether ZXing's Data Matrix detector would trace edges across the whole of
// `gray` (1-pixel structure): such a picture is searched at half size only.
bool dataMatrixTrap(const QImage& gray, ZXing::Binarizer binarizer);

} // namespace kp::barcode
