// Issue 19 item 9: the lockout holds against parallel sign-ins. Real
// kpdesk-cli processes sign in at once; the trail, in the order the attempts
// committed, shows no more password checks than the lock allows and no
// sign-in while the account was locked.
#include "CliRun.h"
#include "TestSupport.h"
#include "accounts/Lockout.h"
#include "audit/AuditChain.h"
#include "audit/AuditExport.h"
#include "authority/DemoDesk.h"
#include "util/Clock.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace kp;
using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";
const QString NoCase = QStringLiteral("00000000-0000-4000-8000-000000000000");

} // namespace

class TestLockoutRace : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    QStringList db() const { return {QStringLiteral("--db"), m_db}; }

    void addAccount(const QString& name)
    {
        const CliRun r =
            runCli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                       QStringList{QStringLiteral("--user"), QStringLiteral("ada"), QStringLiteral("--name"),
                                   name, QStringLiteral("--role"), QStringLiteral("supervisor")},
                   {.input = Password + '\n' + Password + '\n'});
        QVERIFY2(r.exitCode == 0, r.said());
    }

    // Every attempt at once: `case take` of no case signs in first.
    QList<CliRun> signInAtOnce(const QString& name, const QList<QByteArray>& passwords)
    {
        std::vector<std::unique_ptr<QProcess>> running;
        for (qsizetype i = 0; i < passwords.size(); ++i) {
            auto process = std::make_unique<QProcess>();
            process->start(cliPath(),
                           QStringList{QStringLiteral("case")} + db() +
                               QStringList{QStringLiteral("--user"), name, QStringLiteral("take"), NoCase});
            running.push_back(std::move(process));
        }
        for (size_t i = 0; i < running.size(); ++i) {
            running[i]->waitForStarted();
            running[i]->write(passwords[qsizetype(i)] + '\n');
            running[i]->closeWriteChannel();
        }
        QList<CliRun> runs;
        for (auto& process : running)
            runs << finishCli(*process);
        return runs;
    }

    // The trail's sign-in entries about `name`, in the order they committed.
    QList<AuditEntry> attempts(const QString& name)
    {
        const QString out = m_dir.filePath(name + QStringLiteral(".cbors"));
        const CliRun r = runCli(QStringList{QStringLiteral("audit"), QStringLiteral("export")} + db() +
                                QStringList{QStringLiteral("--out"), out});
        if (r.exitCode != 0)
            qWarning() << r.said();
        QList<AuditEntry> found;
        QFile f(out);
        if (!f.open(QIODevice::ReadOnly))
            return found;
        AuditExportCheck check;
        check.onEntry = [&](const AuditEntry& e) {
            if ((e.kind == QLatin1String("signin") && e.actor == name) ||
                (e.kind == QLatin1String("signin_failed") &&
                 e.data.value(QStringLiteral("name")).toString() == name))
                found << e;
        };
        if (!readAuditExport(&f, check).ok())
            qWarning() << "the export could not be read";
        return found;
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        SystemClock clock;
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), clock);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.error().message));
        m_db = desk->dbPath;
        const CliRun r = runCli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                                    QStringList{QStringLiteral("--name"), QStringLiteral("ada"),
                                                QStringLiteral("--role"), QStringLiteral("administrator")},
                                {.input = Password + '\n'});
        QVERIFY2(r.exitCode == 0, r.said());
    }

    // Twelve wrong passwords at once: five are checked (the threshold), the
    // seven others find the account locked.
    void parallelWrongPasswordsCheckNoMoreThanTheThreshold()
    {
        addAccount(QStringLiteral("sam"));
        const QList<CliRun> runs = signInAtOnce(QStringLiteral("sam"), QList<QByteArray>(12, "wrong guess"));
        for (const CliRun& r : runs)
            QVERIFY2(r.exitCode == 1, r.said());
        int wrong = 0;
        int locked = 0;
        for (const AuditEntry& e : attempts(QStringLiteral("sam"))) {
            QCOMPARE(e.kind, QStringLiteral("signin_failed"));
            const QString reason = e.data.value(QStringLiteral("reason")).toString();
            wrong += reason == QLatin1String("wrong_password") ? 1 : 0;
            locked += reason == QLatin1String("locked") ? 1 : 0;
        }
        QCOMPARE(wrong, LockoutPolicy{}.threshold);
        QCOMPARE(locked, 12 - LockoutPolicy{}.threshold);
    }

    // Wrong and right passwords at once: replayed in the order they
    // committed, no attempt was judged against a stale state (no password
    // checked, no sign-in, while the account was locked).
    void parallelRightPasswordNeverSignsInWhileLocked()
    {
        addAccount(QStringLiteral("sue"));
        QList<QByteArray> passwords(9, "wrong guess");
        for (int i : {2, 5, 7, 8})
            passwords[i] = Password;
        const QList<CliRun> runs = signInAtOnce(QStringLiteral("sue"), passwords);
        QCOMPARE(runs.size(), passwords.size());
        const QList<AuditEntry> all = attempts(QStringLiteral("sue"));
        QCOMPARE(all.size(), passwords.size());
        const QDateTime now = QDateTime::currentDateTimeUtc(); // well within the first lock's minute
        LockoutState state;
        for (const AuditEntry& e : all) {
            const QString reason = e.data.value(QStringLiteral("reason")).toString();
            if (e.kind == QLatin1String("signin")) {
                QVERIFY2(!state.isLocked(now), "signed in while locked");
                state = next(state, true, now);
            } else if (reason == QLatin1String("wrong_password")) {
                QVERIFY2(!state.isLocked(now), "a password checked while locked");
                state = next(state, false, now);
                QCOMPARE(e.data.value(QStringLiteral("failures")).toInteger(), qint64(state.failures));
            } else {
                QCOMPARE(reason, QStringLiteral("locked"));
                QVERIFY2(state.isLocked(now), "refused as locked while not");
            }
        }
    }
};

QTEST_MAIN(TestLockoutRace) // the demo desk draws its certificates: fonts need a Gui application
#include "test_lockout_race.moc"
