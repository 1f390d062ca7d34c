#include "crypto/Sha256.h"

#include <openssl/evp.h>

namespace kp {

struct Sha256::Private
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Private() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : d(std::make_unique<Private>())
{
    if (!d->ctx || EVP_DigestInit_ex(d->ctx, EVP_sha256(), nullptr) != 1)
        qFatal("SHA-256 is not available from OpenSSL");
}

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(d->ctx, data.data(), size_t(data.size()));
}

QByteArray Sha256::result()
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(d->ctx, reinterpret_cast<unsigned char*>(out.data()), &length);
    out.truncate(int(length));
    return out;
}

QByteArray Sha256::hash(QByteArrayView data)
{
    Sha256 h;
    h.addData(data);
    return h.result();
}

} // namespace kp
