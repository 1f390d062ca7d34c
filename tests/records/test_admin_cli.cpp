// Issue 19 items 10 and 11 through kpdesk-cli: administrative commands sign
// in as a named administrator (only the first account is made without); a
// password an administrator sets must be changed by its owner before that
// account decides anything (four eyes); look-alike and invisible names are
// refused; outside text is printed escaped.
#include "CliRun.h"
#include "TestSupport.h"
#include "authority/DemoDesk.h"
#include "util/Clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";
const QByteArray SetByAda = "ada chose this one for sam";
const QByteArray SamsOwn = "only sam knows this phrase";

} // namespace

class TestAdminCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QMap<QString, QString> m_text;

    QStringList db() const { return {QStringLiteral("--db"), m_db}; }

    CliRun users(const QStringList& rest, const QByteArray& input)
    {
        return runCli(QStringList{QStringLiteral("users")} + db() + rest, {.input = input});
    }

    CliRun as(const QString& command, const QString& user, const QStringList& rest,
              const QByteArray& password = Password)
    {
        return runCli(QStringList{command} + db() + QStringList{QStringLiteral("--user"), user} + rest,
                      {.input = password + '\n'});
    }

    CliRun add(const QString& name, const QString& role)
    {
        return users({QStringLiteral("add"), QStringLiteral("--user"), QStringLiteral("ada"),
                      QStringLiteral("--name"), name, QStringLiteral("--role"), role},
                     Password + '\n' + Password + '\n');
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
    }

    void onlyTheFirstAdministratorWithoutASignIn()
    {
        CliRun r = users({QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("sam"),
                          QStringLiteral("--role"), QStringLiteral("supervisor")},
                         Password + '\n');
        QCOMPARE(r.exitCode, 4); // the first account is an administrator
        r = users({QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("ada"),
                   QStringLiteral("--role"), QStringLiteral("administrator")},
                  Password + '\n');
        QVERIFY2(r.exitCode == 0, r.said());
        // Now every change signs in.
        r = users({QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("eve"),
                   QStringLiteral("--role"), QStringLiteral("administrator")},
                  Password + '\n');
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("--user"), r.said());
        r = users({QStringLiteral("add"), QStringLiteral("--user"), QStringLiteral("ada"),
                   QStringLiteral("--name"), QStringLiteral("eve"), QStringLiteral("--role"),
                   QStringLiteral("administrator")},
                  "not ada's password\n" + Password + '\n');
        QCOMPARE(r.exitCode, 1);
        for (const auto& [name, role] :
             {std::pair{"olga", "officer"}, std::pair{"sam", "supervisor"}, std::pair{"sue", "supervisor"}}) {
            r = add(QString::fromLatin1(name), QString::fromLatin1(role));
            QVERIFY2(r.exitCode == 0, r.said());
        }
        // A supervisor is no administrator.
        r = users({QStringLiteral("add"), QStringLiteral("--user"), QStringLiteral("sam"),
                   QStringLiteral("--name"), QStringLiteral("sam2"), QStringLiteral("--role"),
                   QStringLiteral("supervisor")},
                  Password + '\n' + Password + '\n');
        QCOMPARE(r.exitCode, 1);
        r = users({QStringLiteral("passwd"), QStringLiteral("--name"), QStringLiteral("sam")},
                  SetByAda + '\n');
        QCOMPARE(r.exitCode, 4);
        r = users({QStringLiteral("disable"), QStringLiteral("--name"), QStringLiteral("sue")}, {});
        QCOMPARE(r.exitCode, 4);
        const CliRun list = users({QStringLiteral("list"), QStringLiteral("--json")}, {});
        QCOMPARE(list.json().value(QStringLiteral("accounts")).toArray().size(), 4);
    }

    // Whom the desk believes and where it reports (its sync sources, its
    // enrolment, its office) is changed by a signed-in administrator, named
    // in the trail; nobody else, and not the bare command line.
    void whomTheDeskBelievesIsAnAdministratorsChange()
    {
        const auto sources = [this] {
            return runCli(QStringList{QStringLiteral("sources")} + db()).out.trimmed();
        };
        const QByteArray before = sources();
        QVERIFY(!before.isEmpty());
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere"));
        const QStringList setSources{QStringLiteral("--set"), elsewhere};
        const QStringList setOffice{QStringLiteral("--set"),
                                    QStringLiteral("postgresql://desk@office.invalid/kpoffice")};
        const QStringList enrol{QStringLiteral("--desk-id"), QStringLiteral("EU-DEMO-02"),
                                QStringLiteral("--csr-out"), m_dir.filePath(QStringLiteral("new.csr")),
                                QStringLiteral("--force")};
        for (const auto& [command, rest] :
             {std::pair{QStringLiteral("sources"), setSources},
              std::pair{QStringLiteral("office"), setOffice}, std::pair{QStringLiteral("enrol"), enrol}}) {
            CliRun r = runCli(QStringList{command} + db() + rest);
            QVERIFY2(r.exitCode == 1, r.said());
            QVERIFY2(r.err.contains("--user ADMIN"), r.said());
            r = as(command, QStringLiteral("olga"), rest); // an officer
            QVERIFY2(r.exitCode == 1, r.said());
            r = as(command, QStringLiteral("ada"), rest, "not ada's password");
            QVERIFY2(r.exitCode == 1, r.said());
        }
        QCOMPARE(sources(), before);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("new.csr"))));
        QVERIFY(runCli(QStringList{QStringLiteral("office"), QStringLiteral("--status"),
                                   QStringLiteral("--json")} +
                       db())
                    .json()
                    .value(QStringLiteral("url"))
                    .toString()
                    .isEmpty());

        CliRun r = as(QStringLiteral("sources"), QStringLiteral("ada"), setSources);
        QVERIFY2(r.exitCode == 0, r.said());
        QCOMPARE(sources(), elsewhere.toUtf8());
        r = as(QStringLiteral("office"), QStringLiteral("ada"), setOffice);
        QVERIFY2(r.exitCode == 0, r.said());

        const QString trail = m_dir.filePath(QStringLiteral("trail.cbor"));
        r = runCli(
            QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--out"), trail} +
            db());
        QVERIFY2(r.exitCode == 0, r.said());
        QFile file(trail);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray entries = file.readAll();
        QVERIFY(entries.contains("sources_set"));
        QVERIFY(entries.contains("office_set"));
        QVERIFY(entries.contains(elsewhere.toUtf8()));
    }

    // The administrator sets sam's password; sam's account then decides
    // nothing until sam has changed it.
    void aPasswordSetBySomeoneElseDecidesNothing()
    {
        const CliRun flagged = as(QStringLiteral("flag"), QStringLiteral("olga"),
                                  {QStringLiteral("--text"), m_text[QStringLiteral("low-value")],
                                   QStringLiteral("--reason"), QStringLiteral("value far too low")});
        QVERIFY2(flagged.exitCode == 0, flagged.said());
        const QString caseId = flagged.lastLine();

        CliRun r = users({QStringLiteral("passwd"), QStringLiteral("--user"), QStringLiteral("ada"),
                          QStringLiteral("--name"), QStringLiteral("sam")},
                         Password + '\n' + SetByAda + '\n');
        QVERIFY2(r.exitCode == 0, r.said());
        r = as(QStringLiteral("case"), QStringLiteral("sam"), {QStringLiteral("take"), caseId}, SetByAda);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("must change"), r.said());
        r = as(QStringLiteral("case"), QStringLiteral("sam"),
               {QStringLiteral("decide"), caseId, QStringLiteral("--outcome"), QStringLiteral("released"),
                QStringLiteral("--reason"), QStringLiteral("fine")},
               SetByAda);
        QCOMPARE(r.exitCode, 1);

        // Sam changes it: the current password, then the new one.
        r = users({QStringLiteral("passwd"), QStringLiteral("--user"), QStringLiteral("sam"),
                   QStringLiteral("--name"), QStringLiteral("sam")},
                  SetByAda + '\n' + SamsOwn + '\n');
        QVERIFY2(r.exitCode == 0, r.said());
        r = as(QStringLiteral("case"), QStringLiteral("sam"), {QStringLiteral("take"), caseId}, SamsOwn);
        QVERIFY2(r.exitCode == 0, r.said());
        QCOMPARE(runCli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + db()).exitCode, 0);
    }

    void lookAlikeAndInvisibleNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("why");
        QTest::newRow("Cyrillic dze") << QStringLiteral("ѕam") << QByteArray("looks like");
        QTest::newRow("Greek omicron") << QStringLiteral("οlga") << QByteArray("looks like");
        QTest::newRow("capitals") << QStringLiteral("SUE") << QByteArray("already");
        QTest::newRow("zero-width space") << QStringLiteral("s\u200Bam") << QByteArray("invisible");
        QTest::newRow("right-to-left override") << QStringLiteral("\u202Emas") << QByteArray("invisible");
        QTest::newRow("C1 control") << QStringLiteral("sa\u0085m") << QByteArray("invisible");
    }

    void lookAlikeAndInvisibleNamesAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, why);
        const CliRun r = add(name, QStringLiteral("supervisor"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(why), r.said());
        QVERIFY2(!r.err.contains('\x85') && !r.err.contains("\xe2\x80\xae"), r.said());
    }

    // A reason that would clear the terminal and fake a line is printed escaped.
    void outsideTextIsPrintedEscaped()
    {
        const QString reason = QStringLiteral("\x1b[2J\x1b[Hlow\nFAKE open HELD line\u202Eevil");
        const CliRun flagged = as(QStringLiteral("flag"), QStringLiteral("olga"),
                                  {QStringLiteral("--text"), m_text[QStringLiteral("bw-genuine")],
                                   QStringLiteral("--reason"), reason});
        QVERIFY2(flagged.exitCode == 0, flagged.said());
        const CliRun r = runCli(QStringList{QStringLiteral("cases")} + db());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains('\x1b'), r.said());
        QVERIFY(!r.out.contains("\xe2\x80\xae"));
        for (const QByteArray& line : r.out.split('\n'))
            QVERIFY2(!line.startsWith("FAKE"), line.constData());
        QVERIFY2(r.out.contains("\\x1b[2J\\x1b[Hlow\\x0aFAKE open HELD line\\u{202e}evil"), r.said());
    }
};

QTEST_MAIN(TestAdminCli) // the demo desk draws its certificates: fonts need a Gui application
#include "test_admin_cli.moc"
