#pragma once

// Internal to the accounts module: the OpenSSL calls behind PasswordHash.
// No OpenSSL type here either; only Scrypt.cpp includes OpenSSL.

#include <QByteArray>
#include <QString>

namespace kp::detail {

// scrypt (RFC 7914) through OpenSSL 3's EVP_KDF "SCRYPT". maxMemory is
// passed as OSSL_KDF_PARAM_SCRYPT_MAXMEM. False with a reason on failure.
bool scryptDerive(const QByteArray& password, const QByteArray& salt, quint64 n, quint32 r, quint32 p,
                  quint64 maxMemory, int length, QByteArray& out, QString& error);

// Bytes from OpenSSL's CSPRNG (RAND_bytes); empty on failure.
QByteArray randomBytes(int count);

// CRYPTO_memcmp: the time does not depend on where the bytes differ.
bool constantTimeEqual(const QByteArray& a, const QByteArray& b);

} // namespace kp::detail
