#pragma once

#include <QString>

namespace kp {

// The OpenSSL the program runs with (not the headers it was built against),
// for Help > About and bug reports.
QString cryptoLibraryVersion();

} // namespace kp
