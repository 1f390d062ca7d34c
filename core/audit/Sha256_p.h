#pragma once

// Internal to the audit module: SHA-256 through OpenSSL (hardware SHA
// extensions make verifying a long trail several times faster than
// QCryptographicHash in Qt 6.4). No OpenSSL type here; only Sha256.cpp
// includes OpenSSL. If core/crypto gains a SHA-256 function, use that.

#include <QByteArray>

namespace kp::detail {

// SHA-256(a ‖ b).
QByteArray sha256(const QByteArray& a, const QByteArray& b);

} // namespace kp::detail
