// kpdesk-cli with desk files that are not what they should be: special
// paths SQLite and Qt read differently, empty, truncated, locked or
// read-only files, and a presentation recorded while a sync is writing.
// Each must be refused with words that say which, or wait, never lose data.
#include "CliRun.h"
#include "TestSupport.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp::test;

namespace {

using Run = kp::test::CliRun;

Run finish(QProcess& p)
{
    return kp::test::finishCli(p);
}

// As root, file permissions do not apply: run as nobody to see what an
// ordinary desk account sees.
QStringList asOrdinaryUser(QString& program, const QStringList& args)
{
    if (geteuid() != 0)
        return args;
    QStringList wrapped{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                        QStringLiteral("--clear-groups"), program};
    wrapped += args;
    program = QStringLiteral("setpriv");
    return wrapped;
}

Run cli(const QStringList& args, bool ordinaryUser = false)
{
    QProcess p;
    QString program = cliPath();
    const QStringList actual = ordinaryUser ? asOrdinaryUser(program, args) : args;
    p.start(program, actual);
    return finish(p);
}

int countPresentations(const QString& dbPath)
{
    auto db = kp::CacheDatabase::open(dbPath, kp::CacheDatabase::OpenMode::MustExist);
    if (!db)
        return -1;
    QSqlQuery q((*db)->connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM presentations")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

class TestCliPaths : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_desk;
    QString m_number;
    QString m_bundleCert;
    QStringList m_bundles;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    void copyDesk(const QString& to)
    {
        QFile::remove(to);
        QVERIFY(QFile::copy(m_desk, to));
        QVERIFY(QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther |
                                              QFile::WriteOther | QFile::ReadGroup));
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        kp::SystemClock clock;
        auto desk = kp::buildDemoDesk(path(QStringLiteral("demo")), clock);
        QVERIFY2(desk.ok(), desk ? "" : qPrintable(desk.error().message));
        // A desk in one file, with nothing left in its WAL.
        {
            auto db = kp::CacheDatabase::open(desk->dbPath, kp::CacheDatabase::OpenMode::MustExist);
            QVERIFY(db.ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
        }
        m_desk = desk->dbPath;
        m_bundleCert = desk->pkiDir + QStringLiteral("/bundle-cert.pem");
        m_bundles = desk->bundles;
        const kp::DemoSample* genuine = desk->sample(QStringLiteral("bw-genuine"));
        QVERIFY(genuine);
        m_number = genuine->text; // the KP1 text, as a scanner gives it
        QVERIFY(!m_number.isEmpty());
    }

    void specialPathsAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("init :memory:") << QStringList{
            QStringLiteral("init"),          QStringLiteral("--db"), QStringLiteral(":memory:"),
            QStringLiteral("--participant"), QStringLiteral("EU"),   QStringLiteral("--bundle-key"),
            QStringLiteral("BUNDLE_CERT")};
        QTest::newRow("status :memory:")
            << QStringList{QStringLiteral("status"), QStringLiteral("--db"), QStringLiteral(":memory:")};
        QTest::newRow("verify resource path")
            << QStringList{QStringLiteral("verify"), QStringLiteral("--db"), QStringLiteral(":desk.sqlite"),
                           QStringLiteral("--text"), QStringLiteral("BW-2026-000001")};
        QTest::newRow("sources resource path")
            << QStringList{QStringLiteral("sources"), QStringLiteral("--db"), QStringLiteral(":desk.sqlite"),
                           QStringLiteral("--set"), QStringLiteral("/tmp")};
    }

    void specialPathsAreRefused()
    {
        QFETCH(QStringList, args);
        args.replaceInStrings(QStringLiteral("BUNDLE_CERT"), m_bundleCert);
        const QString cwd = QDir::currentPath();
        QDir::setCurrent(m_dir.path()); // a file named ":desk.sqlite" would land here
        const Run r = cli(args);
        QDir::setCurrent(cwd);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("cannot be a desk cache"), r.err.constData());
        QVERIFY(!QFile::exists(m_dir.path() + QStringLiteral("/:desk.sqlite")));
        QVERIFY(!QFile::exists(m_dir.path() + QStringLiteral("/:memory:")));
    }

