#pragma once

#include "crypto/Keys.h"

#include <QDateTime>
#include <QString>

namespace kp {

// An X.509 certificate (authority CA, document signer or bundle signer).
class Certificate
{
public:
    class Impl;

    Certificate();
    ~Certificate();
    Certificate(const Certificate&);
    Certificate& operator=(const Certificate&);

    static Result<Certificate> fromDer(const QByteArray& der);
    // The first certificate in a PEM text.
    static Result<Certificate> fromPem(const QByteArray& pem);

    bool isNull() const;
    QByteArray der() const;
    QByteArray toPem() const;
    QByteArray sha256() const;
    // KP1 kid: first 8 bytes of SHA-256 over the DER encoding.
    QByteArray kid() const;

    QString subjectCountry() const;
    QString subjectCommonName() const;
    QString issuerCountry() const;
    QDateTime notBefore() const;
    QDateTime notAfter() const;
    // True when the certificate's validity period covers any part of this UTC day.
    bool validOn(const QDate& day) const;

    bool isCa() const;                   // basicConstraints CA:TRUE
    bool allowsCertSign() const;         // keyUsage keyCertSign
    bool allowsDigitalSignature() const; // keyUsage digitalSignature (or no keyUsage extension)
    bool allowsClientAuth() const;       // extendedKeyUsage clientAuth present
    bool isSelfSigned() const;

    PublicKey publicKey() const;

    // Issuer name matches issuer's subject and the signature verifies with issuer's key.
    Status isIssuedBy(const Certificate& issuer) const;

    const Impl* impl() const { return d.get(); }
    explicit Certificate(std::shared_ptr<const Impl> impl);

private:
    std::shared_ptr<const Impl> d;
};

// Builds certificates for the authority side (demo PKI and tests).
struct CertificateSpec
{
    QString country;    // subject C
    QString commonName; // subject CN
    QString organization;
    QDateTime notBefore;
    QDateTime notAfter;
    qint64 serial = 1;
};

namespace CertificateFactory {
// Self-signed, CA:TRUE (critical), keyUsage keyCertSign|cRLSign.
Result<Certificate> makeAuthorityCa(const PrivateKey& key, const CertificateSpec& spec);
// Issued by ca, CA:FALSE, keyUsage digitalSignature.
Result<Certificate> makeDocumentSigner(const Certificate& ca, const PrivateKey& caKey,
                                       const PublicKey& signerKey, const CertificateSpec& spec);
// Issued by the home authority's CA to a desk (kp-outbox.md): CA:FALSE and
// keyUsage digitalSignature (both critical), extendedKeyUsage clientAuth.
Result<Certificate> makeDeskCertificate(const Certificate& ca, const PrivateKey& caKey,
                                        const PublicKey& deskKey, const CertificateSpec& spec);
// Self-signed leaf, CA:FALSE, keyUsage digitalSignature: the bundle key a desk pins.
Result<Certificate> makeSelfSignedSigner(const PrivateKey& key, const CertificateSpec& spec);
} // namespace CertificateFactory

} // namespace kp
