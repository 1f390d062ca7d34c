// `kpdesk-cli inspections` end to end, as a customs IT script would use it:
// each filter, the number as typed, the officer ignoring case, whole local
// days, the limit with "more", usage errors, and a desk whose inspections
// cannot be read: exit 4 with the reason, never an empty list.
#include "CacheDamage.h"
#include "CliRun.h"
#include "InspectionFixtures.h"
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "records/SqliteRecordsStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace kp;
using namespace kp::test;

namespace {

using Run = kp::test::CliRun;

Run cli(const QStringList& args)
{
    return kp::test::runCli(args);
}

} // namespace

class TestInspectionsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    // The command line reads the real time: the fixture is made relative to it.
    const QDateTime m_now = QDateTime::currentDateTimeUtc();
    QMap<QString, QString> m_ids;

    Run inspections(const QStringList& rest)
    {
        return cli(QStringList{QStringLiteral("inspections"), QStringLiteral("--db"), m_db} + rest);
    }

    // The fixture keys listed by --json, in order.
    QStringList keys(const Run& r)
    {
        QStringList out;
        for (const QJsonValue v : r.json().value(QStringLiteral("inspections")).toArray())
            out << m_ids.key(v[QStringLiteral("id")].toString(), QStringLiteral("?"));
        return out;
    }

    QString localDay(int daysAgo) const
    {
        return m_now.toLocalTime().date().addDays(-daysAgo).toString(Qt::ISODate);
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        m_db = m_dir.filePath(QStringLiteral("desk.sqlite"));
        auto db = CacheDatabase::open(m_db, CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        SqliteRecordsStore store(**db);
        m_ids = writePastInspections(store, m_now);
        QCOMPARE(m_ids.size(), 5);
    }

    void numberAsTypedWithJson()
    {
        const Run r = inspections(
            {QStringLiteral("--number"), QStringLiteral(" bw-2026-000003"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("more")).toBool(true), false);
        QCOMPARE(o.value(QStringLiteral("limit")).toInt(), 500);
        const QJsonObject i = o.value(QStringLiteral("inspections")).toArray().first().toObject();
        QCOMPARE(i.value(QStringLiteral("id")).toString(), m_ids.value(QStringLiteral("tenDays")));
        QCOMPARE(i.value(QStringLiteral("number")).toString(), QStringLiteral("BW-2026-000003"));
        QCOMPARE(i.value(QStringLiteral("participant")).toString(), QStringLiteral("BW"));
        QCOMPARE(i.value(QStringLiteral("verdict")).toString(), QStringLiteral("doubt"));
        QCOMPARE(i.value(QStringLiteral("final_verdict")).toString(), QStringLiteral("doubt"));
        QCOMPARE(i.value(QStringLiteral("officer")).toString(), QStringLiteral("Olga"));
        QCOMPARE(i.value(QStringLiteral("case")).toBool(), true);
        QCOMPARE(QDateTime::fromString(i.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs),
                 m_now.addDays(-10));
    }

    void officerIgnoringCaseAsText()
    {
        const Run r = inspections({QStringLiteral("--officer"), QStringLiteral("OLGA")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList lines = QString::fromUtf8(r.out).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(m_ids.value(QStringLiteral("today"))));
        QVERIFY(lines[0].contains(QLatin1String("BW-2026-000001")));
        QVERIFY(lines[0].contains(QLatin1String("ACCEPT")));
        QVERIFY(!lines[0].contains(QLatin1String("CASE")));
        QVERIFY(lines[1].startsWith(m_ids.value(QStringLiteral("tenDays"))));
        QVERIFY(lines[1].contains(QLatin1String("CASE")));
        QCOMPARE(r.err.trimmed(), QByteArray("2 inspections found."));
    }

    void wholeLocalDays()
    {
        Run r = inspections({QStringLiteral("--from"), localDay(5), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(keys(r), (strings({"today", "twoDays"})));
        r = inspections({QStringLiteral("--to"), localDay(3), QStringLiteral("--json")});
        QCOMPARE(keys(r), (strings({"tenDays", "fortyDays", "lastYear"})));
        r = inspections({QStringLiteral("--from"), localDay(20), QStringLiteral("--to"), localDay(3),
                         QStringLiteral("--json")});
        QCOMPARE(keys(r), strings({"tenDays"}));
    }

    void verdictAndParticipant()
    {
        Run r =
            inspections({QStringLiteral("--verdict"), QStringLiteral("reject"),
                         QStringLiteral("--participant"), QStringLiteral("bw"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(keys(r), strings({"lastYear"}));
        r = inspections({QStringLiteral("--participant"), QStringLiteral("ZA"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0); // none found is an answer
        QCOMPARE(r.json().value(QStringLiteral("count")).toInt(-1), 0);
        QVERIFY(r.json().value(QStringLiteral("inspections")).isArray());
    }

    void limitSaysNarrowTheSearch()
    {
        Run r = inspections({QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(keys(r), (strings({"today", "twoDays"})));
        QVERIFY(r.json().value(QStringLiteral("more")).toBool());
        r = inspections({QStringLiteral("--limit"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 2);
        QVERIFY2(r.err.contains("More than 2 inspections found: narrow the search."), r.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("verdict") << strings({"--verdict", "maybe"});
        QTest::newRow("from not a date") << strings({"--from", "yesterday"});
        QTest::newRow("from with a time") << strings({"--from", "2026-11-20T00:00:00"});
        QTest::newRow("to not a day") << strings({"--to", "2026-02-30"});
        QTest::newRow("from after to") << strings({"--from", "2026-11-20", "--to", "2026-11-19"});
        QTest::newRow("participant") << strings({"--participant", "BWA"});
        QTest::newRow("limit") << strings({"--limit", "0"});
        QTest::newRow("unknown option") << strings({"--colour", "red"});
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = inspections(args);
        QCOMPARE(r.exitCode, 4);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!r.err.isEmpty());
    }

    void helpAndUsage()
    {
        Run r = cli({QStringLiteral("inspections"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* option : {"--number", "--from", "--to", "--verdict", "--officer", "--participant",
                                   "--limit", "--json", "kpdesk-cli inspections"})
            QVERIFY2(r.out.contains(option), option);
        r = cli({QStringLiteral("--help")});
        QVERIFY(r.out.contains("  inspections "));
    }

    void unreadableExitsFourNeverAnEmptyList()
    {
        const QString copy = m_dir.filePath(QStringLiteral("damaged.sqlite"));
        checkpoint(m_db);
        QVERIFY(QFile::copy(m_db, copy));
        QVERIFY(damageRootOf(copy, QStringLiteral("inspections")));
        for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--json")}}) {
            const Run r =
                cli(QStringList{QStringLiteral("inspections"), QStringLiteral("--db"), copy} + extra);
            QCOMPARE(r.exitCode, 4);
            QVERIFY2(r.out.isEmpty(), r.out.constData());
            QVERIFY2(r.err.contains("could not be read"), r.err.constData());
        }
    }

    // Issue 21 item 4: the command line reads a corrected inspection as the
    // window does: the verdict that stands, said to be corrected.
    void aCorrectionIsShown()
    {
        const QString id = m_ids.value(QStringLiteral("tenDays"));
        {
            auto db = CacheDatabase::open(m_db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(db.ok());
            SqliteRecordsStore store(**db);
            InspectionCorrection c;
            c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            c.inspectionId = id;
            c.at = m_now;
            c.officer = QStringLiteral("Olga");
            c.reason = QStringLiteral("recounted");
            c.previous.parcelsCounted = 2;
            c.previousVerdict = Verdict::Doubt;
            c.check.parcelsCounted = 3;
            c.finalVerdict = Verdict::Accept;
            QVERIFY(store.insertCorrection(c).ok());
        }
        const QStringList number{QStringLiteral("--number"), QStringLiteral("BW-2026-000003")};
        const Run json = inspections(number + QStringList{QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject i = json.json().value(QStringLiteral("inspections")).toArray().first().toObject();
        QCOMPARE(i.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(i.value(QStringLiteral("final_verdict")).toString(), QStringLiteral("accept"));
        QCOMPARE(i.value(QStringLiteral("corrections")).toInt(), 1);
        const Run text = inspections(number);
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("CORRECTED"), text.out.constData());
        const Run other = inspections({QStringLiteral("--officer"), QStringLiteral("olga")});
        QCOMPARE(other.out.count("CORRECTED"), 1);
    }
};

QTEST_GUILESS_MAIN(TestInspectionsCli)
#include "test_inspections_cli.moc"
