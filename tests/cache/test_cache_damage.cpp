// Damage a verdict depends on is noticed before it shapes a verdict; a repair
// never forgets the sync number; a desk without its lock does no work
// (issue 18, items 3, 5, 6, 7).
#include "CacheDamage.h"
#include "CliRun.h"
#include "TestSupport.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheRepair.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "verify/Verifier.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// One answer from a connection of its own ("NOT INDEXED" reads the table itself).
qint64 rawCount(const QString& db, const QString& sql, const QString& value)
{
    qint64 n = -1;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        c.setDatabaseName(db);
        if (c.open()) {
            QSqlQuery q(c);
            q.prepare(sql);
            q.addBindValue(value);
            if (q.exec() && q.next())
                n = q.value(0).toLongLong();
        }
        c.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return n;
}

QString quickCheck(const QString& db)
{
    QString result;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        c.setDatabaseName(db);
        if (c.open()) {
            QSqlQuery q(c);
            if (q.exec(QStringLiteral("PRAGMA quick_check")) && q.next())
                result = q.value(0).toString();
        }
        c.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return result;
}

} // namespace

class TestCacheDamage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock; // the command line's clock too: the demo's dates are relative to now
    DemoDesk m_demo;
    int m_copies = 0;

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

    Inspection verifyIn(const QString& db, const QString& key)
    {
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        if (!opened)
            qFatal("cannot open %s: %s", qPrintable(db), qPrintable(opened.error().message));
        return Verifier(**opened, m_clock)
            .verify(ScanInput{sample(key).text, QStringLiteral("QR Code"), {}}, {});
    }

    static QString describe(const Inspection& insp)
    {
        QStringList lines{verdictName(insp.verdict), insp.dataError};
        for (const CheckResult& c : insp.checks)
            lines << c.check + u' ' + checkStatusName(c.status) + u' ' + c.detail;
        return lines.join(u'\n');
    }

    // What an administrator sees: `status` says the data is damaged.
    void statusSaysDamaged(const QString& db)
    {
        const CliRun status =
            runCli({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY2(status.exitCode != 0, status.said());
        QCOMPARE(status.json().value(QStringLiteral("health")).toString(), QStringLiteral("damaged"));
        QVERIFY2(status.err.contains("kpdesk-cli repair"), status.said());
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        auto demo = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY2(demo.ok(), demo ? "" : qPrintable(demo.error().message));
        m_demo = *demo;
        checkpoint(m_demo.dbPath);
    }

    // Item 3: one flipped bit in the index of a verdict-bearing table hides
    // a row from the lookup; quick_check does not see it. The desk must.
    void flippedIndexBitIsDamage_data()
    {
        QTest::addColumn<QString>("index");
        QTest::addColumn<QString>("sampleKey");
        QTest::addColumn<QString>("healthyVerdict");
        QTest::addColumn<bool>("released"); // a shipment under it released here before
        QTest::addRow("revocation") << QStringLiteral("sqlite_autoindex_revoked_1")
                                    << QStringLiteral("stolen") << QStringLiteral("reject") << false;
        QTest::addRow("banned origin") << QStringLiteral("sqlite_autoindex_rules_1")
                                       << QStringLiteral("ru-ban") << QStringLiteral("reject") << false;
        QTest::addRow("released before") << QStringLiteral("releases_by_no") << QStringLiteral("bw-genuine")
                                         << QStringLiteral("doubt") << true;
    }
    void flippedIndexBitIsDamage()
    {
        QFETCH(QString, index);
        QFETCH(QString, sampleKey);
        QFETCH(QString, healthyVerdict);
        QFETCH(bool, released);
        const QString db = copyOfDesk();
        const Inspection healthy = verifyIn(db, sampleKey);
        if (released) {
            auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(opened.ok());
            SqliteRecordsStore store(**opened);
            InspectionRecord record;
            record.id = QStringLiteral("released-before");
            record.number = healthy.number;
            record.at = healthy.verifiedAt.addSecs(-3600);
            QVERIFY(store.insertRelease(record, healthy.verifiedAt.addSecs(-600), QStringLiteral("officer"))
                        .ok());
        }
        QCOMPARE(verdictName(verifyIn(db, sampleKey).verdict), healthyVerdict);

        // The key the lookup needs: the number, or the rule's name.
        QString key = healthy.number;
        QString table =
            index == QLatin1String("releases_by_no") ? QStringLiteral("releases") : QStringLiteral("revoked");
        QString column = QStringLiteral("no");
        if (index == QLatin1String("sqlite_autoindex_rules_1")) {
            key = QStringLiteral("bans");
            table = QStringLiteral("rules");
            column = QStringLiteral("key");
        }
        QVERIFY(flipBitInRootOf(db, index, key.toUtf8()));
        // Silent damage: the table holds the row, the index lookup misses
        // it, and SQLite's quick_check says "ok".
        const QString lookup = QStringLiteral("SELECT COUNT(*) FROM ") + table +
                               QStringLiteral(" %1 WHERE ") + column + QStringLiteral(" = ?");
        QCOMPARE(rawCount(db, lookup.arg(QString()), key), 0);
        QCOMPARE(rawCount(db, lookup.arg(QStringLiteral("NOT INDEXED")), key), 1);
        QCOMPARE(quickCheck(db), QStringLiteral("ok"));

        const Inspection insp = verifyIn(db, sampleKey);
        QVERIFY2(insp.verdict != Verdict::Accept, qPrintable(describe(insp)));
        QVERIFY2(insp.dataError.contains(QLatin1String("damaged")), qPrintable(describe(insp)));
        QVERIFY2(insp.dataError.contains(QLatin1String("repair")), qPrintable(describe(insp)));
        statusSaysDamaged(db);
        // The window's background check says it too.
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(opened.ok());
        const Status full = (*opened)->checkHealth(CacheDatabase::HealthLevel::Full);
        QVERIFY(!full);
        QCOMPARE(full.error().code, QStringLiteral("cache.damaged"));
    }

    // Item 6: a synced desk whose participant list is empty has lost data
    // the checks need: damage, not "nothing to check".
    void emptyParticipantListIsDamage()
    {
        const QString db = copyOfDesk();
        QCOMPARE(verdictName(verifyIn(db, QStringLiteral("bw-genuine")).verdict), QStringLiteral("accept"));
        QVERIFY(execute(db, QStringLiteral("DELETE FROM participants")));
        const Inspection insp = verifyIn(db, QStringLiteral("bw-genuine"));
        QVERIFY2(insp.verdict != Verdict::Accept, qPrintable(describe(insp)));
        const CheckResult* participant = insp.check(CheckName::Participant);
        QVERIFY(participant);
        QVERIFY2(participant->status == CheckStatus::Fail, qPrintable(describe(insp)));
        QVERIFY2(insp.dataError.contains(QLatin1String("participant list")), qPrintable(describe(insp)));
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(opened.ok());
        QVERIFY(!(*opened)->hasParticipantData().ok());
        opened->reset();
        statusSaysDamaged(db);
    }

    // Item 5: a repair that cannot read the sync number refuses, and with
    // the number given keeps the desk from taking an older bundle as current.
    void repairNeverForgetsTheSyncNumber()
    {
        const QString db = copyOfDesk();
        quint64 seq = 0;
        QString participant;
        {
            auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(opened.ok());
            seq = (*opened)->syncState()->seq;
            participant = (*opened)->participant().value();
        }
        QVERIFY(seq >= 2); // a full bundle and a delta after it
        checkpoint(db);
        QVERIFY(damageRootOf(db, QStringLiteral("meta")));
        const QByteArray before = fileHash(db);

        const auto refused = repairCache(db, m_clock.nowUtc());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("repair.seq-unknown"));
        QVERIFY2(refused.error().message.contains(QLatin1String("--min-seq")),
                 qPrintable(refused.error().message));
        QCOMPARE(fileHash(db), before);
        QVERIFY(QDir(m_dir.path())
                    .entryList({QFileInfo(db).fileName() + QStringLiteral(".damaged-*")})
                    .isEmpty());
        QVERIFY(!QFile::exists(db + QStringLiteral(".repairing"))); // no half-made file left
        const CliRun cliRefused = runCli({QStringLiteral("repair"), QStringLiteral("--db"), db});
        QVERIFY2(cliRefused.exitCode != 0 && cliRefused.err.contains("--min-seq"), cliRefused.said());
        QCOMPARE(fileHash(db), before);

        const CliRun repaired = runCli({QStringLiteral("repair"), QStringLiteral("--db"), db,
                                        QStringLiteral("--min-seq"), QString::number(seq)});
        QVERIFY2(repaired.exitCode == 0, repaired.said());
        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(opened.ok());
        const auto state = (*opened)->syncState();
        QVERIFY(state.ok());
        QCOMPARE(state->repairedFromSeq, seq);
        // The full bundle alone (older than the desk had) leaves it out of date.
        // (The participant was on the damaged page too: the administrator sets it again.)
        QVERIFY((*opened)->setParticipant(participant).ok());
        opened->reset();
        const CliRun synced =
            runCli({QStringLiteral("sync"), QStringLiteral("--db"), db, m_demo.bundles.first()});
        QVERIFY2(synced.exitCode == 0, synced.said());
        const CliRun status =
            runCli({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY2(status.json().value(QStringLiteral("stale")).toBool(), status.said());
        const Inspection stolen = verifyIn(db, QStringLiteral("stolen"));
        QVERIFY2(stolen.verdict != Verdict::Accept, qPrintable(describe(stolen)));
    }

    // Item 7: a lock file that cannot be opened stops the work with a clear
    // message; it never gives a lock that holds nothing.
    void unopenableLockFileFailsClosed()
    {
        const QString db = copyOfDesk();
        QVERIFY(QDir().mkpath(db + QStringLiteral(".inuse"))); // a folder where the lock file must be
        const QByteArray before = fileHash(db);

        auto opened = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, QStringLiteral("cache.lock"));
        QVERIFY2(opened.error().message.contains(QLatin1String(".inuse")),
                 qPrintable(opened.error().message));

        const auto repaired = repairCache(db, m_clock.nowUtc());
        QVERIFY(!repaired);
        QCOMPARE(repaired.error().code, QStringLiteral("cache.lock"));
        QCOMPARE(fileHash(db), before);
        QVERIFY(QDir(m_dir.path())
                    .entryList({QFileInfo(db).fileName() + QStringLiteral(".damaged-*")})
                    .isEmpty());

        const CliRun status = runCli({QStringLiteral("status"), QStringLiteral("--db"), db});
        QVERIFY2(status.exitCode != 0 && status.err.contains(".inuse"), status.said());
        const CliRun repair = runCli({QStringLiteral("repair"), QStringLiteral("--db"), db});
        QVERIFY2(repair.exitCode != 0 && repair.err.contains(".inuse"), repair.said());
        QCOMPARE(fileHash(db), before);
    }
};

QTEST_MAIN(TestCacheDamage)
#include "test_cache_damage.moc"
