// A window and a command line on one desk at once (issue 18, item 1): the
// window's process opens the desk a second time (its health check, its
// trail panel, its sync), and a command run beside it must neither delete
// the journal the window writes to nor miss what the window wrote.
#include "CliRun.h"
#include "TestSupport.h"

#include "cache/CacheDatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using namespace kp;
using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";

struct OpenFile
{
    QString target; // as /proc shows it: " (deleted)" at the end once unlinked
    ino_t inode = 0;
};

// The files of the desk (the database, its -wal and -shm) that process
// `pid` ("self" for this one) has open.
QList<OpenFile> openDeskFiles(const QString& pid, const QString& deskPath)
{
    QList<OpenFile> files;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString& fd : fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        const QByteArray link = QFile::encodeName(fds.filePath(fd));
        char buffer[4096];
        const ssize_t n = ::readlink(link.constData(), buffer, sizeof buffer - 1);
        if (n <= 0)
            continue;
        const QString target = QFile::decodeName(QByteArray(buffer, int(n)));
        if (!target.startsWith(deskPath) || target.startsWith(deskPath + QStringLiteral(".")))
            continue; // not the desk's (its .inuse and .sync.lock are not SQLite's)
        struct stat st
        {
        };
        if (::stat(link.constData(), &st) == 0)
            files.append({target, st.st_ino});
    }
    return files;
}

// What is wrong with the desk's files as `pid` has them open: deleted, or
// not the file now at that path (a journal made again after a deletion).
QStringList strayDeskFiles(const QString& pid, const QString& deskPath)
{
    QStringList stray;
    for (const OpenFile& f : openDeskFiles(pid, deskPath)) {
        struct stat st
        {
        };
        if (f.target.endsWith(QLatin1String(" (deleted)")) ||
            ::stat(QFile::encodeName(f.target).constData(), &st) != 0 || st.st_ino != f.inode)
            stray << f.target;
    }
    return stray;
}

qint64 count(const CacheDatabase& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

QProcessEnvironment childEnvironment(const QString& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    return env;
}

} // namespace

