// The desk's key and its enrolment: the request, the desk certificate, the
// checks before one is installed, the authority's list, and a repair.
#include "TestSupport.h"

#include "authority/AuthorityPki.h"
#include "authority/DeskRegistry.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheRepair.h"
#include "cache/CacheWriter.h"
#include "crypto/CertificateRequest.h"
#include "outbox/DeskIdentity.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace kp;

namespace {

const QString Desk = QStringLiteral("EU-ANR-03");

CertificateSpec deskSpec(const QString& country, const QString& cn, const QDateTime& from,
                         const QDateTime& to)
{
    return CertificateSpec{country, cn, QStringLiteral("Test"), from, to, 7};
}

} // namespace

class TestDeskIdentity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<AuthorityPki> m_pki;
    std::unique_ptr<CacheDatabase> m_db;
    QDateTime m_now = QDateTime::currentDateTimeUtc();

    const IssuerKeys& eu() const { return *m_pki->issuer(QStringLiteral("EU")); }

    // A fresh desk of the EU holding the EU's authority CA, asking to be Desk.
    QByteArray newDesk(const QString& name)
    {
        m_db.reset();
        auto db = CacheDatabase::open(m_dir.filePath(name), CacheDatabase::OpenMode::CreateIfMissing);
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        m_db = std::move(db).value();
        if (!m_db->setParticipant(QStringLiteral("EU")))
            qFatal("participant");
        auto writer = CacheWriter::begin(*m_db);
        if (!writer || !(*writer)->upsertAuthorityCa(eu().ca.der(), QStringLiteral("EU"), {}) ||
            !(*writer)->upsertAuthorityCa(m_pki->issuer(QStringLiteral("BW"))->ca.der(), QStringLiteral("BW"),
                                          {}) ||
            !(*writer)->commit())
            qFatal("cas");
        auto csr = DeskEnrolment::request(*m_db, Desk, false);
        if (!csr)
            qFatal("%s", qPrintable(csr.error().message));
        return *csr;
    }

    PublicKey deskPublicKey() const
    {
        QFile f(DeskIdentity::keyPath(*m_db));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        auto key = PrivateKey::fromPem(f.readAll());
        return key ? key->publicKey() : PublicKey();
    }

    QByteArray deskCert(const PublicKey& key, const QString& country = QStringLiteral("EU"),
                        const QString& cn = Desk)
    {
        auto cert = CertificateFactory::makeDeskCertificate(
            eu().ca, eu().caKey, key, deskSpec(country, cn, m_now.addDays(-1), m_now.addDays(30)));
        return cert ? cert->toPem() : QByteArray();
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        QVERIFY(m_dir.isValid());
        auto pki = AuthorityPki::create(
            m_dir.filePath(QStringLiteral("pki")), QStringLiteral("EU"),
            {{QStringLiteral("EU"), KeyType::EcP256}, {QStringLiteral("BW"), KeyType::EcP256}},
            m_now.addDays(-10));
        QVERIFY2(pki, qPrintable(pki ? QString() : pki.error().message));
        m_pki = *pki;
    }

    void requestRoundTrip()
    {
        auto key = PrivateKey::generate(KeyType::EcP256);
        QVERIFY(key);
        auto pem = CertificateRequest::makePem(*key, QStringLiteral("EU"), Desk);
        QVERIFY(pem);
        QVERIFY(pem->startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        auto request = CertificateRequest::fromPem(*pem);
        QVERIFY2(request, qPrintable(request ? QString() : request.error().message));
        QCOMPARE(request->subjectCountry(), QStringLiteral("EU"));
        QCOMPARE(request->subjectCommonName(), Desk);
        QCOMPARE(request->publicKey().subjectPublicKeyInfo(), key->publicKey().subjectPublicKeyInfo());

        // A request whose signature does not verify, garbage, and too much.
        QByteArray der = QByteArray::fromBase64(pem->split('\n').mid(1, pem->count('\n') - 2).join());
        der[der.size() - 5] = char(der[der.size() - 5] ^ 0x01);
        const QByteArray tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + der.toBase64() +
                                    "\n-----END CERTIFICATE REQUEST-----\n";
        QVERIFY(!CertificateRequest::fromPem(tampered));
        QVERIFY(!CertificateRequest::fromPem("not a request"));
        QVERIFY(!CertificateRequest::fromPem(QByteArray(CertificateRequest::MaxPemSize + 1, 'A')));
    }

    void deskCertificateExtensions()
    {
        auto key = PrivateKey::generate(KeyType::EcP256);
        QVERIFY(key);
        auto cert = CertificateFactory::makeDeskCertificate(
            eu().ca, eu().caKey, key->publicKey(),
            deskSpec(QStringLiteral("EU"), Desk, m_now, m_now.addDays(1)));
        QVERIFY(cert);
        QVERIFY(!cert->isCa());
        QVERIFY(cert->allowsDigitalSignature());
        QVERIFY(!cert->allowsCertSign());
        QVERIFY(cert->allowsClientAuth());
        QVERIFY(cert->isIssuedBy(eu().ca));
        QCOMPARE(cert->subjectCommonName(), Desk);
        // Neither a document signer nor a CA is a desk certificate.
        QVERIFY(!eu().signer.allowsClientAuth());
        QVERIFY(!eu().ca.allowsClientAuth());
    }

    void keyFileIsOwnerOnly()
    {
        const mode_t old = ::umask(0); // even with a permissive umask
        newDesk(QStringLiteral("mode.sqlite"));
        ::umask(old);
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(DeskIdentity::keyPath(*m_db)).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QCOMPARE(m_db->enrolledDeskId().value(), Desk);
        // No certificate yet: not enrolled, and the message says how.
        auto identity = DeskIdentity::load(*m_db);
        QVERIFY(!identity);
        QCOMPARE(identity.error().code, QStringLiteral("outbox.not-enrolled"));
        QVERIFY(identity.error().message.contains(QLatin1String("--install")));
    }

    void installAndLoad()
    {
        const QByteArray csr = newDesk(QStringLiteral("install.sqlite"));
        auto registry = DeskRegistry::open(m_dir.filePath(QStringLiteral("pki")));
        QVERIFY(registry);
        auto pem = registry->enrol(csr, 365);
        QVERIFY2(pem, qPrintable(pem ? QString() : pem.error().message));
        QVERIFY2(DeskEnrolment::install(*m_db, *pem), "install");
        auto identity = DeskIdentity::load(*m_db);
        QVERIFY2(identity, qPrintable(identity ? QString() : identity.error().message));
        QCOMPARE(identity->deskId, Desk);
        QCOMPARE(identity->participant, QStringLiteral("EU"));
        QCOMPARE(identity->certificate.publicKey().subjectPublicKeyInfo(),
                 identity->key.publicKey().subjectPublicKeyInfo());

        // Enrolled: enrolling again needs --force, which makes a new key.
        auto again = DeskEnrolment::request(*m_db, Desk, false);
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("outbox.enrolled"));
        QVERIFY(again.error().message.contains(QLatin1String("--force")));
        QVERIFY(DeskIdentity::load(*m_db)); // still enrolled
        auto forced = DeskEnrolment::request(*m_db, Desk, true);
        QVERIFY(forced);
        QVERIFY(CertificateRequest::fromPem(*forced)->publicKey().subjectPublicKeyInfo() !=
                identity->key.publicKey().subjectPublicKeyInfo());
        QCOMPARE(DeskIdentity::load(*m_db).error().code, QStringLiteral("outbox.not-enrolled"));
        // The old certificate is for the old key.
        QCOMPARE(DeskEnrolment::install(*m_db, *pem).error().code, QStringLiteral("outbox.certificate"));
    }

    void installRefuses_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("another key") << "key"
                                     << "another key";
        QTest::newRow("another participant") << "participant"
                                             << "participant";
        QTest::newRow("another desk") << "cn"
                                      << "EU-ANR-04";
        QTest::newRow("a CA") << "ca"
                              << "CA certificate";
        QTest::newRow("no clientAuth") << "signer"
                                       << "client authentication";
        QTest::newRow("unknown CA") << "unknown"
                                    << "not issued";
        QTest::newRow("expired") << "expired"
                                 << "not valid now";
        QTest::newRow("not yet valid") << "future"
                                       << "not valid now";
        QTest::newRow("not a certificate") << "garbage"
                                           << "X.509";
    }

    void installRefuses()
    {
        QFETCH(QString, kind);
        QFETCH(QString, words);
        newDesk(QStringLiteral("refuse-%1.sqlite").arg(kind));
        const PublicKey key = deskPublicKey();
        QVERIFY(!key.isNull());
        QByteArray pem;
        if (kind == QLatin1String("key")) {
            pem = deskCert(PrivateKey::generate(KeyType::EcP256)->publicKey());
        } else if (kind == QLatin1String("participant")) {
            pem = deskCert(key, QStringLiteral("BW"));
        } else if (kind == QLatin1String("cn")) {
            pem = deskCert(key, QStringLiteral("EU"), QStringLiteral("EU-ANR-04"));
        } else if (kind == QLatin1String("ca")) {
            // A CA certificate for the desk's key: it has no private CA key
            // here, so sign one as a document signer would not do; use the
            // factory's CA maker with the desk's own key file.
            QFile f(DeskIdentity::keyPath(*m_db));
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto deskKey = PrivateKey::fromPem(f.readAll());
            QVERIFY(deskKey);
            pem = CertificateFactory::makeAuthorityCa(
                      *deskKey, deskSpec(QStringLiteral("EU"), Desk, m_now.addDays(-1), m_now.addDays(30)))
                      ->toPem();
        } else if (kind == QLatin1String("signer")) {
            pem = CertificateFactory::makeDocumentSigner(
                      eu().ca, eu().caKey, key,
                      deskSpec(QStringLiteral("EU"), Desk, m_now.addDays(-1), m_now.addDays(30)))
                      ->toPem();
        } else if (kind == QLatin1String("unknown")) {
            auto rogue =
                AuthorityPki::makeIssuer(QStringLiteral("EU"), KeyType::EcP256, m_now.addDays(-5), 900);
            QVERIFY(rogue);
            pem = CertificateFactory::makeDeskCertificate(
                      rogue->ca, rogue->caKey, key,
                      deskSpec(QStringLiteral("EU"), Desk, m_now.addDays(-1), m_now.addDays(30)))
                      ->toPem();
        } else if (kind == QLatin1String("expired") || kind == QLatin1String("future")) {
            const int shift = kind == QLatin1String("expired") ? -40 : 40;
            pem = CertificateFactory::makeDeskCertificate(
                      eu().ca, eu().caKey, key,
                      deskSpec(QStringLiteral("EU"), Desk, m_now.addDays(shift), m_now.addDays(shift + 30)))
                      ->toPem();
        } else {
            pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        }
        const Status s = DeskEnrolment::install(*m_db, pem);
        QVERIFY(!s);
        QCOMPARE(s.error().code, QStringLiteral("outbox.certificate"));
        QVERIFY2(s.error().message.contains(words), qPrintable(s.error().message));
        QVERIFY(m_db->deskCertificatePem().value().isEmpty());
        // The right certificate is still accepted.
        QVERIFY(DeskEnrolment::install(*m_db, deskCert(key)));
    }

    void keyProblems()
    {
        newDesk(QStringLiteral("keys.sqlite"));
        QVERIFY(DeskEnrolment::install(*m_db, deskCert(deskPublicKey())));
        const QString path = DeskIdentity::keyPath(*m_db);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QCOMPARE(DeskIdentity::load(*m_db).error().code, QStringLiteral("outbox.key"));
        QVERIFY(QFile::remove(path));
        auto missing = DeskIdentity::load(*m_db);
        QCOMPARE(missing.error().code, QStringLiteral("outbox.key"));
        QVERIFY(missing.error().message.contains(QLatin1String("missing")));
        QVERIFY(!DeskEnrolment::request(*m_db, QStringLiteral("BW-GAB-01"), true)); // not a desk of EU
    }

    void registryListsAndRevokes()
    {
        auto registry = DeskRegistry::open(m_dir.filePath(QStringLiteral("pki")));
        QVERIFY(registry);
        const qsizetype before = registry->list().size();
        auto keyA = PrivateKey::generate(KeyType::EcP256);
        auto keyB = PrivateKey::generate(KeyType::Ed25519);
        const QString id = QStringLiteral("EU-ROT-01");
        auto certA = registry->enrol(*CertificateRequest::makePem(*keyA, QStringLiteral("EU"), id), 30);
        QVERIFY(certA);
        // Same key again: a renewal. Another key while in force: refused.
        QVERIFY(registry->enrol(*CertificateRequest::makePem(*keyA, QStringLiteral("EU"), id), 30));
        auto other = registry->enrol(*CertificateRequest::makePem(*keyB, QStringLiteral("EU"), id), 30);
        QVERIFY(!other);
        QVERIFY(other.error().message.contains(QLatin1String("revoke")));
        // Another participant's desk, a bad desk id, an RSA key.
        QVERIFY(!registry->enrol(
            *CertificateRequest::makePem(*keyA, QStringLiteral("BW"), QStringLiteral("BW-GAB-01")), 30));
        QVERIFY(!registry->enrol(
            *CertificateRequest::makePem(*keyA, QStringLiteral("EU"), QStringLiteral("desk 3")), 30));
        auto rsa = PrivateKey::generate(KeyType::Rsa);
        QVERIFY(!registry->enrol(
            *CertificateRequest::makePem(*rsa, QStringLiteral("EU"), QStringLiteral("EU-ROT-09")), 30));

        const Certificate a = *Certificate::fromPem(*certA);
        QVERIFY(registry->entryFor(a));
        QVERIFY(!registry->isRevoked(a));
        QVERIFY(registry->revoke(id));
        QVERIFY(registry->isRevoked(a));
        QCOMPARE(registry->revoke(id).error().code, QStringLiteral("authority.unknown-desk"));
        QVERIFY(registry->enrol(*CertificateRequest::makePem(*keyB, QStringLiteral("EU"), id), 30));

        // Kept in the PKI folder.
        auto reread = DeskRegistry::open(m_dir.filePath(QStringLiteral("pki")));
        QVERIFY(reread);
        QCOMPARE(reread->list().size(), before + 3);
        QVERIFY(reread->isRevoked(a));
        QVERIFY(!reread->find(id)->isRevoked());
        QVERIFY(reread->find(id)->notAfter > m_now.addDays(29));
    }

    void repairKeepsEnrolment()
    {
        newDesk(QStringLiteral("repair.sqlite"));
        QVERIFY(DeskEnrolment::install(*m_db, deskCert(deskPublicKey())));
        const QString path = m_db->path();
        m_db.reset();
        auto report = repairCache(path, m_now);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db);
        m_db = std::move(db).value();
        auto identity = DeskIdentity::load(*m_db);
        QVERIFY2(identity, qPrintable(identity ? QString() : identity.error().message));
        QCOMPARE(identity->deskId, Desk);
    }
};

QTEST_GUILESS_MAIN(TestDeskIdentity)
#include "test_desk_identity.moc"
