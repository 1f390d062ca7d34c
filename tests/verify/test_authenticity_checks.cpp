// The rows of checks.md about a record's authenticity (format, signature,
// signer): a case that makes the check fail (or warn) and one that makes it
// pass, through the one verification pipeline.
#include "CheckHelpers.h"
#include "DeskFixture.h"
#include "TestSupport.h"

#include "authority/RecordSigner.h"
#include "crypto/Signature.h"
#include "format/Base45.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "format/Kp1.h"
#include "sync/CoseSigning.h"

#include <QCborArray>
#include <QCborMap>
#include <QJsonArray>
#include <QTest>

using namespace kp;
using namespace kp::test;

class TestAuthenticityChecks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void genuineCertificateIsAccepted()
    {
        DeskFixture f;
        const auto rec = f.record();
        f.registerRecord(rec);
        const Inspection insp = f.verifyRecord(rec);
        for (const CheckResult& c : insp.checks) {
            if (c.check == CheckName::Value)
                continue;
            QVERIFY2(c.status == CheckStatus::Pass, qPrintable(c.check + QStringLiteral(": ") + c.detail));
        }
        QCOMPARE(insp.verdict, Verdict::Accept);
        QCOMPARE(insp.source, SourceKind::Kp1);
        QVERIFY(insp.certificate.has_value());
        QCOMPARE(*insp.certificate, rec);
        QCOMPARE(insp.checks.size(), CheckName::all().size());
    }

    void allAlgorithmsVerify_data()
    {
        QTest::addColumn<QString>("number");
        QTest::newRow("ES256") << QStringLiteral("BW-2026-000002");
        QTest::newRow("EdDSA") << QStringLiteral("NA-2026-000002");
        QTest::newRow("PS256") << QStringLiteral("CA-2026-000002");
    }
    void allAlgorithmsVerify()
    {
        QFETCH(QString, number);
        DeskFixture f;
        const Inspection insp = f.verifyRecord(f.record(number));
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Pass);
    }

    // --- format ---
    void formatFails_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("other text") << QStringLiteral("hello world");
        QTest::newRow("other prefix") << QStringLiteral("HC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE");
        QTest::newRow("bad base45") << QStringLiteral("KP1:!!!!");
        QTest::newRow("dangling base45") << QStringLiteral("KP1:A");
        QTest::newRow("not cose") << (QStringLiteral("KP1:") + QString::fromLatin1(Base45::encode("hello")));
        QTest::newRow("empty") << QString();
    }
    void formatFails()
    {
        QFETCH(QString, text);
        DeskFixture f;
        const Inspection insp = f.verifyText(text);
        QCOMPARE(statusOf(insp, CheckName::Format), CheckStatus::Fail);
        QCOMPARE(insp.verdict, Verdict::Reject);
        // Nothing that could not run is shown as passed.
        for (const QString& name :
             {CheckName::Signature, CheckName::Signer, CheckName::Fields, CheckName::Expiry,
              CheckName::Participant, CheckName::Sanctions, CheckName::Value})
            QCOMPARE(statusOf(insp, name), CheckStatus::Skip);
        QVERIFY(!insp.certificate.has_value());
    }

    void formatFailsOnMissingOrMistypedField_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QCborValue>("value"); // undefined: remove the key
        QTest::newRow("no np") << QStringLiteral("np") << QCborValue();
        QTest::newRow("np as text") << QStringLiteral("np") << QCborValue(QStringLiteral("3"));
        QTest::newRow("no iss") << QStringLiteral("iss") << QCborValue();
        QTest::newRow("di not a date") << QStringLiteral("di") << QCborValue(QStringLiteral("15/11/2026"));
        QTest::newRow("lots not array") << QStringLiteral("lots") << QCborValue(5);
    }
    void formatFailsOnMissingOrMistypedField()
    {
        QFETCH(QString, key);
        QFETCH(QCborValue, value);
        DeskFixture f;
        QCborMap map = f.record().toCbor();
        if (value.isUndefined())
            map.remove(key);
        else
            map.insert(key, value);
        const Inspection insp = f.verifyText(kp1FromPayload(f, map));
        QCOMPARE(statusOf(insp, CheckName::Format), CheckStatus::Fail);
        QVERIFY2(detailOf(insp, CheckName::Format).contains(key),
                 qPrintable(detailOf(insp, CheckName::Format)));
        QCOMPARE(insp.verdict, Verdict::Reject);
    }

    // --- signature ---
    void signatureFailsWhenAltered()
    {
        DeskFixture f;
        auto cose = CoseSign1::parse(f.sign(f.record()));
        auto altered = f.record();
        altered.lots[0].centiCarats = 100;
        cose->payload = encodeCbor(altered.toCbor());
        const Inspection insp = f.verifyText(Kp1::encode(cose->encode()));
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Fail);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Skip);
        QCOMPARE(insp.verdict, Verdict::Reject);
    }

    void signatureFailsWhenAlgorithmDoesNotMatchKey()
    {
        DeskFixture f;
        // An EdDSA signer's kid with an ES256 header.
        const IssuerKeys& na = f.issuer(QStringLiteral("NA"));
        CoseSign1 cose;
        cose.protectedHeader.insert(1, int(CoseAlgorithm::ES256));
        cose.protectedHeader.insert(4, na.signer.kid());
        cose.protectedBytes = encodeCbor(cose.protectedHeader);
        cose.payload = encodeCbor(f.record(QStringLiteral("NA-2026-000009")).toCbor());
        cose.signature = *signData(CoseAlgorithm::EdDSA, na.signerKey, cose.toBeSigned());
        const Inspection insp = f.verifyText(Kp1::encode(cose.encode()));
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Signature).contains(QStringLiteral("ES256")));
    }

    void signatureFailsOnUnsupportedAlgorithm()
    {
        DeskFixture f;
        const IssuerKeys& bw = f.issuer(QStringLiteral("BW"));
        CoseSign1 cose;
        cose.protectedHeader.insert(1, -35); // ES384
        cose.protectedHeader.insert(4, bw.signer.kid());
        cose.protectedBytes = encodeCbor(cose.protectedHeader);
        cose.payload = encodeCbor(f.record().toCbor());
        cose.signature = QByteArray(96, '\x01');
        const Inspection insp = f.verifyText(Kp1::encode(cose.encode()));
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Signature).contains(QStringLiteral("nsupported")));
    }

    // --- signer ---
    void signerFailsWhenUnknownAndFresh()
    {
        DeskFixture f;
        auto rogue = AuthorityPki::makeIssuer(QStringLiteral("BW"), KeyType::EcP256,
                                              QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC), 9000);
        auto cose = signCertificateRecord(f.record(), rogue->signerKey, rogue->signer);
        const Inspection insp = f.verifyText(Kp1::encode(*cose));
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Fail);
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Skip);
        QCOMPARE(insp.verdict, Verdict::Reject);
    }

    void signerWarnsWhenUnknownAndStale()
    {
        DeskFixture f;
        f.clock().set(DeskFixture::now().addDays(30)); // past `fresh`
        auto rogue = AuthorityPki::makeIssuer(QStringLiteral("BW"), KeyType::EcP256,
                                              QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC), 9000);
        auto cose = signCertificateRecord(f.record(), rogue->signerKey, rogue->signer);
        VerifyOptions at;
        at.inspectionDate = QDate(2026, 11, 20);
        const Inspection insp = f.verifyText(Kp1::encode(*cose), at);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Warn);
        QVERIFY(detailOf(insp, CheckName::Signer).contains(QStringLiteral("sync")));
        QCOMPARE(insp.verdict, Verdict::Doubt);
    }

    void signerFailsWhenRevoked()
    {
        DeskFixture f;
        const IssuerKeys& bw = f.issuer(QStringLiteral("BW"));
        f.write([&](CacheWriter& w) {
            QVERIFY(w.upsertSigner(bw.signer.der(), bw.signer.kid(), QDate(2026, 10, 1),
                                   QStringLiteral("key compromise")));
        });
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Signer).contains(QStringLiteral("key compromise")));
    }

    void signerFailsWhenCaRevoked()
    {
        DeskFixture f;
        const IssuerKeys& bw = f.issuer(QStringLiteral("BW"));
        f.write([&](CacheWriter& w) {
            QVERIFY(w.upsertAuthorityCa(bw.ca.der(), QStringLiteral("BW"), QDate(2026, 9, 1)));
        });
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Signer).contains(QStringLiteral("revoked")));
    }

    void signerFailsOutsideValidityOnDateOfIssue()
    {
        DeskFixture f;
        auto rec = f.record();
        rec.issued = QDate(2024, 6, 1); // before the signer's notBefore (2025-01-01)
        rec.expires = QDate(2024, 7, 1);
        const Inspection insp = f.verifyRecord(rec);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Signer).contains(QStringLiteral("2024-06-01")));
    }

    void signerFailsForAnotherParticipantsSigner()
    {
        DeskFixture f;
        // A BW record signed by Namibia's signer.
        const IssuerKeys& na = f.issuer(QStringLiteral("NA"));
        auto cose = signCertificateRecord(f.record(), na.signerKey, na.signer);
        const Inspection insp = f.verifyText(Kp1::encode(*cose));
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Fail);
    }

    void signerFailsWithoutChainToAuthorityCa()
    {
        DeskFixture f;
        // A signer whose CA the authorities never published.
        auto stray = AuthorityPki::makeIssuer(QStringLiteral("BW"), KeyType::EcP256,
                                              QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC), 7000);
        f.write([&](CacheWriter& w) {
            QVERIFY(w.upsertSigner(stray->signer.der(), stray->signer.kid(), {}, {}));
        });
        auto cose = signCertificateRecord(f.record(), stray->signerKey, stray->signer);
        const Inspection insp = f.verifyText(Kp1::encode(*cose));
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Signer).contains(QStringLiteral("chain")));
    }

    void signersSharingAKidAreEachTried()
    {
        DeskFixture f;
        const IssuerKeys& bw = f.issuer(QStringLiteral("BW"));
        // Another certificate stored under the same kid comes first or second: either way the right one
        // verifies.
        auto other = AuthorityPki::makeIssuer(QStringLiteral("BW"), KeyType::EcP256,
                                              QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC), 5000);
        f.write(
            [&](CacheWriter& w) { QVERIFY(w.upsertSigner(other->signer.der(), bw.signer.kid(), {}, {})); });
        QCOMPARE(f.db().signersByKid(bw.signer.kid())->size(), 2);
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Pass);
    }

    // --- fields ---
};

QTEST_GUILESS_MAIN(TestAuthenticityChecks)
#include "test_authenticity_checks.moc"
