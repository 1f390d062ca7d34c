#include "crypto/Keys.h"

#include "crypto/OpenSsl_p.h"

#include <QCoreApplication>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <cstring>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Crypto)
};

Error keyError(const QString& what)
{
    ERR_clear_error();
    return makeError(QStringLiteral("crypto.key"), what);
}

struct BnDeleter
{
    void operator()(BIGNUM* p) const { BN_free(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;

struct PkeyCtxDeleter
{
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct ParamBldDeleter
{
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamDeleter
{
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};

QByteArray leftPad(const QByteArray& bytes, qsizetype size)
{
    return bytes.size() >= size ? bytes : QByteArray(size - bytes.size(), '\0') + bytes;
}

EvpPkeyPtr fromData(const char* type, int selection, OSSL_PARAM_BLD* bld)
{
    std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(bld));
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params.get()) <= 0)
        return nullptr;
    return EvpPkeyPtr(pkey);
}

// EVP_PKEY_fromdata accepts points off the curve; check the key before use.
bool checkPublic(EVP_PKEY* pkey)
{
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    return ctx && EVP_PKEY_public_check(ctx.get()) == 1;
}

} // namespace

bool keyTypeOf(const EVP_PKEY* pkey, KeyType& type)
{
    if (EVP_PKEY_is_a(pkey, "ED25519")) {
        type = KeyType::Ed25519;
        return true;
    }
    if (EVP_PKEY_is_a(pkey, "RSA") || EVP_PKEY_is_a(pkey, "RSA-PSS")) {
        type = KeyType::Rsa;
        return EVP_PKEY_get_bits(pkey) >= 2048;
    }
    if (EVP_PKEY_is_a(pkey, "EC")) {
        char group[64] = {};
        size_t len = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1)
            return false;
        type = KeyType::EcP256;
        return std::strcmp(group, "prime256v1") == 0 || std::strcmp(group, "P-256") == 0;
    }
    return false;
}

// The key's SubjectPublicKeyInfo in DER (empty on failure).
QByteArray spkiDer(const EVP_PKEY* pkey)
{
    unsigned char* buffer = nullptr;
    const int len = i2d_PUBKEY(pkey, &buffer);
    if (len <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char*>(buffer), len);
    OPENSSL_free(buffer);
    return der;
}

PublicKey wrapPublicKey(EvpPkeyPtr key)
{
    return PublicKey(std::make_shared<const PublicKey::Impl>(std::move(key)));
}

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

QString opensslError()
{
    char buffer[256] = {};
    ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
    ERR_clear_error();
    return QString::fromLatin1(buffer);
}

std::optional<CoseAlgorithm> coseAlgorithmFromId(qint64 id)
{
    switch (id) {
    case -7:
        return CoseAlgorithm::ES256;
    case -8:
        return CoseAlgorithm::EdDSA;
    case -37:
        return CoseAlgorithm::PS256;
    default:
        return std::nullopt;
    }
}

QString coseAlgorithmName(CoseAlgorithm alg)
{
    switch (alg) {
    case CoseAlgorithm::ES256:
        return QStringLiteral("ES256");
    case CoseAlgorithm::EdDSA:
        return QStringLiteral("EdDSA");
    case CoseAlgorithm::PS256:
        break;
    }
    return QStringLiteral("PS256");
}

CoseAlgorithm defaultAlgorithmFor(KeyType type)
{
    switch (type) {
    case KeyType::EcP256:
        return CoseAlgorithm::ES256;
    case KeyType::Ed25519:
        return CoseAlgorithm::EdDSA;
    case KeyType::Rsa:
        break;
    }
    return CoseAlgorithm::PS256;
}

bool algorithmMatchesKey(CoseAlgorithm alg, KeyType type)
{
    return defaultAlgorithmFor(type) == alg;
}

// --- PublicKey ---

PublicKey::PublicKey() = default;
PublicKey::~PublicKey() = default;
PublicKey::PublicKey(const PublicKey&) = default;
PublicKey& PublicKey::operator=(const PublicKey&) = default;
PublicKey::PublicKey(std::shared_ptr<const Impl> impl) : d(std::move(impl)) {}

Result<PublicKey> PublicKey::fromSubjectPublicKeyInfo(const QByteArray& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, long(der.size())));
    KeyType type;
    if (!key || !keyTypeOf(key.get(), type))
        return keyError(Tr::tr("Not a P-256, RSA (2048 bits or more) or Ed25519 public key."));
    return wrapPublicKey(std::move(key));
}

Result<PublicKey> PublicKey::fromPem(const QByteArray& pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EvpPkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    KeyType type;
    if (!key || !keyTypeOf(key.get(), type))
        return keyError(Tr::tr("No usable public key in the PEM text."));
    return wrapPublicKey(std::move(key));
}

