// The desk cache: schema versions and migrations, transactions, lookups.
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheWriter.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;

namespace {

// Runs SQL on a file with a connection of its own, as another program would.
bool rawSql(const QString& path, const QStringList& statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString& sql : statements)
            ok = ok && q.exec(sql);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return ok;
}

QByteArray fileHash(const QString& path)
{
    return QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256);
}

} // namespace

class TestCache : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("cache%1.sqlite").arg(++m_n)); }

    std::unique_ptr<CacheDatabase> openNew()
    {
        auto db = CacheDatabase::open(freshPath(), CacheDatabase::OpenMode::CreateIfMissing);
        return db ? std::move(db).value() : nullptr;
    }

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void createsCurrentSchemaInWalMode()
    {
        auto db = openNew();
        QVERIFY(db);
        QCOMPARE(db->schemaVersion(), CacheDatabase::currentSchemaVersion());
        QVERIFY(!db->isInitialized().value());
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        q.finish();
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), CacheDatabase::currentSchemaVersion());
    }

    void reopensWhatItMade()
    {
        const QString path = freshPath();
        {
            auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
            QVERIFY(db.ok());
            QVERIFY((*db)->setParticipant(QStringLiteral("BE")).ok());
            QVERIFY((*db)
                        ->setSyncSources(
                            {QStringLiteral("https://kp.example/desk"), QStringLiteral("/media/usb")})
                        .ok());
        }
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        QCOMPARE((*db)->participant().value(), QStringLiteral("BE"));
        QVERIFY((*db)->isInitialized().value());
        QCOMPARE((*db)->syncSources().value(),
                 (QStringList{QStringLiteral("https://kp.example/desk"), QStringLiteral("/media/usb")}));
    }

    void mustExistRefusesMissingFile()
    {
        const QString path = freshPath();
        const auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, QStringLiteral("cache.not-found"));
        QVERIFY(!QFile::exists(path));
    }

    void migratesAnEmptyVersionZeroFile()
    {
        const QString path = freshPath();
        QVERIFY(rawSql(path, {QStringLiteral("PRAGMA user_version = 0")}));
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        QCOMPARE((*db)->schemaVersion(), CacheDatabase::currentSchemaVersion());
    }

    void refusesNewerSchemaAndLeavesItAlone()
    {
        const QString path = freshPath();
        QVERIFY(rawSql(
            path,
            {QStringLiteral("CREATE TABLE future(x)"),
             QStringLiteral("PRAGMA user_version = %1").arg(CacheDatabase::currentSchemaVersion() + 3)}));
        const QByteArray before = fileHash(path);
        const auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, QStringLiteral("cache.schema"));
        QVERIFY(db.error().message.contains(QStringLiteral("newer")));
        QCOMPARE(fileHash(path), before);
    }

    void failedMigrationRollsBack()
    {
        // A version-0 file where the first migration cannot run (a table it
        // creates exists already): the file stays at version 0, as it was.
        const QString path = freshPath();
        QVERIFY(rawSql(
            path, {QStringLiteral("CREATE TABLE certs(x)"), QStringLiteral("INSERT INTO certs VALUES(42)")}));
        const auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, QStringLiteral("cache.migrate"));
        bool ok = false;
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            ok = q.exec(QStringLiteral("PRAGMA user_version")) && q.next() && q.value(0).toInt() == 0;
            ok = ok && q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'meta'")) &&
                 q.next() && q.value(0).toInt() == 0;
            ok = ok && q.exec(QStringLiteral("SELECT x FROM certs")) && q.next() && q.value(0).toInt() == 42;
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        QVERIFY(ok);
    }

    void refusesFilesThatAreNotDatabases_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("This is a note, not a database.\n").repeated(200);
        QTest::newRow("truncated header") << QByteArray("SQLite format 3\0", 16) + QByteArray(100, '\x01');
    }
    void refusesFilesThatAreNotDatabases()
    {
        QFETCH(QByteArray, content);
        const QString path = freshPath();
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY(!db.ok());
        QVERIFY(!db.error().message.isEmpty());
        QCOMPARE(test::readFile(path), content);
    }

    // Another process checkpointing its WAL (a sync at the same desk) writes
    // page 1, with the new page count, before the pages after it. Opening the
    // cache then is not "truncated": SQLite reads the pages from the WAL.
    void checkpointInProgressIsNotTruncation()
    {
        const QString path = freshPath();
        {
            auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
            QVERIFY(db.ok());
        }
        bool ok = false;
        {
            QSqlDatabase raw =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("walwriter"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE filler(x BLOB)")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO filler SELECT randomblob(4000) FROM "
                               "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<500) "
                               "SELECT i FROM n)")));
            // Page 1 as a checkpoint writes it first: the count of the whole database.
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QByteArray header = file.read(100);
            const quint32 pages = quint32(file.size() / 4096) + 600;
            for (int i = 0; i < 4; ++i)
                header[28 + i] = char(pages >> (24 - 8 * i));
            QVERIFY(file.seek(0));
            QCOMPARE(file.write(header), qint64(100));
            file.close();
            QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);

            const auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
            QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
            ok = q.exec(QStringLiteral("SELECT count(*) FROM filler")) && q.next() &&
                 q.value(0).toInt() == 500;
        }
        QSqlDatabase::removeDatabase(QStringLiteral("walwriter"));
        QVERIFY(ok);
    }

    void writerRollsBackUnlessCommitted()
    {
        auto db = openNew();
        QVERIFY(db);
        {
            auto w = CacheWriter::begin(*db);
            QVERIFY(w.ok());
            QVERIFY((*w)->upsertCertificate(QStringLiteral("BW-1"), QStringLiteral("BW"), QDate(2026, 1, 1),
                                            "cose")
                        .ok());
            QVERIFY(
                db->certificateRecord(QStringLiteral("BW-1"))->has_value()); // visible inside the transaction
        }                                                                    // destroyed without commit
        QVERIFY(!db->certificateRecord(QStringLiteral("BW-1"))->has_value());
        {
            auto w = CacheWriter::begin(*db);
            QVERIFY(w.ok());
            QVERIFY((*w)->upsertCertificate(QStringLiteral("BW-1"), QStringLiteral("BW"), QDate(2026, 1, 1),
                                            "cose")
                        .ok());
            QVERIFY((*w)->upsertCertificate(QStringLiteral("BW-1"), QStringLiteral("BW"), QDate(2026, 1, 1),
                                            "newer")
                        .ok());
            QVERIFY((*w)->commit().ok());
        }
        QCOMPARE(db->certificateRecord(QStringLiteral("BW-1"))->value(), QByteArray("newer"));
        QCOMPARE(db->counts()->certs, 1);
    }

    void clearAuthorityDataKeepsDeskData()
    {
        auto db = openNew();
        QVERIFY(db);
        QVERIFY(db->setParticipant(QStringLiteral("BE")).ok());
        QVERIFY(db->recordPresentation(QStringLiteral("BW-1"),
                                       QDateTime(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC),
                                       QStringLiteral("accept"))
                    .ok());
        {
            auto w = CacheWriter::begin(*db);
            QVERIFY((*w)->upsertCertificate(QStringLiteral("BW-1"), QStringLiteral("BW"), QDate(2026, 1, 1),
                                            "cose")
                        .ok());
            QVERIFY((*w)->upsertRevocation(
                            {QStringLiteral("BW-2"), QStringLiteral("lost"), {}, QStringLiteral("BW"), {}})
                        .ok());
            QVERIFY((*w)->commit().ok());
        }
        {
            auto w = CacheWriter::begin(*db);
            QVERIFY((*w)->clearAuthorityData().ok());
            QVERIFY((*w)->commit().ok());
        }
        QCOMPARE(db->counts()->certs, 0);
        QCOMPARE(db->counts()->revoked, 0);
        QCOMPARE(db->counts()->presentations, 1); // what this desk saw is its own
        QCOMPARE(db->participant().value(), QStringLiteral("BE"));
    }

    void participantPeriodsAndRules()
    {
        auto db = openNew();
        QVERIFY(db);
        QVERIFY(!db->hasParticipantData().value());
        {
            auto w = CacheWriter::begin(*db);
            QVERIFY((*w)->upsertParticipant({QStringLiteral("VE"),
                                             QStringLiteral("Venezuela"),
                                             QStringLiteral("active"),
                                             QDate(2003, 1, 1),
                                             QDate(2008, 12, 31),
                                             {}})
                        .ok());
            QVERIFY((*w)->upsertParticipant({QStringLiteral("VE"),
                                             QStringLiteral("Venezuela"),
                                             QStringLiteral("suspended"),
                                             QDate(2009, 1, 1),
                                             {},
                                             QStringLiteral("self-suspension")})
                        .ok());
            QVERIFY((*w)->upsertRule(QStringLiteral("max_validity_days"), 45).ok());
            QVERIFY((*w)->commit().ok());
        }
        QVERIFY(db->hasParticipantData().value());
        const auto periods = db->participantPeriods(QStringLiteral("VE")).value();
        QCOMPARE(periods.size(), 2);
        int suspended = 0;
        for (const auto& p : periods)
            suspended += p.covers(QDate(2026, 11, 1)) && p.status == QStringLiteral("suspended");
        QCOMPARE(suspended, 1);
        QCOMPARE(db->rule(QStringLiteral("max_validity_days")).value()->toInteger(), 45);
        QVERIFY(!db->rule(QStringLiteral("usd_per_ct"))->has_value());
    }

    void pinnedKeysAreKeptOnce()
    {
        auto db = openNew();
        QVERIFY(db);
        QVERIFY(db->addPinnedBundleKey("der-1").ok());
        QVERIFY(db->addPinnedBundleKey("der-2").ok());
        QVERIFY(db->addPinnedBundleKey("der-1").ok());
        QCOMPARE(db->pinnedBundleKeys()->size(), 2);
    }

    void presentationsAreCountedPerNumber()
    {
        auto db = openNew();
        QVERIFY(db);
        const QDateTime t(QDate(2026, 11, 2), QTime(10, 30), Qt::UTC);
        QVERIFY(db->recordPresentation(QStringLiteral("BW-1"), t, QStringLiteral("accept")).ok());
        QVERIFY(db->recordPresentation(QStringLiteral("BW-1"), t.addSecs(60), QStringLiteral("doubt")).ok());
        QVERIFY(db->recordPresentation(QStringLiteral("BW-2"), t, QStringLiteral("reject")).ok());
        const auto list = db->presentations(QStringLiteral("BW-1")).value();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].at, t);
        QCOMPARE(list[1].verdict, QStringLiteral("doubt"));
    }

    // Values are bound, never pasted into SQL.
    void hostileValuesAreJustValues()
    {
        auto db = openNew();
        QVERIFY(db);
        const QString evil = QStringLiteral("BW-1'; DROP TABLE certs; --");
        QVERIFY(db->recordPresentation(evil, QDateTime::currentDateTimeUtc(), QStringLiteral("reject")).ok());
        QCOMPARE(db->presentations(evil)->size(), 1);
        QVERIFY(!db->certificateRecord(evil)->has_value());
        QVERIFY(!db->revocation(QStringLiteral("x' OR '1'='1"))->has_value());
        QVERIFY(db->setParticipant(QStringLiteral("B'E")).ok());
        QCOMPARE(db->participant().value(), QStringLiteral("B'E"));
        QCOMPARE(db->counts()->certs, 0); // the table is still there
    }

    void lookupsUseIndexes()
    {
        auto db = openNew();
        QVERIFY(db);
        const QStringList lookups{QStringLiteral("SELECT cose FROM certs WHERE no = 'x'"),
                                  QStringLiteral("SELECT st FROM revoked WHERE no = 'x'"),
                                  QStringLiteral("SELECT der FROM signers WHERE kid = x'00'"),
                                  QStringLiteral("SELECT der FROM cas WHERE subject_c = 'BW'"),
                                  QStringLiteral("SELECT at FROM presentations WHERE no = 'x'")};
        for (const QString& sql : lookups) {
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql));
            QString plan;
            while (q.next())
                plan += q.value(3).toString() + QLatin1Char(' ');
            QVERIFY2(plan.contains(QStringLiteral("USING")) && !plan.contains(QStringLiteral("SCAN")),
                     qPrintable(sql + QStringLiteral(" -> ") + plan));
        }
    }
};

QTEST_GUILESS_MAIN(TestCache)
#include "test_cache.moc"
