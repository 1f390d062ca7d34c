// kpdesk-cli's records commands end to end, as a customs IT script would use
// them: accounts with passwords on standard input, release and flag by a
// signed-in officer, a case's whole life, the audit trail verified, exported,
// tampered with in each way, and a process killed in the middle of a decision.
#include "CliRun.h"
#include "TestSupport.h"
#include "audit/AuditChain.h"
#include "audit/AuditExport.h"
#include "authority/DemoDesk.h"
#include "util/Clock.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";

using Run = kp::test::CliRun;

Run cli(const QStringList& args, const QByteArray& input = {})
{
    return kp::test::runCli(args, {.input = input});
}

// A raw connection, as a tamperer with the sqlite3 shell would have.
struct Raw
{
    QString name;
    explicit Raw(const QString& path) : name(QStringLiteral("raw-") + path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Raw()
    {
        QSqlDatabase::database(name).close();
        QSqlDatabase::removeDatabase(name);
    }
    bool exec(const QString& sql, const QVariantList& values = {})
    {
        QSqlQuery q(QSqlDatabase::database(name));
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        const bool ok = q.exec();
        if (!ok)
            qWarning() << sql << q.lastError().text();
        return ok;
    }
    QVariant value(const QString& sql, const QVariantList& values = {})
    {
        QSqlQuery q(QSqlDatabase::database(name));
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        return q.exec() && q.next() ? q.value(0) : QVariant();
    }
};

} // namespace

class TestRecordsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QMap<QString, QString> m_text; // demo sample key -> barcode text

    QStringList db() const { return {QStringLiteral("--db"), m_db}; }

    Run caseAction(const QString& user, const QStringList& rest)
    {
        return cli(QStringList{QStringLiteral("case")} + db() + QStringList{QStringLiteral("--user"), user} +
                       rest,
                   Password + '\n');
    }

    QJsonObject caseJson(const QString& id)
    {
        const Run r =
            cli(QStringList{QStringLiteral("cases")} + db() + QStringList{QStringLiteral("--json")});
        for (const QJsonValue v : r.json().value(QStringLiteral("cases")).toArray())
            if (v[QStringLiteral("id")].toString() == id)
                return v.toObject();
        return {};
    }

    QString flag(const QString& user, const QString& sample)
    {
        const Run r =
            cli(QStringList{QStringLiteral("flag")} + db() +
                    QStringList{QStringLiteral("--user"), user, QStringLiteral("--text"), m_text[sample],
                                QStringLiteral("--reason"), QStringLiteral("value far too low")},
                Password + '\n');
        if (r.exitCode != 0)
            qWarning() << r.err;
        return r.lastLine();
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
        for (const DemoSample& s : desk->samples)
            m_text.insert(s.key, s.text);
        QVERIFY(m_text.contains(QStringLiteral("bw-genuine")));
        QVERIFY(m_text.contains(QStringLiteral("low-value")));
    }

    void usersWithPasswordsOnStandardInput()
    {
        // The first account, an administrator, without a sign-in; then she adds the others.
        Run r = cli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                        QStringList{QStringLiteral("--name"), QStringLiteral("ada"), QStringLiteral("--role"),
                                    QStringLiteral("administrator")},
                    Password + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const auto& [name, role] :
             {std::pair{"olga", "officer"}, std::pair{"sam", "supervisor"}, std::pair{"sue", "supervisor"}}) {
            r = cli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                        QStringList{QStringLiteral("--user"), QStringLiteral("ada"), QStringLiteral("--name"),
                                    QString::fromLatin1(name), QStringLiteral("--role"),
                                    QString::fromLatin1(role)},
                    Password + '\n' + Password + '\n');
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        r = cli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("ada"), QStringLiteral("--name"),
                                QStringLiteral("Olga"), QStringLiteral("--role"), QStringLiteral("officer")},
                Password + '\n' + Password + '\n');
        QCOMPARE(r.exitCode, 1); // the name is taken, ignoring case
        r = cli(QStringList{QStringLiteral("users"), QStringLiteral("list")} + db() +
                QStringList{QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray accounts = r.json().value(QStringLiteral("accounts")).toArray();
        QCOMPARE(accounts.size(), 4);
        QVERIFY(!r.out.contains("scrypt"));
        for (const QJsonValue a : accounts)
            if (a[QStringLiteral("name")] == QStringLiteral("sam"))
                QCOMPARE(a[QStringLiteral("role")].toString(), QStringLiteral("supervisor"));
        // The command line's actions are in the trail as the unix user's.
        QCOMPARE(cli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + db()).exitCode, 0);
    }

    void releaseByAnOfficerOnAccept()
    {
        const Run r =
            cli(QStringList{QStringLiteral("release")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--text"),
                                m_text[QStringLiteral("bw-genuine")], QStringLiteral("--parcels"),
                                QStringLiteral("3"), QStringLiteral("--mass"), QStringLiteral("1520.35"),
                                QStringLiteral("--seals-intact"), QStringLiteral("--importer-matches")},
                Password + '\n');
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains("RELEASED"));
    }

    void releaseRefusedOnDoubtAndRecorded()
    {
        const Run r =
            cli(QStringList{QStringLiteral("release")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--text"),
                                m_text[QStringLiteral("low-value")], QStringLiteral("--parcels"),
                                QStringLiteral("3"), QStringLiteral("--mass"), QStringLiteral("5000"),
                                QStringLiteral("--seals-intact"), QStringLiteral("--importer-matches")},
                Password + '\n');
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not released"));
        QVERIFY(r.err.contains("doubt"));
        const QString out = m_dir.filePath(QStringLiteral("refused.cbors"));
        QCOMPARE(cli(QStringList{QStringLiteral("audit"), QStringLiteral("export")} + db() +
                     QStringList{QStringLiteral("--out"), out})
                     .exitCode,
                 0);
        QStringList kinds;
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        AuditExportCheck check;
        check.onEntry = [&](const AuditEntry& e) {
            kinds << e.kind;
        };
        QVERIFY(readAuditExport(&f, check).ok());
        QCOMPARE(kinds.mid(kinds.size() - 4),
                 (QStringList{QStringLiteral("signin"), QStringLiteral("verification"),
                              QStringLiteral("physical_check"), QStringLiteral("release_refused")}));
        // A wrong password: refused, nothing verified.
        const Run wrong =
            cli(QStringList{QStringLiteral("release")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--text"),
                                m_text[QStringLiteral("bw-genuine")], QStringLiteral("--parcels"),
                                QStringLiteral("3"), QStringLiteral("--mass"), QStringLiteral("1")},
                "not the password\n");
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(wrong.err.contains("Wrong name or password."));
    }

    void theLifeOfACase()
    {
        const QString id = flag(QStringLiteral("olga"), QStringLiteral("low-value"));
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f-]{36}$")).match(id).hasMatch(), qPrintable(id));
        QJsonObject c = caseJson(id);
        QCOMPARE(c[QStringLiteral("state")].toString(), QStringLiteral("open"));
        QCOMPARE(c[QStringLiteral("flagged_by")].toString(), QStringLiteral("olga"));
        QCOMPARE(c[QStringLiteral("events")].toArray().size(), 1);

        QCOMPARE(caseAction(QStringLiteral("olga"), {QStringLiteral("take"), id}).exitCode, 1);
        QCOMPARE(caseAction(QStringLiteral("olga"), {QStringLiteral("note"), id, QStringLiteral("--text"),
                                                     QStringLiteral("importer called")})
                     .exitCode,
                 0);
        QCOMPARE(caseAction(QStringLiteral("sam"), {QStringLiteral("take"), id}).exitCode, 0);
        QCOMPARE(caseAction(QStringLiteral("sam"), {QStringLiteral("decide"), id, QStringLiteral("--outcome"),
                                                    QStringLiteral("detained"), QStringLiteral("--reason"),
                                                    QStringLiteral("valuation needed")})
                     .exitCode,
                 0);
        QCOMPARE(caseAction(QStringLiteral("sam"), {QStringLiteral("close"), id, QStringLiteral("--reason"),
                                                    QStringLiteral("valuer's report filed")})
                     .exitCode,
                 0);
        QCOMPARE(caseAction(QStringLiteral("sue"), {QStringLiteral("reopen"), id, QStringLiteral("--reason"),
                                                    QStringLiteral("new papers")})
                     .exitCode,
                 0);
        c = caseJson(id);
        QCOMPARE(c[QStringLiteral("state")].toString(), QStringLiteral("in_review"));
        QStringList kinds;
        for (const QJsonValue e : c[QStringLiteral("events")].toArray())
            kinds << e[QStringLiteral("kind")].toString();
        QCOMPARE(kinds, (QStringList{QStringLiteral("flagged"), QStringLiteral("note"),
                                     QStringLiteral("review"), QStringLiteral("decision"),
                                     QStringLiteral("closed"), QStringLiteral("reopened")}));
        const QJsonObject decision = c[QStringLiteral("events")].toArray()[3].toObject();
        QCOMPARE(decision[QStringLiteral("actor")].toString(), QStringLiteral("sam"));
        QCOMPARE(decision[QStringLiteral("data")][QStringLiteral("four_eyes")].toString(),
                 QStringLiteral("independent"));
        const Run inReview = cli(
            QStringList{QStringLiteral("cases")} + db() +
            QStringList{QStringLiteral("--state"), QStringLiteral("in_review"), QStringLiteral("--json")});
        QCOMPARE(inReview.json()[QStringLiteral("cases")].toArray().size(), 1);
        QCOMPARE(inReview.json()[QStringLiteral("counts")][QStringLiteral("in_review")].toInt(), 1);
    }

    // case recheck: no sign-in, nothing recorded; at once nothing changed, and
    // once the number is revoked the change is printed.
    void recheckACase()
    {
        const QString id = flag(QStringLiteral("olga"), QStringLiteral("low-value"));
        const QStringList recheck =
            QStringList{QStringLiteral("case")} + db() + QStringList{QStringLiteral("recheck"), id};
        Run r = cli(recheck);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("Today ("), r.out.constData());
        QVERIFY2(r.out.contains("DOUBT"), r.out.constData());
        QVERIFY2(r.out.contains("No change since "), r.out.constData());

        const QString number = caseJson(id)[QStringLiteral("number")].toString();
        QVERIFY(!number.isEmpty());
        {
            Raw raw(m_db);
            QVERIFY(raw.exec(QStringLiteral("INSERT OR REPLACE INTO revoked(no, st, at, by, note) "
                                            "VALUES(?, 'stolen', '2026-01-01', 'BW', '')"),
                             {number}));
        }
        r = cli(recheck);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("Revocation: was pass, now FAIL"), r.out.constData());
        QVERIFY2(r.out.contains("verdict: was DOUBT, now REJECT"), r.out.constData());
        {
            Raw raw(m_db);
            QVERIFY(raw.exec(QStringLiteral("DELETE FROM revoked WHERE no = ?"), {number}));
        }
        QCOMPARE(caseJson(id)[QStringLiteral("events")].toArray().size(), 1);

        const Run unknown = cli(QStringList{QStringLiteral("case")} + db() +
                                QStringList{QStringLiteral("recheck"), QStringLiteral("no-such-case")});
        QCOMPARE(unknown.exitCode, 4);
        QVERIFY2(unknown.err.startsWith("case recheck: "), unknown.err.constData());
    }

    void settingsAreAnAdministratorsAndInTheTrail()
    {
        // Without a signed-in administrator: refused, nothing changed.
        Run r = cli(QStringList{QStringLiteral("settings")} + db() +
                    QStringList{QStringLiteral("--one-person-post"), QStringLiteral("on")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("--user"), r.err.constData());
        r = cli(QStringList{QStringLiteral("settings")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("sam"),
                                QStringLiteral("--one-person-post"), QStringLiteral("on")},
                Password + '\n');
        QCOMPARE(r.exitCode, 1); // a supervisor is not an administrator
        QVERIFY(cli(QStringList{QStringLiteral("settings")} + db()).out.contains("one_person_post off"));
        r = cli(QStringList{QStringLiteral("settings")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("ada"),
                                QStringLiteral("--one-person-post"), QStringLiteral("on"),
                                QStringLiteral("--idle-lock-minutes"), QStringLiteral("7")},
                Password + '\n');
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("one_person_post on"));
        QVERIFY(r.out.contains("idle_lock_minutes 7"));
        r = cli(QStringList{QStringLiteral("settings")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("ada"),
                                QStringLiteral("--one-person-post"), QStringLiteral("off")},
                Password + '\n');
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("one_person_post off"));
    }

    void killedMidDecisionLeavesCaseAndTrailConsistent()
    {
        const QString id = flag(QStringLiteral("olga"), QStringLiteral("low-value"));
        QCOMPARE(caseAction(QStringLiteral("sam"), {QStringLiteral("take"), id}).exitCode, 0);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KPDESK_TEST_HOLD_BEFORE_COMMIT_MS"), QStringLiteral("60000"));
        p.setProcessEnvironment(env);
        p.start(cliPath(),
                QStringList{QStringLiteral("case")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("sue"), QStringLiteral("decide"), id,
                                QStringLiteral("--outcome"), QStringLiteral("seized"),
                                QStringLiteral("--reason"), QStringLiteral("forged seals")});
        QVERIFY(p.waitForStarted());
        p.write(Password + '\n');
        p.closeWriteChannel();
        QByteArray err;
        QElapsedTimer t;
        t.start();
        while (!err.contains("holding before commit") && t.elapsed() < 60000 &&
               p.state() == QProcess::Running) {
            p.waitForReadyRead(500);
            err += p.readAllStandardError();
        }
        QVERIFY2(err.contains("holding before commit"), err.constData());
        p.kill(); // SIGKILL, in the middle of the transaction
        p.waitForFinished();

        const Run verify = cli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + db());
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        QJsonObject c = caseJson(id);
        QCOMPARE(c[QStringLiteral("state")].toString(), QStringLiteral("in_review"));
        QCOMPARE(c[QStringLiteral("events")].toArray().size(), 2);
        // And the decision goes through once the desk is used again.
        QCOMPARE(caseAction(QStringLiteral("sue"), {QStringLiteral("decide"), id, QStringLiteral("--outcome"),
                                                    QStringLiteral("seized"), QStringLiteral("--reason"),
                                                    QStringLiteral("forged seals")})
                     .exitCode,
                 0);
        c = caseJson(id);
        QCOMPARE(c[QStringLiteral("state")].toString(), QStringLiteral("decided"));
        QCOMPARE(cli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + db()).exitCode, 0);
    }

    void verifyAndExportAgree()
    {
        const Run verify = cli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + db());
        QCOMPARE(verify.exitCode, 0);
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("^entries (\\d+) head ([0-9a-f]{64})$"))
                .match(verify.lastLine());
        QVERIFY2(m.hasMatch(), qPrintable(verify.lastLine()));
        const QString out = m_dir.filePath(QStringLiteral("trail.cbors"));
        QCOMPARE(cli(QStringList{QStringLiteral("audit"), QStringLiteral("export")} + db() +
                     QStringList{QStringLiteral("--out"), out})
                     .exitCode,
                 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains(Password));
        QVERIFY(!bytes.contains("scrypt$"));
        f.seek(0);
        const auto head = readAuditExport(&f);
        QVERIFY(head.ok());
        QCOMPARE(head->count, m.captured(1).toULongLong());
        QCOMPARE(QString::fromLatin1(head->hash.toHex()), m.captured(2));
    }

    void tamperingIsCaught_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<int>("entry"); // 0: the one after the last
        QTest::newRow("an entry's bytes changed") << "changed" << 3;
        QTest::newRow("an entry deleted") << "deleted" << 3;
        QTest::newRow("two reordered") << "swapped" << 3;
        QTest::newRow("one appended out of chain") << "appended" << 0;
        QTest::newRow("the last deleted and the triggers dropped") << "last-deleted" << -1;
    }

    void tamperingIsCaught()
    {
        QFETCH(QString, how);
        QFETCH(int, entry);
        const QString copy = m_dir.filePath(how + QStringLiteral(".sqlite"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(m_db, copy));
        if (QFile::exists(m_db + QStringLiteral("-wal")))
            QVERIFY(QFile::copy(m_db + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
        qint64 count = 0;
        {
            Raw raw(copy);
            count = raw.value(QStringLiteral("SELECT max(n) FROM audit")).toLongLong();
            QVERIFY(count > 5);
            // The triggers stop an honest mistake, not a tamperer.
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM audit WHERE n = 3")));
            QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER audit_append_only_u")));
            QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER audit_append_only_d")));
            if (how == QLatin1String("changed")) {
                QByteArray bytes =
                    raw.value(QStringLiteral("SELECT entry FROM audit WHERE n = 3")).toByteArray();
                bytes.back() = bytes.back() == 'Z' ? 'Y' : 'Z'; // the last letter of the actor
                QVERIFY(raw.exec(QStringLiteral("UPDATE audit SET entry = ? WHERE n = 3"), {bytes}));
            } else if (how == QLatin1String("deleted")) {
                QVERIFY(raw.exec(QStringLiteral("DELETE FROM audit WHERE n = 3")));
            } else if (how == QLatin1String("swapped")) {
                QVERIFY(raw.exec(QStringLiteral("UPDATE audit SET n = -1 WHERE n = 3")));
                QVERIFY(raw.exec(QStringLiteral("UPDATE audit SET n = 3 WHERE n = 4")));
                QVERIFY(raw.exec(QStringLiteral("UPDATE audit SET n = 4 WHERE n = -1")));
            } else if (how == QLatin1String("appended")) {
                auto e = AuditChain::decode(
                    raw.value(QStringLiteral("SELECT entry FROM audit WHERE n = 2")).toByteArray());
                QVERIFY(e.ok());
                e->n = quint64(count + 1);
                const QByteArray bytes = *AuditChain::encode(*e);
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO audit(n, entry, hash) VALUES(?, ?, ?)"),
                                 {count + 1, bytes, AuditChain::link(AuditChain::genesis(), bytes)}));
            } else {
                // Removing the newest entry leaves a shorter chain that holds:
                // only a head kept elsewhere shows it (docs/audit-and-accounts.md).
                QVERIFY(raw.exec(QStringLiteral("DELETE FROM audit WHERE n = ?"), {count}));
            }
        }
        const Run r = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), copy});
        if (entry < 0) {
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.lastLine().startsWith(QStringLiteral("entries %1 head ").arg(count - 1)));
            return;
        }
        const qint64 at = entry == 0 ? count + 1 : entry;
        QVERIFY2(r.exitCode == 1, r.out.constData());
        QVERIFY2(r.out.contains(QStringLiteral("broken at %1 ").arg(at).toUtf8()), r.out.constData());
        QVERIFY2(r.err.contains(QStringLiteral("entry %1").arg(at).toUtf8()), r.err.constData());
    }
};

QTEST_MAIN(TestRecordsCli) // the demo desk draws its certificates: fonts need a Gui application
#include "test_records_cli.moc"
