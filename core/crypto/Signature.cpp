#include "crypto/Signature.h"

#include "crypto/OpenSsl_p.h"

#include <QCoreApplication>

#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Crypto)
};

Error mismatch(CoseAlgorithm alg)
{
    return makeError(QStringLiteral("crypto.alg-key-mismatch"),
                     Tr::tr("The algorithm %1 does not match the key.").arg(coseAlgorithmName(alg)));
}

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

struct EcdsaSigDeleter
{
    void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};

constexpr int PssSaltLength = 32;

// Sets up ctx for alg: digest for ES256/PS256, PSS parameters, none for EdDSA.
bool initContext(EVP_MD_CTX* ctx, CoseAlgorithm alg, EVP_PKEY* pkey, bool signing)
{
    const EVP_MD* md = alg == CoseAlgorithm::EdDSA ? nullptr : EVP_sha256();
    EVP_PKEY_CTX* pctx = nullptr;
    const int ok = signing ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, pkey)
                           : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, pkey);
    if (ok != 1)
        return false;
    if (alg == CoseAlgorithm::PS256) {
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
               EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, PssSaltLength) == 1 &&
               EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1;
    }
    return true;
}

// COSE carries ES256 signatures as raw r||s; OpenSSL wants DER.
QByteArray rawToDer(const QByteArray& raw)
{
    std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()), 32, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()) + 32, 32, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char* der = nullptr;
    const int len = i2d_ECDSA_SIG(sig.get(), &der);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(der), len);
    OPENSSL_free(der);
    return out;
}

QByteArray derToRaw(const QByteArray& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())));
    if (!sig)
        return {};
    QByteArray raw(64, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, 32) != 32 ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + 32, 32) != 32)
        return {};
    return raw;
}

} // namespace

Status verifySignature(CoseAlgorithm alg, const PublicKey& key, const QByteArray& data,
                       const QByteArray& signature)
{
    if (key.isNull() || !algorithmMatchesKey(alg, key.type()))
        return mismatch(alg);
    QByteArray sig = signature;
    if (alg == CoseAlgorithm::ES256) {
        if (signature.size() != 64)
            return makeError(QStringLiteral("crypto.malformed-signature"),
                             Tr::tr("An ES256 signature is 64 bytes, not %1.").arg(signature.size()));
        sig = rawToDer(signature);
    } else if (alg == CoseAlgorithm::EdDSA && signature.size() != 64) {
        return makeError(QStringLiteral("crypto.malformed-signature"),
                         Tr::tr("An EdDSA signature is 64 bytes, not %1.").arg(signature.size()));
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool verified =
        !sig.isEmpty() && ctx && initContext(ctx.get(), alg, key.impl()->pkey.get(), false) &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.constData()),
                         size_t(sig.size()), reinterpret_cast<const unsigned char*>(data.constData()),
                         size_t(data.size())) == 1;
    ERR_clear_error();
    if (!verified)
        return makeError(QStringLiteral("crypto.bad-signature"), Tr::tr("The signature does not verify."));
    return success();
}

Result<QByteArray> signData(CoseAlgorithm alg, const PrivateKey& key, const QByteArray& data)
{
    if (key.isNull() || !algorithmMatchesKey(alg, key.type()))
        return mismatch(alg);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t size = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(data.constData());
    if (!ctx || !initContext(ctx.get(), alg, key.impl()->pkey.get(), true) ||
        EVP_DigestSign(ctx.get(), nullptr, &size, in, size_t(data.size())) != 1)
        return makeError(QStringLiteral("crypto.sign"), Tr::tr("Signing failed: %1").arg(opensslError()));
    QByteArray sig(qsizetype(size), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, in,
                       size_t(data.size())) != 1)
        return makeError(QStringLiteral("crypto.sign"), Tr::tr("Signing failed: %1").arg(opensslError()));
    sig.resize(qsizetype(size));
    if (alg == CoseAlgorithm::ES256)
        sig = derToRaw(sig);
    return sig;
}

} // namespace kp
