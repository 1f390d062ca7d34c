// Issue 19 item 2: on an enrolled desk, `case decide --outcome released` and
// `case escalate` make their message through kpdesk-cli (they crashed: the
// maker outlived the factory it pointed into). Real processes, the demo desk
// enrolled by the demo PKI.
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

} // namespace

class TestCaseMessagesCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QString m_pki;
    QMap<QString, QString> m_text;

    QStringList db() const { return {QStringLiteral("--db"), m_db}; }

    CliRun signedIn(const QString& command, const QString& user, const QStringList& rest,
                    const QByteArray& input = Password + '\n')
    {
        return runCli(QStringList{command} + db() + QStringList{QStringLiteral("--user"), user} + rest,
                      {.input = input});
    }

    QString flag(const QString& sample)
    {
        const CliRun r = signedIn(QStringLiteral("flag"), QStringLiteral("olga"),
                                  {QStringLiteral("--text"), m_text[sample], QStringLiteral("--reason"),
                                   QStringLiteral("value far too low")});
        if (r.exitCode != 0)
            qWarning() << r.said();
        return r.lastLine();
    }

    QJsonArray messages()
    {
        const CliRun r = runCli(QStringList{QStringLiteral("outbox")} + db() +
                                QStringList{QStringLiteral("list"), QStringLiteral("--json")});
        return r.json().value(QStringLiteral("messages")).toArray();
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
        m_pki = desk->pkiDir;
        for (const DemoSample& s : desk->samples)
            m_text.insert(s.key, s.text);
        QVERIFY(m_text.contains(QStringLiteral("low-value")));

        const CliRun admin =
            runCli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                       QStringList{QStringLiteral("--name"), QStringLiteral("ada"), QStringLiteral("--role"),
                                   QStringLiteral("administrator")},
                   {.input = Password + '\n'});
        QVERIFY2(admin.exitCode == 0, admin.said());
        for (const auto& [name, role] : {std::pair{"olga", "officer"}, std::pair{"sam", "supervisor"}}) {
            const CliRun r =
                signedIn(QStringLiteral("users"), QStringLiteral("ada"),
                         {QStringLiteral("add"), QStringLiteral("--name"), QString::fromLatin1(name),
                          QStringLiteral("--role"), QString::fromLatin1(role)},
                         Password + '\n' + Password + '\n');
            QVERIFY2(r.exitCode == 0, r.said());
        }

        // Enrol the desk with the demo authority.
        const QString csr = m_dir.filePath(QStringLiteral("desk.csr.pem"));
        const QString cert = m_dir.filePath(QStringLiteral("desk.cert.pem"));
        CliRun r = runCli(QStringList{QStringLiteral("enrol")} + db() +
                          QStringList{QStringLiteral("--desk-id"), QStringLiteral("EU-ANR-07"),
                                      QStringLiteral("--csr-out"), csr});
        QVERIFY2(r.exitCode == 0, r.said());
        r = runCli({QStringLiteral("authority"), QStringLiteral("enrol"), QStringLiteral("--pki"), m_pki,
                    QStringLiteral("--csr"), csr, QStringLiteral("--out"), cert});
        QVERIFY2(r.exitCode == 0, r.said());
        r = runCli(QStringList{QStringLiteral("enrol")} + db() +
                   QStringList{QStringLiteral("--install"), cert});
        QVERIFY2(r.exitCode == 0, r.said());
        QCOMPARE(messages().size(), 0);
    }

    void decideReleasedMakesTheConfirmation()
    {
        const QString id = flag(QStringLiteral("low-value"));
        QVERIFY(!id.isEmpty());
        CliRun r = signedIn(QStringLiteral("case"), QStringLiteral("sam"), {QStringLiteral("take"), id});
        QVERIFY2(r.exitCode == 0, r.said());
        r = signedIn(QStringLiteral("case"), QStringLiteral("sam"),
                     {QStringLiteral("decide"), id, QStringLiteral("--outcome"), QStringLiteral("released"),
                      QStringLiteral("--reason"), QStringLiteral("valuation confirmed")});
        QVERIFY2(r.exitCode == 0, r.said());
        const QJsonArray all = messages();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0][QStringLiteral("kind")].toString(), QStringLiteral("confirmation"));
    }

    void escalateMakesTheDoubt()
    {
        const QString id = flag(QStringLiteral("low-value"));
        QVERIFY(!id.isEmpty());
        CliRun r = signedIn(QStringLiteral("case"), QStringLiteral("sam"), {QStringLiteral("take"), id});
        QVERIFY2(r.exitCode == 0, r.said());
        r = signedIn(QStringLiteral("case"), QStringLiteral("sam"),
                     {QStringLiteral("decide"), id, QStringLiteral("--outcome"), QStringLiteral("detained"),
                      QStringLiteral("--reason"), QStringLiteral("valuation needed")});
        QVERIFY2(r.exitCode == 0, r.said());
        r = signedIn(QStringLiteral("case"), QStringLiteral("sam"), {QStringLiteral("escalate"), id});
        QVERIFY2(r.exitCode == 0, r.said());
        QVERIFY(r.out.contains("outbox"));
        const QJsonArray all = messages();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[1][QStringLiteral("kind")].toString(), QStringLiteral("doubt"));
        QCOMPARE(all[1][QStringLiteral("case")].toString(), id);
        QVERIFY(all[1][QStringLiteral("pdf")].toBool());
        QCOMPARE(runCli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + db()).exitCode, 0);
    }
};

QTEST_MAIN(TestCaseMessagesCli) // the demo desk draws its certificates: fonts need a Gui application
#include "test_case_messages_cli.moc"
