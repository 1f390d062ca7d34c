// Issue 19 item 8: the desk's database holds password hashes and the desk's
// records. Its folder is made 0700 and its files 0600 (a desk found open to
// others is closed at open); a sync source's password is refused, never
// stored, and one stored before is never printed.
#include "CliRun.h"
#include "TestSupport.h"
#include "authority/DemoDesk.h"
#include "util/Clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace kp;
using namespace kp::test;

namespace {

mode_t modeOf(const QString& path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : mode_t(07777);
}

} // namespace

class TestDeskPrivacy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DemoDesk m_desk;

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        ::umask(022); // the usual default, which made the desk 0644
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        SystemClock clock;
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), clock);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.error().message));
        m_desk = *desk;
    }

    void initMakesAPrivateFolderAndFile()
    {
        const QString folder = m_dir.filePath(QStringLiteral("new/desks"));
        const QString db = folder + QStringLiteral("/desk.sqlite");
        const CliRun r =
            runCli({QStringLiteral("init"), QStringLiteral("--db"), db, QStringLiteral("--participant"),
                    QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                    m_desk.pkiDir + QStringLiteral("/bundle-cert.pem")});
        QVERIFY2(r.exitCode == 0, r.said());
        QCOMPARE(modeOf(folder), mode_t(0700));
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("new"))), mode_t(0700));
        QCOMPARE(modeOf(db), mode_t(0600));
        for (const char* suffix : {"-wal", "-shm"})
            if (QFile::exists(db + QLatin1String(suffix)))
                QCOMPARE(modeOf(db + QLatin1String(suffix)), mode_t(0600));
    }

    // A desk made before (0644) is closed to others at its next open; a
    // read-only one stays read-only.
    void anOpenDeskIsClosedAtOpen()
    {
        const QString db = m_dir.filePath(QStringLiteral("old.sqlite"));
        QVERIFY(QFile::copy(m_desk.dbPath, db));
        QVERIFY(::chmod(QFile::encodeName(db).constData(), 0644) == 0);
        CliRun r = runCli({QStringLiteral("status"), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.said());
        QCOMPARE(modeOf(db), mode_t(0600));

        QVERIFY(::chmod(QFile::encodeName(db).constData(), 0444) == 0);
        r = runCli({QStringLiteral("status"), QStringLiteral("--db"), db});
        QCOMPARE(modeOf(db), mode_t(0400));
        QVERIFY(::chmod(QFile::encodeName(db).constData(), 0600) == 0);
    }

    void aSourcesPasswordIsRefused()
    {
        const QString db = m_dir.filePath(QStringLiteral("sources.sqlite"));
        QVERIFY(QFile::copy(m_desk.dbPath, db));
        const CliRun r =
            runCli({QStringLiteral("sources"), QStringLiteral("--db"), db, QStringLiteral("--set"),
                    QStringLiteral("https://kp:hunter2secret@bundles.example.org/eu/")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("password"), r.said());
        QVERIFY2(!r.out.contains("hunter2secret") && !r.err.contains("hunter2secret"), r.said());
        const CliRun list = runCli({QStringLiteral("sources"), QStringLiteral("--db"), db});
        QVERIFY(!list.out.contains("hunter2secret"));
        // A folder whose name has an '@' and a ':' is a folder.
        const QString folder = m_dir.filePath(QStringLiteral("a:b@c"));
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(
            runCli({QStringLiteral("sources"), QStringLiteral("--db"), db, QStringLiteral("--set"), folder})
                .exitCode,
            0);
    }

    // Stored before this release: used as it is, printed masked.
    void aStoredPasswordIsNeverPrinted()
    {
        const QString db = m_dir.filePath(QStringLiteral("stored.sqlite"));
        QVERIFY(QFile::copy(m_desk.dbPath, db));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('sync_sources', ?)"));
            q.addBindValue(QStringLiteral("[\"https://kp:hunter2secret@bundles.example.org/eu/\"]"));
            QVERIFY(q.exec());
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        CliRun r = runCli({QStringLiteral("sources"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("https://kp:***@bundles.example.org/eu/"), r.said());
        QVERIFY(!r.out.contains("hunter2secret"));
        for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--json")}}) {
            r = runCli(QStringList{QStringLiteral("status"), QStringLiteral("--db"), db} + extra);
            QVERIFY2(r.out.contains("bundles.example.org"), r.said());
            QVERIFY2(!r.out.contains("hunter2secret") && !r.err.contains("hunter2secret"), r.said());
        }
    }
};

QTEST_MAIN(TestDeskPrivacy) // the demo desk draws its certificates: fonts need a Gui application
#include "test_desk_privacy.moc"
