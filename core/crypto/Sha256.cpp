#include "crypto/Sha256.h"

#include <QCryptographicHash>

#include <openssl/evp.h>

namespace kp {

namespace {

struct MdDeleter
{
    void operator()(EVP_MD* p) const { EVP_MD_free(p); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};

} // namespace

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

QByteArray Sha256::hash(QByteArrayView a, QByteArrayView b)
{
    // Fetched once and a context per thread: a trail of a million entries
    // is a million of these (EVP_sha256() and a new context each time cost
    // more than the hash of a small entry).
    static const std::unique_ptr<EVP_MD, MdDeleter> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    QByteArray out(32, Qt::Uninitialized);
    unsigned int length = 0;
    if (md && ctx && EVP_DigestInit_ex2(ctx.get(), md.get(), nullptr) == 1 &&
        EVP_DigestUpdate(ctx.get(), a.data(), size_t(a.size())) == 1 &&
        EVP_DigestUpdate(ctx.get(), b.data(), size_t(b.size())) == 1 &&
        EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length) == 1 &&
        length == 32)
        return out;
    // OpenSSL without its default provider: the same hash, slower.
    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(a);
    sha.addData(b);
    return sha.result();
}

} // namespace kp