Result<PublicKey> PublicKey::fromEcP256Point(const QByteArray& x, const QByteArray& y)
{
    if (x.size() > 32 || y.size() > 32)
        return keyError(Tr::tr("A P-256 coordinate is longer than 32 bytes."));
    const QByteArray point = QByteArray(1, '\x04') + leftPad(x, 32) + leftPad(y, 32);
    std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
    OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                     size_t(point.size()));
    EvpPkeyPtr key = fromData("EC", EVP_PKEY_PUBLIC_KEY, bld.get());
    if (!key || !checkPublic(key.get()))
        return keyError(Tr::tr("Not a point on P-256."));
    return wrapPublicKey(std::move(key));
}

Result<PublicKey> PublicKey::fromEd25519(const QByteArray& raw32)
{
    if (raw32.size() != 32)
        return keyError(Tr::tr("An Ed25519 public key is 32 bytes."));
    EvpPkeyPtr key(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw32.constData()), 32));
    if (!key)
        return keyError(Tr::tr("Not an Ed25519 public key."));
    return wrapPublicKey(std::move(key));
}

Result<PublicKey> PublicKey::fromRsa(const QByteArray& modulus, const QByteArray& exponent)
{
    BnPtr n(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(modulus.constData()), int(modulus.size()), nullptr));
    BnPtr e(BN_bin2bn(reinterpret_cast<const unsigned char*>(exponent.constData()), int(exponent.size()),
                      nullptr));
    std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get());
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
    EvpPkeyPtr key = fromData("RSA", EVP_PKEY_PUBLIC_KEY, bld.get());
    KeyType type;
    if (!key || !keyTypeOf(key.get(), type))
        return keyError(Tr::tr("Not an RSA public key of 2048 bits or more."));
    return wrapPublicKey(std::move(key));
}

bool PublicKey::isNull() const
{
    return !d;
}

KeyType PublicKey::type() const
{
    KeyType type = KeyType::EcP256;
    if (d)
        keyTypeOf(d->pkey.get(), type);
    return type;
}

QByteArray PublicKey::subjectPublicKeyInfo() const
{
    return d ? spkiDer(d->pkey.get()) : QByteArray();
}

QByteArray PublicKey::toPem() const
{
    if (!d)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(bio.get(), d->pkey.get());
    return bioContents(bio.get());
}

// --- PrivateKey ---

PrivateKey::PrivateKey() = default;
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(const PrivateKey&) = default;
PrivateKey& PrivateKey::operator=(const PrivateKey&) = default;
PrivateKey::PrivateKey(std::shared_ptr<const Impl> impl) : d(std::move(impl)) {}

Result<PrivateKey> PrivateKey::generate(KeyType type)
{
    EVP_PKEY* key = nullptr;
    switch (type) {
    case KeyType::EcP256:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case KeyType::Rsa:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
        break;
    case KeyType::Ed25519:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    }
    if (!key)
        return keyError(Tr::tr("Key generation failed: %1").arg(opensslError()));
    return PrivateKey(std::make_shared<const Impl>(EvpPkeyPtr(key)));
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray& pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    // A null passphrase callback: encrypted keys are refused, never prompted for.
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(
        bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr));
    KeyType type;
    if (!key || !keyTypeOf(key.get(), type))
        return keyError(Tr::tr("No usable unencrypted private key in the PEM text."));
    return PrivateKey(std::make_shared<const Impl>(std::move(key)));
}

Result<PrivateKey> PrivateKey::fromEcP256(const QByteArray& dBytes, const QByteArray& x, const QByteArray& y)
{
    const QByteArray point = QByteArray(1, '\x04') + leftPad(x, 32) + leftPad(y, 32);
    BnPtr priv(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(dBytes.constData()), int(dBytes.size()), nullptr));
    std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
    OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                     size_t(point.size()));
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get());
    EvpPkeyPtr key = fromData("EC", EVP_PKEY_KEYPAIR, bld.get());
    if (!key)
        return keyError(Tr::tr("Not a P-256 key pair."));
    return PrivateKey(std::make_shared<const Impl>(std::move(key)));
}

Result<PrivateKey> PrivateKey::fromEd25519(const QByteArray& raw32)
{
    if (raw32.size() != 32)
        return keyError(Tr::tr("An Ed25519 private key is 32 bytes."));
    EvpPkeyPtr key(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw32.constData()), 32));
    if (!key)
        return keyError(Tr::tr("Not an Ed25519 private key."));
    return PrivateKey(std::make_shared<const Impl>(std::move(key)));
}

bool PrivateKey::isNull() const
{
    return !d;
}

KeyType PrivateKey::type() const
{
    KeyType type = KeyType::EcP256;
    if (d)
        keyTypeOf(d->pkey.get(), type);
    return type;
}

PublicKey PrivateKey::publicKey() const
{
    // Through the DER form, so the public key shares nothing with the private one.
    const QByteArray der = d ? spkiDer(d->pkey.get()) : QByteArray();
    if (der.isEmpty())
        return {};
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    EvpPkeyPtr pub(d2i_PUBKEY(nullptr, &p, long(der.size())));
    return pub ? wrapPublicKey(std::move(pub)) : PublicKey();
}

QByteArray PrivateKey::toPem() const
{
    if (!d)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), d->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio.get());
}

} // namespace kp
