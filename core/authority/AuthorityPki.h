#pragma once

#include "crypto/Certificate.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace kp {

// One participant's issuing keys: its authority CA and a document signer.
struct IssuerKeys
{
    QString country;
    PrivateKey caKey;
    Certificate ca;
    PrivateKey signerKey;
    Certificate signer;
};

// A small PKI for demos, tests and authorities piloting KP1, kept in a folder:
//   bundle-key.pem, bundle-cert.pem           the home authority's bundle signer
//   issuers/<CC>/{ca,signer}-{key,cert}.pem   each issuing participant
// Private keys are written with owner-only permissions.
class AuthorityPki
{
public:
    struct IssuerSpec
    {
        QString country;
        KeyType keyType = KeyType::EcP256;
    };

    // Creates the keys and certificates (CA valid 10 years, signers 3 years,
    // both from notBefore) and writes them under dir.
    static Result<AuthorityPki> create(const QString& dir, const QString& home,
                                       const QList<IssuerSpec>& issuers, const QDateTime& notBefore);
    static Result<AuthorityPki> load(const QString& dir);

    // Adds another document signer for an existing issuer (e.g. a rogue or a
    // rollover signer); not written to disk.
    static Result<IssuerKeys> makeIssuer(const QString& country, KeyType keyType, const QDateTime& notBefore,
                                         qint64 serialBase);

    QString home() const { return m_home; }
    const PrivateKey& bundleKey() const { return m_bundleKey; }
    const Certificate& bundleCert() const { return m_bundleCert; }
    QList<IssuerKeys> issuers() const { return m_issuers.values(); }
    const IssuerKeys* issuer(const QString& country) const;

private:
    QString m_home;
    PrivateKey m_bundleKey;
    Certificate m_bundleCert;
    QMap<QString, IssuerKeys> m_issuers;
};

} // namespace kp
