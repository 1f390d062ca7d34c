#pragma once

#include "barcode/FoundCode.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace kp::barcode {

// A KP1 code in a JPEG photo, read without Qt Gui, so that kpdesk-cli-core
// verifies a photo without loading it (issue 22). It looks as
// BarcodeReader's quick look does (the half-size grey copy, the same
// censuses, binarizers and ZXing calls) and answers only when that finds a
// KP1 code. Anything else (not a JPEG, too small to look at half size,
// progressive, damaged, no KP1 code at half size, no such file) is nothing:
// the caller then reads the file the usual way (BarcodeReader::readFile),
// which also says what is wrong with it.
std::optional<FoundCode> kp1InJpegPhoto(const QByteArray& bytes);
// The file read once, within the desk's limits on an image file.
std::optional<FoundCode> kp1InJpegPhotoFile(const QString& path);

} // namespace kp::barcode
