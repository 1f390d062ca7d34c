#pragma once

#include "util/Result.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace kp {

// COSE algorithm identifiers (RFC 9053) that KP1 allows.
enum class CoseAlgorithm : int { ES256 = -7, EdDSA = -8, PS256 = -37 };

std::optional<CoseAlgorithm> coseAlgorithmFromId(qint64 id);
QString coseAlgorithmName(CoseAlgorithm alg);

enum class KeyType { EcP256, Rsa, Ed25519 };

// The algorithm an issuer uses by default with a key of this type.
CoseAlgorithm defaultAlgorithmFor(KeyType type);
bool algorithmMatchesKey(CoseAlgorithm alg, KeyType type);

// A public key. OpenSSL stays behind the pimpl: no OpenSSL type in headers.
class PublicKey
{
public:
    class Impl;

    PublicKey();
    ~PublicKey();
    PublicKey(const PublicKey&);
    PublicKey& operator=(const PublicKey&);

    // DER SubjectPublicKeyInfo.
    static Result<PublicKey> fromSubjectPublicKeyInfo(const QByteArray& der);
    static Result<PublicKey> fromPem(const QByteArray& pem);
    // Raw forms used by COSE_Key test vectors.
    static Result<PublicKey> fromEcP256Point(const QByteArray& x, const QByteArray& y);
    static Result<PublicKey> fromEd25519(const QByteArray& raw32);
    static Result<PublicKey> fromRsa(const QByteArray& modulus, const QByteArray& exponent);

    bool isNull() const;
    KeyType type() const;
    QByteArray subjectPublicKeyInfo() const;
    QByteArray toPem() const;

    const Impl* impl() const { return d.get(); }
    explicit PublicKey(std::shared_ptr<const Impl> impl);

private:
    std::shared_ptr<const Impl> d;
};

// A private key (authority side: demo PKI, issuing, publishing bundles).
class PrivateKey
{
public:
    class Impl;

    PrivateKey();
    ~PrivateKey();
    PrivateKey(const PrivateKey&);
    PrivateKey& operator=(const PrivateKey&);

    // RSA keys are 2048 bits.
    static Result<PrivateKey> generate(KeyType type);
    static Result<PrivateKey> fromPem(const QByteArray& pem);
    // Raw forms used by COSE_Key test vectors (d with its public point).
    static Result<PrivateKey> fromEcP256(const QByteArray& d, const QByteArray& x, const QByteArray& y);
    static Result<PrivateKey> fromEd25519(const QByteArray& raw32);

    bool isNull() const;
    KeyType type() const;
    PublicKey publicKey() const;
    // Unencrypted PKCS#8 PEM. Callers must never log it.
    QByteArray toPem() const;

    const Impl* impl() const { return d.get(); }
    explicit PrivateKey(std::shared_ptr<const Impl> impl);

private:
    std::shared_ptr<const Impl> d;
};

} // namespace kp
