#pragma once

#include "crypto/Keys.h"

#include <QString>

namespace kp {

// A PKCS #10 certificate request: how a desk asks its home authority for a
// desk certificate (kp-outbox.md). Subject C and CN only; the authority
// decides everything else.
class CertificateRequest
{
public:
    class Impl;

    CertificateRequest();
    ~CertificateRequest();
    CertificateRequest(const CertificateRequest&);
    CertificateRequest& operator=(const CertificateRequest&);

    // A request for `key`'s public key, signed with it (SHA-256; Ed25519 signs
    // the whole message). Error code "crypto.request".
    static Result<QByteArray> makePem(const PrivateKey& key, const QString& country,
                                      const QString& commonName);
    // Parses the first request in a PEM text (at most MaxPemSize bytes) and
    // verifies its self-signature. Error code "crypto.request".
    static Result<CertificateRequest> fromPem(const QByteArray& pem);
    static constexpr qsizetype MaxPemSize = 64 * 1024;

    bool isNull() const;
    QString subjectCountry() const;
    QString subjectCommonName() const;
    PublicKey publicKey() const;

    explicit CertificateRequest(std::shared_ptr<const Impl> impl);

private:
    std::shared_ptr<const Impl> d;
};

} // namespace kp