    void emptyFileIsNotWrittenInto()
    {
        const QString empty = path(QStringLiteral("empty.sqlite"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        for (const QString& command : {QStringLiteral("verify"), QStringLiteral("status")}) {
            QStringList args{command, QStringLiteral("--db"), empty};
            if (command == QLatin1String("verify"))
                args << QStringLiteral("--text") << m_number;
            const Run r = cli(args);
            QCOMPARE(r.exitCode, 4);
            QVERIFY2(r.err.contains("empty file"), r.err.constData());
            QCOMPARE(QFileInfo(empty).size(), 0);
        }
    }

    void eachFaultIsNamed()
    {
        // Not SQLite at all.
        const QString text = path(QStringLiteral("notes.sqlite"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        Run r = cli({QStringLiteral("status"), QStringLiteral("--db"), text});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("not an SQLite database"), r.err.constData());
        QCOMPARE(r.err.count("Cannot open the desk cache"), 0); // said once, in the words that fit

        // Truncated: a copy that did not finish.
        const QString cut = path(QStringLiteral("cut.sqlite"));
        copyDesk(cut);
        QFile c(cut);
        QVERIFY(c.resize(QFileInfo(m_desk).size() / 2));
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), cut, QStringLiteral("--text"), m_number});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("truncated"), r.err.constData());
        QVERIFY(!r.err.contains("not an SQLite database"));
    }

    void lockedFileIsNamed()
    {
        const QString locked = path(QStringLiteral("locked.sqlite"));
        copyDesk(locked);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
            db.setDatabaseName(locked);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            const Run r = cli({QStringLiteral("status"), QStringLiteral("--db"), locked});
            QCOMPARE(r.exitCode, 4);
            QVERIFY2(r.err.contains("locked by another program"), r.err.constData());
            QVERIFY(q.exec(QStringLiteral("COMMIT")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    }

    void readOnlyFolderIsNamed()
    {
        // SQLite needs to make its journal beside the file: a read-only
        // folder is a permissions problem, not a file that is not a cache.
        const QString folder = path(QStringLiteral("readonly"));
        QVERIFY(QDir().mkpath(folder));
        const QString file = folder + QStringLiteral("/desk.sqlite");
        copyDesk(file);
        // The desk is its user's (issue 19 item 8: another user's desk open
        // to others is refused before anything else).
        if (geteuid() == 0)
            QVERIFY(::chown(QFile::encodeName(file).constData(), 65534, 65534) == 0);
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther |
                                                  QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
        QVERIFY(QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ExeOther));
        const Run r = cli({QStringLiteral("verify"), QStringLiteral("--db"), file, QStringLiteral("--record"),
                           QStringLiteral("--text"), m_number},
                          true);
        QVERIFY(QFile::setPermissions(folder, QFile::permissions(folder) | QFile::WriteOwner));
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("cannot be written"), r.err.constData());
        QVERIFY(!r.err.contains("not an SQLite database"));
    }

    void repairWaitsForNoOneButRefusesAnOpenDesk()
    {
        // A window left open on the desk would go on writing its records
        // into the old file once the repair has swapped it: refused.
        const QString desk = path(QStringLiteral("open.sqlite"));
        copyDesk(desk);
        {
            auto open = kp::CacheDatabase::open(desk, kp::CacheDatabase::OpenMode::MustExist);
            QVERIFY(open.ok());
            const Run r = cli({QStringLiteral("repair"), QStringLiteral("--db"), desk});
            QVERIFY(r.exitCode != 0);
            QVERIFY2(r.err.contains("open in another program"), r.err.constData());
            QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("open.sqlite.damaged-*")}).isEmpty());
        }
        const Run r = cli({QStringLiteral("repair"), QStringLiteral("--db"), desk});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("open.sqlite.damaged-*")}).size(), 1);
    }

    void syncAndRecordedVerificationEnterTheTrail()
    {
        const QString desk = path(QStringLiteral("trail.sqlite"));
        copyDesk(desk);
        // The kinds of the exported entries, in order (each entry is a map
        // with a text "kind"; the names do not occur elsewhere in these entries).
        const auto kinds = [&]() {
            QStringList out;
            const QString file = path(QStringLiteral("trail.cbor"));
            const Run r = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"),
                               desk, QStringLiteral("--out"), file});
            if (r.exitCode != 0)
                return QStringList{QString::fromUtf8(r.err)};
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                return out;
            const QByteArray data = f.readAll();
            QList<std::pair<qsizetype, QString>> found;
            for (const char* kind : {"verification", "sync_refused", "sync_applied", "signin", "flagged"}) {
                const QByteArray key = QByteArray("dkind") + char(0x60 + qstrlen(kind)) + kind;
                for (qsizetype at = data.indexOf(key); at >= 0; at = data.indexOf(key, at + 1))
                    found.append({at, QString::fromLatin1(kind)});
            }
            std::sort(found.begin(), found.end());
            for (const auto& [at, kind] : found)
                out << kind;
            return out;
        };
        const QStringList before = kinds();

        Run r = cli({QStringLiteral("verify"), QStringLiteral("--db"), desk, QStringLiteral("--record"),
                     QStringLiteral("--text"), m_number});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QStringList now = kinds();
        QCOMPARE(now.size(), before.size() + 1);
        QCOMPARE(now.last(), QStringLiteral("verification"));

        // An old bundle again: refused, and the refusal is in the trail.
        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), desk, m_bundles.first()});
        QCOMPARE(r.exitCode, 1);
        now = kinds();
        QVERIFY2(now.last() == QLatin1String("sync_refused"), r.err.constData());

        // After a repair the same bundles apply, each in the trail.
        QCOMPARE(cli({QStringLiteral("repair"), QStringLiteral("--db"), desk}).exitCode, 0);
        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), desk, m_bundles.first()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        now = kinds();
        QCOMPARE(now.last(), QStringLiteral("sync_applied"));
        QCOMPARE(
            cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), desk}).exitCode,
            0);
    }

    void atTakesOnlyADate()
    {
        const Run r = cli({QStringLiteral("verify"), QStringLiteral("--db"), m_desk, QStringLiteral("--at"),
                           QStringLiteral("2026-11-20T00:00:00"), QStringLiteral("--text"), m_number});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("YYYY-MM-DD"), r.err.constData());
    }

    void recordWaitsForAWritingSync()
    {
        // A sync applying a big bundle holds the desk's write lock for a
        // while; a presentation recorded meanwhile must wait, not vanish.
        const QString desk = path(QStringLiteral("busy.sqlite"));
        copyDesk(desk);
        const int before = countPresentations(desk);
        QVERIFY(before >= 0);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("syncer"));
            db.setDatabaseName(desk);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE"))); // as a sync does
            QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = value WHERE key = 'seq'")));

            QProcess p;
            p.start(cliPath(),
                    {QStringLiteral("verify"), QStringLiteral("--db"), desk, QStringLiteral("--record"),
                     QStringLiteral("--json"), QStringLiteral("--text"), m_number});
            QVERIFY(p.waitForStarted());
            // Longer than SQLite's usual 5 s wait, which used to drop the record.
            QVERIFY(!p.waitForFinished(7000));
            QVERIFY(q.exec(QStringLiteral("COMMIT")));
            const Run r = finish(p);
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
            QVERIFY2(!r.err.contains("not recorded"), r.err.constData());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("syncer"));
        QCOMPARE(countPresentations(desk), before + 1);
    }
};

QTEST_MAIN(TestCliPaths) // the demo desk draws its certificates: fonts need a QGuiApplication
#include "test_cli_paths.moc"