class TestSharedDesk : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_desks = 0;

    CliRun cli(const QStringList& args, const QByteArray& input = {})
    {
        CliOptions options;
        options.input = input;
        options.environment = childEnvironment(m_dir.path());
        return runCli(args, options);
    }

    // A demo desk made by the command line, as an administrator would.
    QString makeDesk()
    {
        const QString dir = m_dir.filePath(QStringLiteral("desk%1").arg(++m_desks));
        const CliRun made = cli({QStringLiteral("demo"), QStringLiteral("--dir"), dir});
        if (made.exitCode != 0)
            qFatal("kpdesk-cli demo: %s", made.said());
        return dir + QStringLiteral("/desk.sqlite");
    }

    // An officer added by an administrator who signs in (issue 19 item 10).
    CliRun addUser(const QString& desk, const QString& name, const QString& admin,
                   const QByteArray& adminPassword)
    {
        return cli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--db"), desk,
                    QStringLiteral("--user"), admin, QStringLiteral("--name"), name, QStringLiteral("--role"),
                    QStringLiteral("officer")},
                   adminPassword + '\n' + Password + '\n');
    }

    qint64 presentationsSeenByCli(const QString& desk)
    {
        const CliRun status =
            cli({QStringLiteral("status"), QStringLiteral("--db"), desk, QStringLiteral("--json")});
        if (status.exitCode != 0)
            return -1;
        return status.json()
            .value(QStringLiteral("counts"))
            .toObject()
            .value(QStringLiteral("presentations"))
            .toInteger(-1);
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    }

    // The window's pattern in one process: its own connection, a second
    // one opened and closed beside it (the health check at start), then
    // commands. Each side sees what the other wrote.
    void secondConnectionKeepsTheJournal()
    {
        const QString desk = makeDesk();
        // The desk's first account, an administrator, added without a sign-in.
        const CliRun first = cli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--db"),
                                  desk, QStringLiteral("--name"), QStringLiteral("ada"),
                                  QStringLiteral("--role"), QStringLiteral("administrator")},
                                 Password + '\n');
        QVERIFY2(first.exitCode == 0, first.said());
        auto window = CacheDatabase::open(desk, CacheDatabase::OpenMode::MustExist);
        QVERIFY2(window.ok(), window ? "" : qPrintable(window.error().message));
        const qint64 accounts = count(**window, QStringLiteral("SELECT COUNT(*) FROM accounts"));
        QVERIFY(accounts >= 0);
        {
            auto second = CacheDatabase::open(desk, CacheDatabase::OpenMode::MustExist);
            QVERIFY(second.ok());
            QVERIFY((*second)->checkHealth(CacheDatabase::HealthLevel::Full).ok());
        }
        QVERIFY(!openDeskFiles(QStringLiteral("self"), desk).isEmpty());

        // A write from the command line, then a read.
        const CliRun added = addUser(desk, QStringLiteral("olga"), QStringLiteral("ada"), Password);
        QVERIFY2(added.exitCode == 0, added.said());
        QCOMPARE(cli({QStringLiteral("status"), QStringLiteral("--db"), desk}).exitCode, 0);
        QVERIFY2(strayDeskFiles(QStringLiteral("self"), desk).isEmpty(),
                 qPrintable(strayDeskFiles(QStringLiteral("self"), desk).join(u'\n')));
        QCOMPARE(count(**window, QStringLiteral("SELECT COUNT(*) FROM accounts")), accounts + 1);

        // A write from the window, seen by the next command.
        const qint64 before = presentationsSeenByCli(desk);
        QVERIFY(before >= 0);
        QVERIFY((*window)
                    ->recordPresentation(QStringLiteral("BW-2026-000001"), QDateTime::currentDateTimeUtc(),
                                         QStringLiteral("accept"))
                    .ok());
        QCOMPARE(presentationsSeenByCli(desk), before + 1);
        QVERIFY(strayDeskFiles(QStringLiteral("self"), desk).isEmpty());
        window->reset();
        // Closed last, the window leaves its writes in the file.
        QCOMPARE(presentationsSeenByCli(desk), before + 1);
    }

    // The real window, offscreen, beside the real command line.
    void windowBesideTheCommandLine()
    {
        const QString gui = qEnvironmentVariable("KPDESK_GUI");
        QVERIFY2(QFile::exists(gui), qPrintable(gui));
        const QString desk = makeDesk();
        const qint64 before = presentationsSeenByCli(desk);
        QVERIFY(before >= 0);

        QProcess window;
        window.setProcessEnvironment(childEnvironment(m_dir.path()));
        window.setProcessChannelMode(QProcess::ForwardedChannels);
        window.start(gui, {QStringLiteral("--db"), desk});
        QVERIFY2(window.waitForStarted(), qPrintable(window.errorString()));
        const QString pid = QString::number(window.processId());
        // Open on its sign-in page: its own connection and the journal, then
        // the health check's connection on a worker thread has come and gone.
        QElapsedTimer waited;
        waited.start();
        while (openDeskFiles(pid, desk).size() < 2 && waited.elapsed() < 60000 &&
               window.state() == QProcess::Running)
            QTest::qWait(100);
        QVERIFY2(openDeskFiles(pid, desk).size() >= 2, "the window did not open the desk");
        QTest::qWait(3000);
        QVERIFY(strayDeskFiles(pid, desk).isEmpty());

        // The window made the demo desk's people when it opened: the command
        // line sees them, and its own writes go where the window reads.
        const CliRun added = addUser(desk, QStringLiteral("pavel"), QStringLiteral("administrator"),
                                     QByteArrayLiteral("administrator-demo"));
        QVERIFY2(added.exitCode == 0, added.said());
        const CliRun listed =
            cli({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--db"), desk});
        QVERIFY2(listed.exitCode == 0, listed.said());
        QVERIFY2(listed.out.contains("pavel"), listed.said());
        QVERIFY2(listed.out.contains("supervisor"), listed.said()); // written by the window
        QCOMPARE(presentationsSeenByCli(desk), before);
        QCOMPARE(window.state(), QProcess::Running);
        const QStringList stray = strayDeskFiles(pid, desk);
        QVERIFY2(stray.isEmpty(), qPrintable(stray.join(u'\n')));
        // Still the journal at the desk's path, the one the command line wrote.
        bool walOpen = false;
        for (const OpenFile& f : openDeskFiles(pid, desk))
            walOpen = walOpen || f.target == desk + QStringLiteral("-wal");
        QVERIFY(walOpen);

        window.terminate();
        if (!window.waitForFinished(20000)) {
            window.kill();
            window.waitForFinished(5000);
        }
        const CliRun after =
            cli({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--db"), desk});
        QVERIFY2(after.out.contains("pavel") && after.out.contains("supervisor"), after.said());
    }
};

QTEST_GUILESS_MAIN(TestSharedDesk)
#include "test_shared_desk.moc"
