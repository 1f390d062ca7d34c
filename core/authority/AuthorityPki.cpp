#include "authority/AuthorityPki.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::AuthorityPki)
};

Status writeFile(const QString& path, const QByteArray& data, bool secret)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("pki.write"),
                         Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(data);
    if (!file.commit())
        return makeError(QStringLiteral("pki.write"),
                         Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return success();
}

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("pki.read"),
                         Tr::tr("Cannot read %1: %2").arg(path, file.errorString()));
    return file.read(1 << 20);
}

Result<PrivateKey> loadKey(const QString& path)
{
    auto pem = readFile(path);
    if (!pem)
        return pem.error();
    auto key = PrivateKey::fromPem(*pem);
    if (!key)
        return makeError(QStringLiteral("pki.read"), Tr::tr("%1 holds no usable private key.").arg(path));
    return key;
}

Result<Certificate> loadCert(const QString& path)
{
    auto pem = readFile(path);
    if (!pem)
        return pem.error();
    auto cert = Certificate::fromPem(*pem);
    if (!cert)
        return makeError(QStringLiteral("pki.read"), Tr::tr("%1 holds no usable certificate.").arg(path));
    return cert;
}

Status writePair(const QString& dir, const QString& stem, const PrivateKey& key, const Certificate& cert)
{
    if (auto s = writeFile(dir + u'/' + stem + QStringLiteral("-key.pem"), key.toPem(), true); !s)
        return s;
    return writeFile(dir + u'/' + stem + QStringLiteral("-cert.pem"), cert.toPem(), false);
}

} // namespace

Result<IssuerKeys> AuthorityPki::makeIssuer(const QString& country, KeyType keyType,
                                            const QDateTime& notBefore, qint64 serialBase)
{
    IssuerKeys keys;
    keys.country = country;
    auto caKey = PrivateKey::generate(keyType);
    auto signerKey = PrivateKey::generate(keyType);
    if (!caKey)
        return caKey.error();
    if (!signerKey)
        return signerKey.error();
    CertificateSpec caSpec{country,
                           QStringLiteral("KP Authority CA %1").arg(country),
                           QStringLiteral("KP Authority of %1").arg(country),
                           notBefore,
                           notBefore.addYears(10),
                           serialBase};
    auto ca = CertificateFactory::makeAuthorityCa(*caKey, caSpec);
    if (!ca)
        return ca.error();
    CertificateSpec signerSpec{country,
                               QStringLiteral("KP Document Signer %1-%2").arg(country).arg(serialBase + 1),
                               caSpec.organization,
                               notBefore,
                               notBefore.addYears(3),
                               serialBase + 1};
    auto signer = CertificateFactory::makeDocumentSigner(*ca, *caKey, signerKey->publicKey(), signerSpec);
    if (!signer)
        return signer.error();
    keys.caKey = *caKey;
    keys.ca = *ca;
    keys.signerKey = *signerKey;
    keys.signer = *signer;
    return keys;
}

Result<AuthorityPki> AuthorityPki::create(const QString& dir, const QString& home,
                                          const QList<IssuerSpec>& issuers, const QDateTime& notBefore)
{
    AuthorityPki pki;
    pki.m_home = home;
    auto bundleKey = PrivateKey::generate(KeyType::EcP256);
    if (!bundleKey)
        return bundleKey.error();
    CertificateSpec spec{home,
                         QStringLiteral("KP Bundle Signer %1").arg(home),
                         QStringLiteral("KP Authority of %1").arg(home),
                         notBefore,
                         notBefore.addYears(10),
                         1};
    auto bundleCert = CertificateFactory::makeSelfSignedSigner(*bundleKey, spec);
    if (!bundleCert)
        return bundleCert.error();
    pki.m_bundleKey = *bundleKey;
    pki.m_bundleCert = *bundleCert;

    qint64 serial = 100;
    for (const IssuerSpec& issuerSpec : issuers) {
        auto keys = makeIssuer(issuerSpec.country, issuerSpec.keyType, notBefore, serial);
        if (!keys)
            return keys.error();
        pki.m_issuers.insert(issuerSpec.country, *keys);
        serial += 100;
    }

    if (!QDir().mkpath(dir + QStringLiteral("/issuers")))
        return makeError(QStringLiteral("pki.write"), Tr::tr("Cannot create the folder %1.").arg(dir));
    if (auto s = writePair(dir, QStringLiteral("bundle"), pki.m_bundleKey, pki.m_bundleCert); !s)
        return s.error();
    QFile homeFile(dir + QStringLiteral("/home"));
    if (!homeFile.open(QIODevice::WriteOnly) || homeFile.write(home.toLatin1() + '\n') < 0)
        return makeError(QStringLiteral("pki.write"), Tr::tr("Cannot write %1.").arg(homeFile.fileName()));
    homeFile.close();
    for (const IssuerKeys& keys : std::as_const(pki.m_issuers)) {
        const QString sub = dir + QStringLiteral("/issuers/") + keys.country;
        if (!QDir().mkpath(sub))
            return makeError(QStringLiteral("pki.write"), Tr::tr("Cannot create the folder %1.").arg(sub));
        if (auto s = writePair(sub, QStringLiteral("ca"), keys.caKey, keys.ca); !s)
            return s.error();
        if (auto s = writePair(sub, QStringLiteral("signer"), keys.signerKey, keys.signer); !s)
            return s.error();
    }
    return pki;
}

Result<AuthorityPki> AuthorityPki::load(const QString& dir)
{
    AuthorityPki pki;
    auto home = readFile(dir + QStringLiteral("/home"));
    if (!home)
        return makeError(QStringLiteral("pki.read"),
                         Tr::tr("%1 is not a KP Desk authority folder.").arg(dir));
    pki.m_home = QString::fromLatin1(home->trimmed());
    auto bundleKey = loadKey(dir + QStringLiteral("/bundle-key.pem"));
    auto bundleCert = loadCert(dir + QStringLiteral("/bundle-cert.pem"));
    if (!bundleKey)
        return bundleKey.error();
    if (!bundleCert)
        return bundleCert.error();
    pki.m_bundleKey = *bundleKey;
    pki.m_bundleCert = *bundleCert;
    const QDir issuersDir(dir + QStringLiteral("/issuers"));
    for (const QString& country : issuersDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString sub = issuersDir.filePath(country);
        IssuerKeys keys;
        keys.country = country;
        auto caKey = loadKey(sub + QStringLiteral("/ca-key.pem"));
        auto ca = loadCert(sub + QStringLiteral("/ca-cert.pem"));
        auto signerKey = loadKey(sub + QStringLiteral("/signer-key.pem"));
        auto signer = loadCert(sub + QStringLiteral("/signer-cert.pem"));
        for (const Error* e :
             {caKey ? nullptr : &caKey.error(), ca ? nullptr : &ca.error(),
              signerKey ? nullptr : &signerKey.error(), signer ? nullptr : &signer.error()}) {
            if (e)
                return *e;
        }
        keys.caKey = *caKey;
        keys.ca = *ca;
        keys.signerKey = *signerKey;
        keys.signer = *signer;
        pki.m_issuers.insert(country, keys);
    }
    return pki;
}

const IssuerKeys* AuthorityPki::issuer(const QString& country) const
{
    auto it = m_issuers.constFind(country);
    return it == m_issuers.constEnd() ? nullptr : &*it;
}

} // namespace kp
