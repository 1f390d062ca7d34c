#pragma once

// What password hashing (core/accounts' PasswordHash) needs from OpenSSL:
// scrypt, random bytes, a constant-time compare and a wipe. No OpenSSL type
// here; only Scrypt.cpp includes OpenSSL.

#include <QByteArray>
#include <QString>

namespace kp {

// scrypt (RFC 7914) through OpenSSL 3's EVP_KDF "SCRYPT". maxMemory is
// passed as OSSL_KDF_PARAM_SCRYPT_MAXMEM. False with a reason on failure.
bool scryptDerive(const QByteArray& password, const QByteArray& salt, quint64 n, quint32 r, quint32 p,
                  quint64 maxMemory, int length, QByteArray& out, QString& error);

// Bytes from OpenSSL's CSPRNG (RAND_bytes); empty on failure.
QByteArray randomBytes(int count);

// CRYPTO_memcmp: the time does not depend on where the bytes differ.
bool constantTimeEqual(const QByteArray& a, const QByteArray& b);

// OPENSSL_cleanse: zeroes the bytes in a way the compiler keeps.
void wipe(QByteArray& bytes);

} // namespace kp
