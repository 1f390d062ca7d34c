#include "TestSupport.h"

#include "verify/Inspection.h"
#include "verify/Verifier.h"

#include <QJsonArray>
#include <QTest>

using namespace kp;

class TestInspection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    void names()
    {
        QCOMPARE(checkStatusName(CheckStatus::Pass), QStringLiteral("pass"));
        QCOMPARE(checkStatusName(CheckStatus::Warn), QStringLiteral("warn"));
        QCOMPARE(checkStatusName(CheckStatus::Fail), QStringLiteral("fail"));
        QCOMPARE(checkStatusName(CheckStatus::Skip), QStringLiteral("skip"));
        QCOMPARE(verdictName(Verdict::Accept), QStringLiteral("accept"));
        QCOMPARE(verdictName(Verdict::Doubt), QStringLiteral("doubt"));
        QCOMPARE(verdictName(Verdict::Reject), QStringLiteral("reject"));
        QCOMPARE(verdictFromName(QStringLiteral("doubt")), Verdict::Doubt);
        QCOMPARE(checkStatusFromName(QStringLiteral("skip")), CheckStatus::Skip);
        QVERIFY(!verdictFromName(QStringLiteral("valid")));
        QCOMPARE(CheckName::all().size(), 12);
    }

    void verdict_data()
    {
        QTest::addColumn<QList<int>>("statuses"); // for format, signature, signer, then the rest
        QTest::addColumn<int>("verdict");
        auto all = [](CheckStatus s) {
            return QList<int>(12, int(s));
        };
        QTest::newRow("all pass") << all(CheckStatus::Pass) << int(Verdict::Accept);
        QList<int> warn = all(CheckStatus::Pass);
        warn[10] = int(CheckStatus::Warn);
        QTest::newRow("one warn") << warn << int(Verdict::Doubt);
        QList<int> failAndWarn = warn;
        failAndWarn[4] = int(CheckStatus::Fail);
        QTest::newRow("fail beats warn") << failAndWarn << int(Verdict::Reject);
        QList<int> skipped = all(CheckStatus::Pass);
        skipped[1] = int(CheckStatus::Skip);
        QTest::newRow("signature not checked is never accept") << skipped << int(Verdict::Doubt);
        QList<int> extrasSkipped = all(CheckStatus::Pass);
        extrasSkipped[10] = int(CheckStatus::Skip);
        QTest::newRow("value skipped still accept") << extrasSkipped << int(Verdict::Accept);
        QTest::newRow("all skipped") << all(CheckStatus::Skip) << int(Verdict::Doubt);
    }
    void verdict()
    {
        QFETCH(QList<int>, statuses);
        QFETCH(int, verdict);
        QList<CheckResult> checks;
        const QStringList names = CheckName::all();
        for (int i = 0; i < names.size(); ++i)
            checks.append({names[i], CheckStatus(statuses[i]), QStringLiteral("x")});
        QCOMPARE(int(verdictFor(checks)), verdict);
        QCOMPARE(verdictFor({}), Verdict::Doubt);
    }

    void classify_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::newRow("kp1") << QStringLiteral("KP1:ABC") << int(SourceKind::Kp1);
        QTest::newRow("number") << QStringLiteral("BW-2026-004711") << int(SourceKind::PlainNumber);
        QTest::newRow("number with slash") << QStringLiteral("US/123456") << int(SourceKind::PlainNumber);
        QTest::newRow("number with spaces around")
            << QStringLiteral(" CA123456 \r") << int(SourceKind::PlainNumber);
        QTest::newRow("lowercase, typed") << QStringLiteral("bw-2026-004711") << int(SourceKind::PlainNumber);
        QTest::newRow("spaces inside, typed")
            << QStringLiteral("na 2026 000377") << int(SourceKind::PlainNumber);
        QTest::newRow("kp1 with caps lock") << QStringLiteral("kp1:abc") << int(SourceKind::Kp1);
        QTest::newRow("words") << QStringLiteral("hello world 123!") << int(SourceKind::Unrecognized);
        QTest::newRow("words, no digit") << QStringLiteral("hello world") << int(SourceKind::Unrecognized);
        QTest::newRow("no issuer code") << QStringLiteral("2026-004711") << int(SourceKind::Unrecognized);
        QTest::newRow("too short") << QStringLiteral("BW1") << int(SourceKind::Unrecognized);
        QTest::newRow("too long") << QString(33, u'A') << int(SourceKind::Unrecognized);
        QTest::newRow("url") << QStringLiteral("https://example.org") << int(SourceKind::Unrecognized);
        QTest::newRow("empty") << QString() << int(SourceKind::Unrecognized);
    }
    void classify()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QCOMPARE(int(Verifier::classify(text)), kind);
    }

    void normalised_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("as printed") << QStringLiteral("NA-2026-000377") << QStringLiteral("NA-2026-000377");
        QTest::newRow("lower case") << QStringLiteral("na-2026-000377") << QStringLiteral("NA-2026-000377");
        QTest::newRow("spaces") << QStringLiteral(" na-2026 - 000377\r") << QStringLiteral("NA-2026-000377");
        QTest::newRow("kp1 caps lock") << QStringLiteral("kp1:6bf $x") << QStringLiteral("KP1:6BF $X");
        QTest::newRow("kp1 spaces kept") << QStringLiteral("KP1:A B ") << QStringLiteral("KP1:A B");
        QTest::newRow("words kept") << QStringLiteral(" hello world 123! ")
                                    << QStringLiteral("hello world 123!");
        QTest::newRow("words without digits kept")
            << QStringLiteral("hello world") << QStringLiteral("hello world");
    }
    void normalised()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(Verifier::normalised(text), expected);
    }

    // The views show a saved inspection from its typed form: what was saved
    // comes back, field by field.
    void readsBackWhatWasSaved()
    {
        Inspection insp;
        insp.input = {QStringLiteral("KP1:ABC"), QStringLiteral("QR Code"), QStringLiteral("/scan.png")};
        insp.source = SourceKind::Kp1;
        insp.number = QStringLiteral("BW-2026-004650");
        CertificateRecord cert;
        cert.number = insp.number;
        cert.issuer = QStringLiteral("BW");
        cert.authority = QStringLiteral("Ministry");
        cert.issued = QDate(2026, 1, 2);
        cert.expires = QDate(2026, 3, 2);
        cert.origins = {QStringLiteral("BW")};
        cert.exporter = {QStringLiteral("Exporter"), QStringLiteral("Gaborone")};
        cert.importer = {QStringLiteral("Importer"), QStringLiteral("Antwerp")};
        cert.destination = QStringLiteral("EU");
        cert.lots = {{QStringLiteral("7102.31"), 12345, 678900}};
        cert.parcels = 3;
        cert.seals = {QStringLiteral("S-1"), QStringLiteral("S-2")};
        insp.certificate = cert;
        insp.checks = {{CheckName::Signature, CheckStatus::Fail, QStringLiteral("bad")},
                       {CheckName::Expiry, CheckStatus::Pass, QStringLiteral("ok")}};
        insp.verdict = Verdict::Reject;
        insp.inspectionDate = QDate(2026, 2, 1);
        insp.verifiedAt = QDateTime(QDate(2026, 2, 1), QTime(10, 30), Qt::UTC);
        insp.deskParticipant = QStringLiteral("EU");
        insp.dataError = QStringLiteral("damaged");

        const Inspection back = Inspection::fromJson(insp.toJson());
        QCOMPARE(back.toJson(), insp.toJson());
        QVERIFY(back.certificate.has_value());
        QCOMPARE(*back.certificate, cert);
        QCOMPARE(back.checks.size(), 2);
        QCOMPARE(back.checks[0].status, CheckStatus::Fail);

        // A status from a later version is never read as a pass.
        QJsonObject later = insp.toJson();
        later.insert(QStringLiteral("checks"),
                     QJsonArray{QJsonObject{{QStringLiteral("check"), QStringLiteral("new")},
                                            {QStringLiteral("status"), QStringLiteral("maybe")}}});
        QCOMPARE(Inspection::fromJson(later).checks.first().status, CheckStatus::Warn);
    }
};

QTEST_GUILESS_MAIN(TestInspection)
#include "test_inspection.moc"
