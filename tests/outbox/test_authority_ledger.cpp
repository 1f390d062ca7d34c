// The authority's side of kpmsg, after the intake: each desk's exported trail
// checked against every head its messages carried, and a confirmed import
// reaching the next bundle as `used` (kp-outbox.md), down to a desk showing it.
#include "InboxFixture.h"

#include "audit/AuditExport.h"
#include "authority/AuthorityPki.h"
#include "authority/DeskRegistry.h"
#include "authority/DeskTrailCheck.h"
#include "authority/MessageInbox.h"
#include "authority/MessageLedger.h"
#include "authority/UsedRevocations.h"
#include "crypto/CertificateRequest.h"
#include "crypto/Signature.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "outbox/KpMessage.h"

#include <QBuffer>
#include <QCborArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>

using namespace kp;
using namespace kp::test::inbox;

class TestAuthorityLedger : public InboxFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // Issue 19 item 5: a trail count lower than that of a message the desk
    // made before is reported, in whatever order the two arrive.
    void trailGoingBackIsReported()
    {
        KpMessage second = confirmation(2, QStringLiteral("BW-2026-004712"));
        second.audit = {120, QByteArray(32, 'b')};
        KpMessage first = confirmation(1);
        first.audit = {100, QByteArray(32, 'a')};
        KpMessage restored = confirmation(3, QStringLiteral("BW-2026-004713"));
        restored.audit = {90, QByteArray(32, 'c')}; // fewer entries than message 2
        put(second, sign(second, m_desk));
        QVERIFY(take().ok());
        put(first, sign(first, m_desk)); // arrives late, in order for its trail: no report
        auto run = take();
        QVERIFY(run.ok());
        for (const CounterReport& r : run->items.at(0).reports)
            QVERIFY(r.kind != CounterReport::Kind::AuditWentBack);
        put(restored, sign(restored, m_desk));
        run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->count(InboxItem::Outcome::Taken), 1);
        QCOMPARE(run->items.at(0).reports.size(), 1);
        QCOMPARE(run->items.at(0).reports.at(0).kind, CounterReport::Kind::AuditWentBack);
        QCOMPARE(run->items.at(0).reports.at(0).otherMessageId, second.idText());

        // Out of order: message 5 said 300 entries, message 4 arrives saying 310.
        KpMessage five = confirmation(5, QStringLiteral("BW-2026-004715"));
        five.audit = {300, QByteArray(32, 'e')};
        KpMessage four = confirmation(4, QStringLiteral("BW-2026-004714"));
        four.audit = {310, QByteArray(32, 'd')};
        put(five, sign(five, m_desk));
        QVERIFY(take().ok());
        put(four, sign(four, m_desk));
        run = take();
        QCOMPARE(run->items.at(0).reports.size(), 1);
        QCOMPARE(run->items.at(0).reports.at(0).kind, CounterReport::Kind::AuditWentBack);
        QCOMPARE(run->items.at(0).reports.at(0).otherMessageId, five.idText());
        const auto stored = m_ledger->counterReports();
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 4); // a gap before 2 and one before 5, and the two
        QCOMPARE(counterReportKindName(stored->at(1).kind), QStringLiteral("audit-went-back"));
        QCOMPARE(counterReportKindName(stored->at(3).kind), QStringLiteral("audit-went-back"));
    }

    // Issue 19 item 5: an exported trail against every head received.
    void trailIsCheckedAgainstEveryHead()
    {
        QList<AuditHead> heads;
        QByteArray trail = exportTrail(6, &heads);
        QVERIFY(!trail.isEmpty());
        QList<AuditPair> pairs;
        const QList<quint64> counts{0, 2, 4, 4, 6};
        for (const quint64 count : counts)
            pairs.append({QStringLiteral("EU-ANR-03"), count + 1, heads.at(qsizetype(count)),
                          QStringLiteral("m%1").arg(count)});
        QBuffer good(&trail);
        QVERIFY(good.open(QIODevice::ReadOnly));
        auto report = DeskTrailCheck::check(&good, pairs);
        QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->checked, qsizetype(5));
        QVERIFY(report->mismatches.isEmpty());
        QCOMPARE(report->trail, heads.at(6));

        // Rewritten from entry 3, and cut after entry 5: every head after
        // the change is reported, not only the first.
        QByteArray rewritten = exportTrail(5, nullptr, 3);
        QBuffer bad(&rewritten);
        QVERIFY(bad.open(QIODevice::ReadOnly));
        report = DeskTrailCheck::check(&bad, pairs);
        QVERIFY(report.ok());
        QCOMPARE(report->checked, qsizetype(5));
        QCOMPARE(report->mismatches.size(), qsizetype(3));
        QCOMPARE(report->mismatches.at(0).kind, TrailMismatch::Kind::Different);
        QCOMPARE(report->mismatches.at(0).pair.audit.count, quint64(4));
        QCOMPARE(report->mismatches.at(1).kind, TrailMismatch::Kind::Different);
        QCOMPARE(report->mismatches.at(2).kind, TrailMismatch::Kind::Missing);
        QCOMPARE(report->mismatches.at(2).pair.audit.count, quint64(6));
    }

    // Issue 19 item 5, at the command line.
    void cliAuditCheck()
    {
        QList<AuditHead> heads;
        const QByteArray trail = exportTrail(8, &heads);
        KpMessage one = confirmation(1);
        one.audit = heads.at(3);
        KpMessage two = confirmation(2, QStringLiteral("BW-2026-004712"));
        two.audit = heads.at(7);
        put(one, sign(one, m_desk));
        put(two, sign(two, m_desk));
        QCOMPARE(take()->count(InboxItem::Outcome::Taken), 2);
        const QString ledger = m_ledger->path();
        const auto check = [&](const QByteArray& bytes, const QStringList& more = {}) {
            const QString path = m_dir->filePath(QStringLiteral("trail.cbor"));
            QFile::remove(path);
            writeFile(path, bytes);
            return cli(QStringList{QStringLiteral("authority"), QStringLiteral("audit-check"),
                                   QStringLiteral("--ledger"), ledger, QStringLiteral("--desk"),
                                   QStringLiteral("EU-ANR-03")} +
                       more + QStringList{path});
        };
        Run r = check(trail);
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY2(r.out.contains("holds every one of the 2"), r.out.constData());

        // Restored from a backup of 5 entries: the head of message 2 is missing.
        r = check(exportTrail(5, nullptr), {QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(), false);
        const QJsonArray mismatches = r.json().value(QStringLiteral("mismatches")).toArray();
        QCOMPARE(mismatches.size(), 1);
        QCOMPARE(mismatches.at(0)[QStringLiteral("kind")].toString(), QStringLiteral("missing"));
        QCOMPARE(mismatches.at(0)[QStringLiteral("entry")].toInt(), 7);
        QCOMPARE(mismatches.at(0)[QStringLiteral("id")].toString(), two.idText());

        // Rewritten at entry 2: both heads differ, both are named.
        r = check(exportTrail(8, nullptr, 2));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("MISMATCH at entry 3") && r.out.contains("MISMATCH at entry 7"),
                 r.out.constData());

        // A trail whose own chain does not hold, a desk never heard of, no ledger.
        r = check(trail.chopped(2));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("does not hold"), r.out.constData());
        QCOMPARE(cli({QStringLiteral("authority"), QStringLiteral("audit-check"), QStringLiteral("--ledger"),
                      ledger, QStringLiteral("--desk"), QStringLiteral("EU-ANR-09"),
                      m_dir->filePath(QStringLiteral("trail.cbor"))})
                     .exitCode,
                 1);
        QCOMPARE(cli({QStringLiteral("authority"), QStringLiteral("audit-check"), QStringLiteral("--ledger"),
                      m_dir->filePath(QStringLiteral("none.sqlite")), QStringLiteral("--desk"),
                      QStringLiteral("EU-ANR-03"), m_dir->filePath(QStringLiteral("trail.cbor"))})
                     .exitCode,
                 4);
    }

    void explicitRevocationsWin()
    {
        const QList<RevocationEntry> used{{QStringLiteral("BW-2026-000001"),
                                           QStringLiteral("used"),
                                           QStringLiteral("2026-11-30"),
                                           QStringLiteral("EU"),
                                           {}},
                                          {QStringLiteral("BW-2026-000002"),
                                           QStringLiteral("used"),
                                           QStringLiteral("2026-11-30"),
                                           QStringLiteral("EU"),
                                           {}}};
        const QList<RevocationEntry> explicitOnes{{QStringLiteral("BW-2026-000002"),
                                                   QStringLiteral("stolen"),
                                                   QStringLiteral("2026-11-01"),
                                                   QStringLiteral("BW"),
                                                   {}}};
        const auto merged = UsedRevocations::merge(used, explicitOnes);
        QCOMPARE(merged.size(), 2);
        QCOMPARE(merged.at(0).status, QStringLiteral("used"));
        QCOMPARE(merged.at(1).status, QStringLiteral("stolen"));
    }

    // End to end: the authority takes a desk's confirmation, publishes a bundle
    // with --ledger, and another desk sees the certificate as already imported.
    void cliInboxBundleAndDesk()
    {
        QVERIFY2(QFile::exists(test::cliPath()), qPrintable(test::cliPath()));
        const QString pkiDir = m_dir->filePath(QStringLiteral("pki"));
        Run r = cli({QStringLiteral("authority"), QStringLiteral("pki"), QStringLiteral("--out"), pkiDir,
                     QStringLiteral("--home"), QStringLiteral("EU"), QStringLiteral("--issuer"),
                     QStringLiteral("BW"), QStringLiteral("--issuer"), QStringLiteral("EU")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QDate today = QDate::currentDate();
        const QJsonObject record{
            {QStringLiteral("v"), 1},
            {QStringLiteral("no"), QStringLiteral("BW-2026-000001")},
            {QStringLiteral("iss"), QStringLiteral("BW")},
            {QStringLiteral("auth"), QStringLiteral("Government Diamond Valuator, Gaborone")},
            {QStringLiteral("di"), today.addDays(-1).toString(Qt::ISODate)},
            {QStringLiteral("de"), today.addDays(59).toString(Qt::ISODate)},
            {QStringLiteral("org"), QJsonArray{QStringLiteral("BW")}},
            {QStringLiteral("exp"),
             QJsonObject{{QStringLiteral("n"), QStringLiteral("Okavango Rough Exports")},
                         {QStringLiteral("a"), QStringLiteral("Plot 64, Gaborone")}}},
            {QStringLiteral("imp"), QJsonObject{{QStringLiteral("n"), QStringLiteral("Schelde Rough NV")},
                                                {QStringLiteral("a"), QStringLiteral("Antwerpen")}}},
            {QStringLiteral("dst"), QStringLiteral("EU")},
            {QStringLiteral("lots"), QJsonArray{QJsonObject{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                                            {QStringLiteral("cct"), 152035},
                                                            {QStringLiteral("usd"), 41200000}}}},
            {QStringLiteral("np"), 3},
            {QStringLiteral("seals"), QJsonArray{QStringLiteral("GDV-88231")}}};
        writeFile(m_dir->filePath(QStringLiteral("good.json")), QJsonDocument(record).toJson());
        r = cli({QStringLiteral("authority"), QStringLiteral("issue"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--in"), m_dir->filePath(QStringLiteral("good.json")),
                 QStringLiteral("--out"), m_dir->filePath(QStringLiteral("good.cose"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // A desk of EU, enrolled with EU's authority CA, confirms the import.
        const auto pki = AuthorityPki::load(pkiDir);
        QVERIFY(pki.ok());
        const IssuerKeys* eu = pki->issuer(QStringLiteral("EU"));
        QVERIFY(eu);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Desk desk;
        desk.key = *PrivateKey::generate(KeyType::EcP256);
        {
            auto registry = DeskRegistry::open(pkiDir);
            QVERIFY(registry.ok());
            const auto pem = registry->enrol(
                *CertificateRequest::makePem(desk.key, QStringLiteral("EU"), QStringLiteral("EU-ANR-03")),
                730);
            QVERIFY2(pem.ok(), qPrintable(pem ? QString() : pem.error().message));
            desk.cert = *Certificate::fromPem(*pem);
        }
        KpMessage c = confirmation(1, QStringLiteral("BW-2026-000001"), today.toString(Qt::ISODate));
        c.at = now.addSecs(-60);
        KpMessage d = doubt(2);
        d.at = now.addSecs(-30);
        const QString inbox = m_dir->filePath(QStringLiteral("cli-intake"));
        QVERIFY(QDir().mkpath(inbox));
        writeFile(inbox + u'/' + c.fileName(), sign(c, desk));
        writeFile(inbox + u'/' + d.fileName(), sign(d, desk));
        const QString ledger = m_dir->filePath(QStringLiteral("cli-ledger.sqlite"));
        const QString caPem = pkiDir + QStringLiteral("/issuers/EU/ca-cert.pem");
        // The PKI folder gives the list of desks and the CA.
        r = cli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--ledger"), ledger, QStringLiteral("--json"), inbox});
        QVERIFY2(r.exitCode == 0, QByteArray(r.err + r.out).constData());
        QCOMPARE(r.json().value(QStringLiteral("taken")).toInt(), 2);
        QCOMPARE(
            r.json().value(QStringLiteral("files")).toArray().at(0)[QStringLiteral("outcome")].toString(),
            QStringLiteral("taken"));

        // Issue 19 item 7: the desk is revoked; the form without --pki takes
        // nothing (it cannot know), with it the message is refused.
        r = cli({QStringLiteral("authority"), QStringLiteral("revoke-desk"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--desk"), QStringLiteral("EU-ANR-03")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        KpMessage late = confirmation(3, QStringLiteral("BW-2026-000003"), today.toString(Qt::ISODate));
        late.at = now;
        writeFile(inbox + u'/' + late.fileName(), sign(late, desk));
        writeFile(inbox + QStringLiteral("/zz.kpmsg"), "garbage");
        r = cli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--ca"), caPem,
                 QStringLiteral("--ledger"), ledger, inbox});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("--pki"), r.err.constData());
        QVERIFY(QFile::exists(inbox + u'/' + late.fileName()));
        r = cli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--ca"), caPem,
                 QStringLiteral("--pki"), pkiDir, QStringLiteral("--ledger"), ledger, inbox});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("revoked"), r.out.constData());
        QVERIFY(r.out.contains("0 messages taken") || r.out.contains("0 message(s) taken"));
        QVERIFY(
            QFile::exists(inbox + QStringLiteral("/refused/") + late.fileName() + QStringLiteral(".reason")));
        QVERIFY(QFile::exists(inbox + QStringLiteral("/refused/zz.kpmsg.reason")));

        r = cli({QStringLiteral("authority"), QStringLiteral("cases"), QStringLiteral("--ledger"), ledger,
                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray cases = r.json().value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases.at(0)[QStringLiteral("id")].toString(), d.idText());
        QCOMPARE(cases.at(0)[QStringLiteral("decision")].toString(), QStringLiteral("detained"));
        QCOMPARE(cases.at(0)[QStringLiteral("files")].toArray().at(0)[QStringLiteral("name")].toString(),
                 QStringLiteral("scan.png"));

        // The next bundle marks the number used; a desk that syncs it sees a
        // possible re-use (the `duplicate` check), not a revocation.
        const QString bundle = m_dir->filePath(QStringLiteral("full-1.kpsync"));
        r = cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--participants"),
                 QStringLiteral("demo"), QStringLiteral("--keys"), QStringLiteral("--cert"),
                 m_dir->filePath(QStringLiteral("good.cose")), QStringLiteral("--ledger"), ledger,
                 QStringLiteral("--out"), bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pkiDir,
                      QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--ledger"),
                      m_dir->filePath(QStringLiteral("no-such-ledger.sqlite")), QStringLiteral("--out"),
                      m_dir->filePath(QStringLiteral("x.kpsync"))})
                     .exitCode,
                 4);
        const QString db = m_dir->filePath(QStringLiteral("desk.sqlite"));
        r = cli({QStringLiteral("init"), QStringLiteral("--db"), db, QStringLiteral("--participant"),
                 QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                 pkiDir + QStringLiteral("/bundle-cert.pem")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), db, bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                 QStringLiteral("--text"), QStringLiteral("BW-2026-000001")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("doubt"));
        QJsonObject duplicate;
        QJsonObject revocation;
        for (const QJsonValue& v : r.json().value(QStringLiteral("checks")).toArray()) {
            if (v[QStringLiteral("check")].toString() == QLatin1String("duplicate"))
                duplicate = v.toObject();
            if (v[QStringLiteral("check")].toString() == QLatin1String("revocation"))
                revocation = v.toObject();
        }
        QCOMPARE(duplicate.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
        const QString detail = duplicate.value(QStringLiteral("detail")).toString();
        QVERIFY2(detail.contains(QStringLiteral("already imported elsewhere")) &&
                     detail.contains(QStringLiteral("EU")) && detail.contains(today.toString(Qt::ISODate)),
                 qPrintable(detail));
        QCOMPARE(revocation.value(QStringLiteral("status")).toString(), QStringLiteral("pass"));
    }
};

QTEST_GUILESS_MAIN(TestAuthorityLedger)
#include "test_authority_ledger.moc"
