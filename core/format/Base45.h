#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace kp::Base45 {

// RFC 9285. Error code "base45.invalid": invalid character, dangling single
// character, or a group that decodes above its range (e.g. "GGW" = 65536).
QByteArray encode(QByteArrayView data);
Result<QByteArray> decode(QByteArrayView text);

} // namespace kp::Base45
