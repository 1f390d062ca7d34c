#include "audit/Sha256_p.h"

#include <QCryptographicHash>

#include <openssl/evp.h>

#include <memory>

namespace kp::detail {

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

QByteArray sha256(const QByteArray& a, const QByteArray& b)
{
    static const std::unique_ptr<EVP_MD, MdDeleter> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    QByteArray out(32, Qt::Uninitialized);
    unsigned int length = 0;
    if (md && ctx && EVP_DigestInit_ex2(ctx.get(), md.get(), nullptr) == 1 &&
        EVP_DigestUpdate(ctx.get(), a.constData(), size_t(a.size())) == 1 &&
        EVP_DigestUpdate(ctx.get(), b.constData(), size_t(b.size())) == 1 &&
        EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length) == 1 &&
        length == 32)
        return out;
    // OpenSSL without its default provider: the same hash, slower.
    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(a);
    sha.addData(b);
    return sha.result();
}

} // namespace kp::detail
