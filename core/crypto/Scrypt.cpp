#include "crypto/Scrypt.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>

namespace kp {

namespace {

struct KdfDeleter
{
    void operator()(EVP_KDF* p) const { EVP_KDF_free(p); }
};
struct KdfCtxDeleter
{
    void operator()(EVP_KDF_CTX* p) const { EVP_KDF_CTX_free(p); }
};

QString lastOpensslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

} // namespace

bool scryptDerive(const QByteArray& password, const QByteArray& salt, quint64 n, quint32 r, quint32 p,
                  quint64 maxMemory, int length, QByteArray& out, QString& error)
{
    // Fetched once: the KDF's implementation is shared and thread-safe.
    static const std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr));
    if (!kdf) {
        error = lastOpensslError();
        return false;
    }
    std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(kdf.get()));
    if (!ctx) {
        error = lastOpensslError();
        return false;
    }
    // OpenSSL copies the strings; an empty one still needs a valid pointer.
    static char empty = 0;
    char* pw = password.isEmpty() ? &empty : const_cast<char*>(password.constData());
    char* s = salt.isEmpty() ? &empty : const_cast<char*>(salt.constData());
    uint64_t nParam = n;
    uint32_t rParam = r;
    uint32_t pParam = p;
    uint64_t maxmem = maxMemory;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, pw, size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, s, size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &nParam),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &rParam),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &pParam),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
        OSSL_PARAM_construct_end(),
    };
    out.resize(length);
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), size_t(length), params) !=
        1) {
        OPENSSL_cleanse(out.data(), size_t(out.size()));
        out.clear();
        error = lastOpensslError();
        return false;
    }
    return true;
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1)
        return {};
    return bytes;
}

bool constantTimeEqual(const QByteArray& a, const QByteArray& b)
{
    // The lengths are not secret (they are in the stored string).
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
}

} // namespace kp
