// X.509 building blocks of the trust model: authority CAs, document
// signers, kid, validity and issuance.
#include "TestSupport.h"
#include "crypto/Certificate.h"

#include <QCryptographicHash>
#include <QtTest>

using namespace kp;

namespace {

CertificateSpec spec(const char* country, const char* cn, QDate from, QDate to, qint64 serial = 1)
{
    CertificateSpec s;
    s.country = QString::fromLatin1(country);
    s.commonName = QString::fromLatin1(cn);
    s.organization = QStringLiteral("KP Authority ") + s.country;
    s.notBefore = QDateTime(from, QTime(0, 0), Qt::UTC);
    s.notAfter = QDateTime(to, QTime(23, 59, 59), Qt::UTC);
    s.serial = serial;
    return s;
}

} // namespace

class TestCertificates : public QObject
{
    Q_OBJECT

    PrivateKey m_caKey;
    PrivateKey m_signerKey;
    Certificate m_ca;
    Certificate m_signer;

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        m_caKey = *PrivateKey::generate(KeyType::EcP256);
        m_signerKey = *PrivateKey::generate(KeyType::Ed25519);
        auto ca = CertificateFactory::makeAuthorityCa(
            m_caKey, spec("BW", "BW KP Authority CA", {2025, 1, 1}, {2035, 1, 1}));
        QVERIFY(ca.ok());
        m_ca = *ca;
        auto signer = CertificateFactory::makeDocumentSigner(
            m_ca, m_caKey, m_signerKey.publicKey(), spec("BW", "BW DS 1", {2026, 1, 1}, {2026, 12, 31}, 2));
        QVERIFY(signer.ok());
        m_signer = *signer;
    }

    void authorityCaIsSelfSignedCa()
    {
        QVERIFY(m_ca.isCa());
        QVERIFY(m_ca.allowsCertSign());
        QVERIFY(m_ca.isSelfSigned());
        QCOMPARE(m_ca.subjectCountry(), QStringLiteral("BW"));
        QCOMPARE(m_ca.subjectCommonName(), QStringLiteral("BW KP Authority CA"));
    }

    void documentSignerChainsToCa()
    {
        QVERIFY(!m_signer.isCa());
        QVERIFY(m_signer.allowsDigitalSignature());
        QVERIFY(!m_signer.isSelfSigned());
        QCOMPARE(m_signer.issuerCountry(), QStringLiteral("BW"));
        QVERIFY(m_signer.isIssuedBy(m_ca).ok());
        QCOMPARE(m_signer.publicKey().type(), KeyType::Ed25519);
        QCOMPARE(m_signer.publicKey().subjectPublicKeyInfo(), m_signerKey.publicKey().subjectPublicKeyInfo());
    }

    void signerIsNotIssuedByAnotherCa()
    {
        const PrivateKey otherKey = *PrivateKey::generate(KeyType::EcP256);
        // Same subject name, different key: the forger's CA.
        const Certificate forgedCa = *CertificateFactory::makeAuthorityCa(
            otherKey, spec("BW", "BW KP Authority CA", {2025, 1, 1}, {2035, 1, 1}));
        const Status s = m_signer.isIssuedBy(forgedCa);
        QVERIFY(!s.ok());
        QVERIFY(!s.error().message.isEmpty());
        const Certificate forgedSigner =
            *CertificateFactory::makeDocumentSigner(forgedCa, otherKey, m_signerKey.publicKey(),
                                                    spec("BW", "BW DS 1", {2026, 1, 1}, {2026, 12, 31}, 2));
        QVERIFY(!forgedSigner.isIssuedBy(m_ca).ok());
    }

    void kidIsFirstEightBytesOfDerHash()
    {
        QCOMPARE(m_signer.kid().size(), 8);
        QCOMPARE(m_signer.kid(),
                 QCryptographicHash::hash(m_signer.der(), QCryptographicHash::Sha256).left(8));
        QCOMPARE(m_signer.sha256(), QCryptographicHash::hash(m_signer.der(), QCryptographicHash::Sha256));
    }

    void validOnCoversWholeDays_data()
    {
        QTest::addColumn<QDate>("day");
        QTest::addColumn<bool>("valid");
        QTest::newRow("day before") << QDate(2025, 12, 31) << false;
        QTest::newRow("first day") << QDate(2026, 1, 1) << true;
        QTest::newRow("middle") << QDate(2026, 6, 15) << true;
        QTest::newRow("last day") << QDate(2026, 12, 31) << true;
        QTest::newRow("day after") << QDate(2027, 1, 1) << false;
    }
    void validOnCoversWholeDays()
    {
        QFETCH(QDate, day);
        QFETCH(bool, valid);
        QCOMPARE(m_signer.validOn(day), valid);
    }

    void pemAndDerRoundTrip()
    {
        const auto fromPem = Certificate::fromPem(m_signer.toPem());
        QVERIFY(fromPem.ok());
        QCOMPARE(fromPem->der(), m_signer.der());
        const auto fromDer = Certificate::fromDer(m_signer.der());
        QVERIFY(fromDer.ok());
        QCOMPARE(fromDer->kid(), m_signer.kid());
    }

    void badCertificatesAreRefused()
    {
        QVERIFY(!Certificate::fromDer(QByteArray()).ok());
        QVERIFY(!Certificate::fromDer(m_signer.der().left(m_signer.der().size() / 2)).ok());
        QVERIFY(!Certificate::fromDer(m_signer.der() + "trailing").ok());
        QVERIFY(!Certificate::fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").ok());
        QVERIFY(!Certificate::fromPem(QByteArray()).ok());
    }

    void selfSignedBundleSignerIsLeaf()
    {
        const PrivateKey key = *PrivateKey::generate(KeyType::EcP256);
        const auto bundleSigner = CertificateFactory::makeSelfSignedSigner(
            key, spec("BE", "BE bundles", {2026, 1, 1}, {2030, 1, 1}));
        QVERIFY(bundleSigner.ok());
        QVERIFY(!bundleSigner->isCa());
        QVERIFY(bundleSigner->isSelfSigned());
        QVERIFY(bundleSigner->allowsDigitalSignature());
    }
};

QTEST_GUILESS_MAIN(TestCertificates)
#include "test_certificates.moc"
