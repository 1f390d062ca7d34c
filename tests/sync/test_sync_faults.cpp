// Faults in the middle of a sync: the syncing process killed (SIGKILL)
// while it applies a large bundle, and a disk that fills up. Each leaves the
// cache exactly as it was, with a clear message, and a later sync works.
#include "SyncFixture.h"
#include "TestSupport.h"
#include "sync/SyncLock_p.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <sys/types.h>

using namespace kp;
using namespace kp::test;

namespace {

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::NormalExit;
    QString out;
};

Run cli(const QStringList& args, const QStringList& prefix = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (prefix.isEmpty())
        p.start(cliPath(), args);
    else
        p.start(prefix.first(), prefix.mid(1) + QStringList{cliPath()} + args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.exitStatus(), QString::fromUtf8(p.readAll())};
}

} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

    // A desk at seq 1 (a small full bundle), and a big full bundle seq 2.
    struct Scene
    {
        SyncFixture fixture;
        QString db;
        QString big;
    };

    std::unique_ptr<Scene> makeScene(int bigRecords)
    {
        auto scene = std::make_unique<Scene>();
        scene->db = scene->fixture.dir() + QStringLiteral("/desk.sqlite");
        {
            auto desk = scene->fixture.newDesk(QStringLiteral("desk.sqlite"));
        }
        const Run first = cli(
            {QStringLiteral("sync"), QStringLiteral("--db"), scene->db, scene->fixture.makeBundle(1, 0, 5)});
        if (first.exitCode != 0)
            qWarning().noquote() << first.out;
        scene->big = scene->fixture.makeBundle(2, 0, bigRecords, SyncFixture::RecordSignatures::Copied);
        return scene;
    }

    QStringList dump(const QString& dbPath)
    {
        auto db = CacheDatabase::open(dbPath, CacheDatabase::OpenMode::MustExist);
        return db ? dumpCache(**db) : QStringList{QStringLiteral("cannot open")};
    }

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void killedWhileApplyingLosesNothing()
    {
        auto scene = makeScene(150000);
        const QStringList before = dump(scene->db);
        QVERIFY(before.join(QString()).contains(QStringLiteral("BW-100004")));

        QProcess sync;
        sync.start(cliPath(), {QStringLiteral("sync"), QStringLiteral("--db"), scene->db, scene->big});
        QVERIFY(sync.waitForStarted());
        // Kill it once it is writing: the write-ahead log grows past 1 MB.
        const QString wal = scene->db + QStringLiteral("-wal");
        QElapsedTimer t;
        t.start();
        while (QFileInfo(wal).size() < (1 << 20) && sync.state() == QProcess::Running && t.elapsed() < 60000)
            QThread::msleep(5);
        QVERIFY2(sync.state() == QProcess::Running,
                 "the sync ended before it could be killed; make the bundle bigger");
        ::kill(pid_t(sync.processId()), SIGKILL);
        QVERIFY(sync.waitForFinished(10000));
        QCOMPARE(sync.exitStatus(), QProcess::CrashExit);

        QCOMPARE(dump(scene->db), before);
        {
            // What it had staged is left beside the live data, until the next sync.
            auto db = CacheDatabase::open(scene->db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(db.ok());
            QVERIFY(stagingTables(**db).contains(QStringLiteral("kp_stage_certs")));
        }
        // The killed sync held the desk's sync lock: the kernel let it go.
        QVERIFY(SyncLock::acquire(scene->db).ok());
        const Run again = cli({QStringLiteral("sync"), QStringLiteral("--db"), scene->db, scene->big});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out));
        {
            auto db = CacheDatabase::open(scene->db, CacheDatabase::OpenMode::MustExist);
            QVERIFY(db.ok());
            QCOMPARE(stagingTables(**db), QStringList());
        }
        const Run status =
            cli({QStringLiteral("status"), QStringLiteral("--db"), scene->db, QStringLiteral("--json")});
        QVERIFY(status.out.contains(QStringLiteral("\"seq\": 2")));
    }

    // Two syncs of one desk at once (issue 9): a desk at seq 1 applies a big
    // full bundle seq 3 (with a revocation) while an older full bundle seq 2
    // is synced too. The second is refused at once ("a sync is already
    // running"), the desk ends at seq 3, and seq 2 is refused as a replay.
    void secondSyncWhileOneRunsIsRefused()
    {
        SyncFixture fixture;
        const QString db = fixture.dir() + QStringLiteral("/desk.sqlite");
        {
            auto desk = fixture.newDesk(QStringLiteral("desk.sqlite"));
        }
        const Run first =
            cli({QStringLiteral("sync"), QStringLiteral("--db"), db, fixture.makeBundle(1, 0, 5)});
        QVERIFY2(first.exitCode == 0, qPrintable(first.out));
        const QString older = fixture.makeBundle(2, 0, 5);
        const QString big = fixture.makeBundle(3, 0, 150000, SyncFixture::RecordSignatures::Copied);

        QProcess sync;
        sync.setProcessChannelMode(QProcess::MergedChannels);
        sync.start(cliPath(), {QStringLiteral("sync"), QStringLiteral("--db"), db, big});
        QVERIFY(sync.waitForStarted());
        const QString wal = db + QStringLiteral("-wal");
        QElapsedTimer t;
        t.start();
        while (QFileInfo(wal).size() < (1 << 20) && sync.state() == QProcess::Running && t.elapsed() < 60000)
            QThread::msleep(5);
        QVERIFY2(sync.state() == QProcess::Running, "the big sync ended too soon; make the bundle bigger");
        const Run second = cli({QStringLiteral("sync"), QStringLiteral("--db"), db, older});
        QVERIFY2(second.exitCode != 0, qPrintable(second.out));
        QVERIFY2(second.out.contains(QStringLiteral("already running")), qPrintable(second.out));

        QVERIFY(sync.waitForFinished(120000));
        QVERIFY2(sync.exitCode() == 0, sync.readAll().constData());
        const Run late = cli({QStringLiteral("sync"), QStringLiteral("--db"), db, older});
        QVERIFY2(late.exitCode != 0, qPrintable(late.out));
        const Run status =
            cli({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY2(status.out.contains(QStringLiteral("\"seq\": 3")), qPrintable(status.out));
        auto desk = CacheDatabase::open(db, CacheDatabase::OpenMode::MustExist);
        QVERIFY(desk.ok());
        const auto revoked = (*desk)->revocation(QStringLiteral("BW-R3"));
        QVERIFY(revoked.ok() && revoked->has_value());
    }

    void fullDiskGivesClearErrorAndLosesNothing()
    {
        const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
        QVERIFY2(!prlimit.isEmpty(), "prlimit (util-linux) is needed");
        auto scene = makeScene(20000);
        const QStringList before = dump(scene->db);
        // The process may write files of at most 1 MB: the cache cannot grow
        // to hold the bundle, as on a full disk.
        const Run full = cli({QStringLiteral("sync"), QStringLiteral("--db"), scene->db, scene->big},
                             {prlimit, QStringLiteral("--fsize=1000000"), QStringLiteral("--")});
        QCOMPARE(full.status, QProcess::NormalExit);
        QVERIFY2(full.exitCode != 0, qPrintable(full.out));
        QVERIFY2(full.out.contains(QStringLiteral("full"), Qt::CaseInsensitive), qPrintable(full.out));
        // Nothing changed but the trail, which says the sync was refused
        // (like the last attempt noted in meta, which the dump leaves out),
        // and the office's queue, which holds that trail entry until the
        // office has it (docs/office.md; its counter is in sqlite_sequence).
        const QStringList after = dump(scene->db);
        const auto withoutTrail = [](QStringList tables) {
            tables.removeIf([](const QString& t) {
                return t.startsWith(QLatin1String("audit:")) ||
                       t.startsWith(QLatin1String("office_queue:")) ||
                       t.startsWith(QLatin1String("sqlite_sequence:"));
            });
            return tables;
        };
        QCOMPARE(withoutTrail(after), withoutTrail(before));
        // The trail says the sync was refused, or, when the limit left no room
        // even for that entry (the sync had committed staged rows the log
        // cannot give back: how much depends on the machine's speed), the
        // officer was told the trail could not be written.
        const QString trail = after.filter(QRegularExpression(QStringLiteral("^audit:"))).join(QString());
        QVERIFY2(trail.contains(QString::fromLatin1(QByteArray("sync_refused").toHex())) ||
                     full.out.contains(QStringLiteral("audit trail could not be written")),
                 qPrintable(full.out));
        const Run audit =
            cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), scene->db});
        QVERIFY2(audit.exitCode == 0, qPrintable(audit.out));

        const Run again = cli({QStringLiteral("sync"), QStringLiteral("--db"), scene->db, scene->big});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "test_sync_faults.moc"
