// A database that cannot be read must never look like good news (issue 9).
// A demo desk (real bundles, applied) is broken table by table: a damaged
// page, the table dropped or renamed, an I/O error on its page. Each time the
// certificate that the table is about is rejected, the failing check says the
// desk's data could not be read, and `kpdesk-cli status` exits non-zero. Then
// `kpdesk-cli repair` keeps the desk's records and a sync brings it back.
#include "CacheDamage.h"
#include "CliRun.h"
#include "TestSupport.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "cache/HealthCheckStop.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "verify/Verifier.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace kp;
using namespace kp::test;

namespace {

using Run = kp::test::CliRun;

Run cli(const QStringList& args)
{
    return kp::test::runCli(args);
}

enum class Damage { Page, Drop, Rename, IoError };

const char* const CouldNotRead = "could not be read";

} // namespace

class TestDataErrors : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock; // the command line's clock too: the demo's dates are relative to now
    DemoDesk m_demo;
    int m_copies = 0;

    // A copy of the demo desk, all in one file.
    QString copyOfDesk()
    {
        const QString path = m_dir.filePath(QStringLiteral("desk-%1.sqlite").arg(++m_copies));
        if (!QFile::copy(m_demo.dbPath, path))
            qFatal("cannot copy the demo desk");
        return path;
    }

    const DemoSample& sample(const QString& key) const
    {
        const DemoSample* s = m_demo.sample(key);
        if (!s)
            qFatal("no demo sample %s", qPrintable(key));
        return *s;
    }

    Inspection verifyIn(const QString& db, const QString& key, bool record = false)
    {
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        if (!opened)
            qFatal("cannot open %s: %s", qPrintable(db), qPrintable(opened.error().message));
        VerifyOptions options;
        options.recordPresentation = record;
        return Verifier(**opened, m_clock)
            .verify(ScanInput{sample(key).text, QStringLiteral("QR Code"), {}}, options);
    }

    // A shipment under this sample's certificate released at the desk
    // (what the `duplicate` check counts), as the records door writes it.
    void releaseIn(const QString& db, const QString& key)
    {
        const Inspection insp = verifyIn(db, key);
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(opened.ok());
        SqliteRecordsStore store(**opened);
        InspectionRecord released;
        released.id = QStringLiteral("released-before");
        released.number = insp.number;
        released.at = insp.verifiedAt.addSecs(-3600);
        QVERIFY(store.insertRelease(released, insp.verifiedAt.addSecs(-600), QStringLiteral("officer")).ok());
    }

    static QString describe(const Inspection& insp)
    {
        QStringList lines{verdictName(insp.verdict)};
        for (const CheckResult& c : insp.checks)
            lines << c.check + u' ' + checkStatusName(c.status) + u' ' + c.detail;
        return lines.join(u'\n');
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        // Before any connection is opened: every later one goes through it.
        QVERIFY(FaultyVfs::install());
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        auto demo = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY2(demo.ok(), demo ? "" : qPrintable(demo.error().message));
        m_demo = *demo;
        checkpoint(m_demo.dbPath);
        // The demo gives what it promises on an undamaged desk.
        const QString db = copyOfDesk();
        for (const QString& key : {QStringLiteral("bw-genuine"), QStringLiteral("stolen"),
                                   QStringLiteral("ru-ban"), QStringLiteral("na-genuine")}) {
            const Inspection insp = verifyIn(db, key);
            QCOMPARE(verdictName(insp.verdict), sample(key).expected);
            QVERIFY(insp.dataError.isEmpty());
        }
        QCOMPARE(cli({QStringLiteral("status"), QStringLiteral("--db"), db}).exitCode, 0);
    }

    void failsClosed_data()
    {
        QTest::addColumn<QString>("table"); // or index
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("sampleKey");
        QTest::addColumn<QString>("check"); // the check that must name the read error
        struct Case
        {
            const char* table;
            const char* sample;
            const char* check;
        };
        const Case cases[] = {
            {"revoked", "stolen", "revocation"},           {"rules", "ru-ban", "sanctions"},
            {"participants", "bw-genuine", "participant"}, {"presentations", "bw-genuine", "duplicate"},
            {"releases", "bw-genuine", "duplicate"},       {"certs", "bw-genuine", "registry"},
            {"signers", "bw-genuine", "signer"},           {"cas", "bw-genuine", "signer"},
            {"meta", "bw-genuine", "freshness"},
        };
        for (const Case& c : cases) {
            for (const auto& [damage, name] :
                 {std::pair{Damage::Page, "damaged page"}, std::pair{Damage::Drop, "dropped"},
                  std::pair{Damage::Rename, "renamed"}, std::pair{Damage::IoError, "I/O error"}}) {
                QTest::addRow("%s %s", c.table, name)
                    << QString::fromLatin1(c.table) << int(damage) << QString::fromLatin1(c.sample)
                    << QString::fromLatin1(c.check);
            }
        }
        // The lookups go through the indexes: a damaged index is no "not found" either.
        QTest::addRow("revoked index damaged page")
            << QStringLiteral("sqlite_autoindex_revoked_1") << int(Damage::Page) << QStringLiteral("stolen")
            << QStringLiteral("revocation");
        QTest::addRow("revoked index I/O error")
            << QStringLiteral("sqlite_autoindex_revoked_1") << int(Damage::IoError)
            << QStringLiteral("stolen") << QStringLiteral("revocation");
        QTest::addRow("certs index damaged page")
            << QStringLiteral("sqlite_autoindex_certs_1") << int(Damage::Page) << QStringLiteral("bw-genuine")
            << QStringLiteral("registry");
        // (presentations_by_no is no longer read to verify: `duplicate` counts releases.)
        QTest::addRow("releases index damaged page")
            << QStringLiteral("releases_by_no") << int(Damage::Page) << QStringLiteral("bw-genuine")
            << QStringLiteral("duplicate");
        QTest::addRow("signers index damaged page")
            << QStringLiteral("sqlite_autoindex_signers_1") << int(Damage::Page)
            << QStringLiteral("bw-genuine") << QStringLiteral("signer");
    }
    void failsClosed()
    {
        QFETCH(QString, table);
        QFETCH(int, damage);
        QFETCH(QString, sampleKey);
        QFETCH(QString, check);
        const QString db = copyOfDesk();
        if (check == QLatin1String("duplicate")) {
            // A shipment under this certificate was released here before;
            // scanned (logged) again since.
            releaseIn(db, sampleKey);
            const Inspection first = verifyIn(db, sampleKey, true);
            QVERIFY(first.recordingError.isEmpty());
            QCOMPARE(verdictName(verifyIn(db, sampleKey).verdict), QStringLiteral("doubt"));
        }
        checkpoint(db);

        const QString quoted = u'"' + table + u'"';
        switch (Damage(damage)) {
        case Damage::Page:
            QVERIFY(damageRootOf(db, table));
            break;
        case Damage::Drop:
            QVERIFY(execute(db, QStringLiteral("DROP TABLE ") + quoted));
            break;
        case Damage::Rename:
            QVERIFY(execute(db, QStringLiteral("ALTER TABLE ") + quoted + QStringLiteral(" RENAME TO old_") +
                                    table));
            break;
        case Damage::IoError: {
            const int page = rootPage(db, table);
            QVERIFY(page > 1);
            FaultyVfs::failReads(QFileInfo(db).fileName(), page, page, pageSize(db));
            break;
        }
        }

        const int failedBefore = FaultyVfs::failedReads();
        const Inspection insp = verifyIn(db, sampleKey);
        FaultyVfs::clear();
        if (Damage(damage) == Damage::IoError) // Qt's driver went through the faulty VFS
            QVERIFY(FaultyVfs::failedReads() > failedBefore);

        QVERIFY2(insp.verdict == Verdict::Reject, qPrintable(describe(insp)));
        const CheckResult* c = insp.check(check);
        QVERIFY(c);
        QVERIFY2(c->status == CheckStatus::Fail, qPrintable(describe(insp)));
        QVERIFY2(c->detail.contains(QLatin1String(CouldNotRead)), qPrintable(describe(insp)));
        QVERIFY2(insp.dataError.contains(QLatin1String(CouldNotRead)), qPrintable(describe(insp)));
        QVERIFY(insp.toJson()
                    .value(QStringLiteral("dataError"))
                    .toString()
                    .contains(QLatin1String(CouldNotRead)));
        // No check that needed the data may pass on it.
        for (const CheckResult& r : insp.checks) {
            if (r.detail.contains(QLatin1String(CouldNotRead)))
                QCOMPARE(r.status, CheckStatus::Fail);
        }

        if (Damage(damage) == Damage::IoError)
            return; // the faulty VFS lives in this process only
        const Run status = cli({QStringLiteral("status"), QStringLiteral("--db"), db});
        QVERIFY2(status.exitCode != 0, status.out.constData());
        QVERIFY2(status.err.contains("kpdesk-cli repair"), status.err.constData());
        const Run json =
            cli({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY(json.exitCode != 0);
        QCOMPARE(json.json().value(QStringLiteral("health")).toString(), QStringLiteral("damaged"));
        const Run verified =
            cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                 QStringLiteral("--text"), sample(sampleKey).text});
        QCOMPARE(verified.exitCode, 2);
        QCOMPARE(verified.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("reject"));
    }

    // A malformed bans rule drops no ban silently: sanctions fails.
    void malformedBansFailSanctions()
    {
        const QString db = copyOfDesk();
        QVERIFY(execute(db, QStringLiteral("UPDATE rules SET val = X'A1' WHERE key = 'bans'")));
        const Inspection insp = verifyIn(db, QStringLiteral("ru-ban"));
        QCOMPARE(insp.verdict, Verdict::Reject);
        QCOMPARE(insp.check(CheckName::Sanctions)->status, CheckStatus::Fail);
        QVERIFY2(insp.check(CheckName::Sanctions)->detail.contains(QLatin1String("malformed")),
                 qPrintable(describe(insp)));
        // A genuine certificate cannot be cleared of bans either.
        QCOMPARE(verifyIn(db, QStringLiteral("na-genuine")).check(CheckName::Sanctions)->status,
                 CheckStatus::Fail);
    }

    // The whole-file check sees a damaged page that no lookup of this
    // verification would meet; the quick one sees a missing table.
    void healthLevels()
    {
        const QString db = copyOfDesk();
        {
            auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(opened.ok());
            QVERIFY((*opened)->checkHealth(CacheDatabase::HealthLevel::Full).ok());
        }
        QVERIFY(damageRootOf(db, QStringLiteral("inspections_by_at")));
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(opened.ok());
        QVERIFY((*opened)->checkHealth(CacheDatabase::HealthLevel::Quick).ok());
        const Status full = (*opened)->checkHealth(CacheDatabase::HealthLevel::Full);
        QVERIFY(!full.ok());
        QCOMPARE(full.error().code, QStringLiteral("cache.damaged"));
        QVERIFY(cli({QStringLiteral("status"), QStringLiteral("--db"), db}).exitCode != 0);
    }

    // A window that closes stops its background quick_check instead of
    // waiting for it; a stopped check says "stopped", never "healthy" and
    // never "damaged". Once the flag is clear again the check runs whole.
    void fullCheckStopsWhenCancelled()
    {
        const QString db = copyOfDesk();
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(opened.ok());
        {
            HealthCheckStop stop;
            QVERIFY((*opened)->checkHealth(CacheDatabase::HealthLevel::Full, &stop).ok());
            stop.stop(); // after the check: it was healthy, and the next one stops at once
            const Status stopped = (*opened)->checkHealth(CacheDatabase::HealthLevel::Full, &stop);
            QVERIFY(!stopped.ok());
            QCOMPARE(stopped.error().code, QStringLiteral("cache.cancelled"));
        }
        // Stopped while it runs, from another thread: the quick_check itself
        // is interrupted (60 MB of rows keep it busy long enough to be
        // stopped in the middle), and it says so, not "damaged".
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery fill(raw);
            QVERIFY(fill.exec(QStringLiteral("CREATE TABLE bulk(x BLOB)")));
            QVERIFY(fill.exec(
                QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                               "WHERE i < 200000) INSERT INTO bulk SELECT randomblob(300) FROM n")));
            fill.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("fill"));
        HealthCheckStop stop;
        std::atomic<bool> started{false};
        auto done = QtConcurrent::run([&] {
            auto mine = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
            started = true;
            return mine ? (*mine)->checkHealth(CacheDatabase::HealthLevel::Full, &stop)
                        : Status(mine.error());
        });
        QTRY_VERIFY(started.load());
        QTest::qWait(5);
        stop.stop();
        const Status stopped = done.result();
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code, QStringLiteral("cache.cancelled"));
        // The same check unstopped reads the whole file and finds it healthy.
        HealthCheckStop other;
        QVERIFY((*opened)->checkHealth(CacheDatabase::HealthLevel::Full, &other).ok());
    }

    void repairKeepsRecordsAndSyncRestores()
    {
        const QString db = copyOfDesk();
        const QString folder = m_dir.filePath(QStringLiteral("usb"));
        // The desk's own records: configuration, a presentation, an inspection.
        QCOMPARE(cli({QStringLiteral("sources"), QStringLiteral("--db"), db, QStringLiteral("--set"), folder})
                     .exitCode,
                 0);
        Run r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--record"),
                     QStringLiteral("--text"), sample(QStringLiteral("bw-genuine")).text});
        QCOMPARE(r.exitCode, 0);
        releaseIn(db, QStringLiteral("bw-genuine"));
        {
            auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(opened.ok());
            const Inspection insp =
                Verifier(**opened, m_clock).verify({sample(QStringLiteral("stolen")).text, {}, {}});
            InspectionRecord kept;
            kept.id = QStringLiteral("inspection-of-stolen");
            kept.at = insp.verifiedAt;
            kept.officer = QStringLiteral("officer");
            kept.number = insp.number;
            kept.verdict = kept.finalVerdict = insp.verdict;
            kept.inspection = insp.toJson();
            kept.image = QByteArray("png");
            QVERIFY(SqliteRecordsStore(**opened).insertInspection(kept).ok());
        }
        checkpoint(db);
        QVERIFY(damageRootOf(db, QStringLiteral("revoked")));
        QVERIFY(cli({QStringLiteral("status"), QStringLiteral("--db"), db}).exitCode != 0);

        r = cli({QStringLiteral("repair"), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY2(r.out.contains("Sync now to fetch the authority data again"), r.out.constData());
        QVERIFY2(r.out.contains("nothing of the desk's own records"), r.out.constData());
        const QStringList damaged =
            QDir(m_dir.path())
                .entryList({QFileInfo(db).fileName() + QStringLiteral(".damaged-*")}, QDir::Files);
        QCOMPARE(damaged.size(), 1);
        QVERIFY(r.out.contains(damaged.first().toUtf8()));
        QVERIFY(!QFile::exists(db + QStringLiteral("-wal")) ||
                QFileInfo(db + QStringLiteral("-wal")).size() == 0);

        // Records kept, authority data gone, seq 0.
        r = cli({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QJsonObject status = r.json();
        QCOMPARE(status.value(QStringLiteral("health")).toString(), QStringLiteral("ok"));
        QCOMPARE(status.value(QStringLiteral("seq")).toInt(), 0);
        QCOMPARE(status.value(QStringLiteral("participant")).toString(), QStringLiteral("EU"));
        QCOMPARE(status.value(QStringLiteral("pinnedBundleKeys")).toInt(), 1);
        QCOMPARE(status.value(QStringLiteral("sources")).toArray(), QJsonArray{folder});
        QCOMPARE(status[QStringLiteral("counts")][QStringLiteral("presentations")].toInt(), 1);
        QCOMPARE(status[QStringLiteral("counts")][QStringLiteral("certs")].toInt(), 0);
        QCOMPARE(status[QStringLiteral("counts")][QStringLiteral("revoked")].toInt(), 0);
        QCOMPARE(status[QStringLiteral("counts")][QStringLiteral("participants")].toInt(), 0);
        {
            auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(opened.ok());
            QCOMPARE((*opened)->isDemo().value(), true);
            InspectionFilter today;
            today.from = m_clock.nowUtc().addDays(-1);
            today.to = m_clock.nowUtc().addDays(1);
            const auto found = SqliteRecordsStore(**opened).findInspections(today);
            QVERIFY(found.ok());
            // The recorded inspection and the release's, both kept.
            QVERIFY2(std::any_of(found->cbegin(), found->cend(),
                                 [](const InspectionRecord& row) {
                                     return row.id == QStringLiteral("inspection-of-stolen");
                                 }),
                     "the inspection recorded before the repair is gone");
        }

        // Never synced: nothing can be vouched for.
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                 QStringLiteral("--text"), sample(QStringLiteral("na-genuine")).text});
        QVERIFY2(r.exitCode != 0, r.out.constData());
        QVERIFY(r.json().value(QStringLiteral("verdict")).toString() != QStringLiteral("accept"));
        const QJsonArray checks = r.json().value(QStringLiteral("checks")).toArray();
        QJsonObject freshness;
        for (const QJsonValue& c : checks)
            if (c[QStringLiteral("check")].toString() == QLatin1String("freshness"))
                freshness = c.toObject();
        QVERIFY2(
            freshness.value(QStringLiteral("detail")).toString().contains(QLatin1String("never been synced")),
            r.out.constData());

        // A full bundle (and the delta) bring the desk back. Until the desk
        // is back where it was before the repair (seq 2), nothing is accepted:
        // what was revoked in between may not show yet.
        QCOMPARE(m_demo.bundles.size(), 2);
        for (const QString& bundle : m_demo.bundles) {
            r = cli({QStringLiteral("sync"), QStringLiteral("--db"), db, bundle});
            QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
            if (bundle != m_demo.bundles.first())
                continue;
            r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                     QStringLiteral("--text"), sample(QStringLiteral("na-genuine")).text});
            QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("doubt"));
            QVERIFY2(r.out.contains("before its repair"), r.out.constData());
        }
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                 QStringLiteral("--text"), sample(QStringLiteral("na-genuine")).text});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("accept"));
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--text"),
                 sample(QStringLiteral("stolen")).text});
        QCOMPARE(r.exitCode, 2);
        // The release kept by the repair still counts.
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                 QStringLiteral("--text"), sample(QStringLiteral("bw-genuine")).text});
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("doubt"));
    }

    // Rows on a damaged page of the desk's own records are lost, and the
    // repair says so; the rest is kept.
    void repairReportsWhatItCouldNotSave()
    {
        const QString db = copyOfDesk();
        {
            auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(opened.ok());
            // Enough presentations for several pages, each row a few hundred bytes.
            QVERIFY(QSqlQuery((*opened)->connection()).exec(QStringLiteral("BEGIN")));
            for (int i = 0; i < 400; ++i)
                QVERIFY(
                    (*opened)
                        ->recordPresentation(QStringLiteral("BW-2026-%1").arg(i, 6, 10, QLatin1Char('0')) +
                                                 QString(200, u'X'),
                                             m_clock.nowUtc(), QStringLiteral("accept"))
                        .ok());
            QVERIFY(QSqlQuery((*opened)->connection()).exec(QStringLiteral("COMMIT")));
        }
        // A leaf of the presentations table (not its root): the rows on it are lost.
        const int leaf = firstChildPage(db, QStringLiteral("presentations"));
        QVERIFY(leaf > 1);
        QVERIFY(damagePage(db, leaf));
        const Run r = cli({QStringLiteral("repair"), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        const QString out = QString::fromUtf8(r.out);
        const qsizetype lostAt = out.indexOf(QLatin1String("Lost (could not be read"));
        QVERIFY2(lostAt > 0, r.out.constData());
        static const QRegularExpression lostLine(QStringLiteral("presentations +(\\d+) row"));
        const auto lost = lostLine.match(out, lostAt);
        QVERIFY2(lost.hasMatch(), r.out.constData());
        const int lostRows = lost.captured(1).toInt();
        QVERIFY2(lostRows > 0 && lostRows < 100, r.out.constData());
        const Run status =
            cli({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(status.json()[QStringLiteral("counts")][QStringLiteral("presentations")].toInt(),
                 400 - lostRows);
    }
};

QTEST_MAIN(TestDataErrors) // the demo desk draws its certificates
#include "test_data_errors.moc"
