// Issue 19 item 2: on an enrolled desk, `case decide --outcome released` and
// `case escalate` make their message through kpdesk-cli (they crashed: the
// maker outlived the factory it pointed into). Real processes, a desk of EU
// enrolled with its authority.
#include "CliRun.h"
#include "TestSupport.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";
const QString Number = QStringLiteral("BW-2026-000001");

} // namespace

class TestCaseMessagesCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QString m_pki;

    QStringList db() const { return {QStringLiteral("--db"), m_db}; }

    CliRun signedIn(const QString& command, const QString& user, const QStringList& rest,
                    const QByteArray& input = Password + '\n')
    {
        return runCli(QStringList{command} + db() + QStringList{QStringLiteral("--user"), user} + rest,
                      {.input = input});
    }

    QString flag()
    {
        const CliRun r = signedIn(QStringLiteral("flag"), QStringLiteral("olga"),
                                  {QStringLiteral("--text"), Number, QStringLiteral("--reason"),
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
        // A PKI of EU (home, with its authority CA) and BW, one certificate of BW.
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        CliRun r = runCli({QStringLiteral("authority"), QStringLiteral("pki"), QStringLiteral("--out"), m_pki,
                           QStringLiteral("--home"), QStringLiteral("EU"), QStringLiteral("--issuer"),
                           QStringLiteral("BW"), QStringLiteral("--issuer"), QStringLiteral("EU")});
        QVERIFY2(r.exitCode == 0, r.said());
        const QDate today = QDate::currentDate();
        const QJsonObject record{
            {QStringLiteral("v"), 1},
            {QStringLiteral("no"), Number},
            {QStringLiteral("iss"), QStringLiteral("BW")},
            {QStringLiteral("auth"), QStringLiteral("Government Diamond Valuator, Gaborone")},
            {QStringLiteral("di"), today.addDays(-1).toString(Qt::ISODate)},
            {QStringLiteral("de"), today.addDays(59).toString(Qt::ISODate)},
            {QStringLiteral("org"), QJsonArray{QStringLiteral("BW")}},
            {QStringLiteral("exp"),
             QJsonObject{{QStringLiteral("n"), QStringLiteral("Okavango Rough Exports")},
                         {QStringLiteral("a"), QStringLiteral("Plot 64, Gaborone")}}},
            {QStringLiteral("imp"), QJsonObject{{QStringLiteral("n"), QStringLiteral("Schelde Rough NV")},
                                                {QStringLiteral("a"), QStringLiteral("Antwerpen")}}},
            {QStringLiteral("dst"), QStringLiteral("EU")},
            {QStringLiteral("lots"), QJsonArray{QJsonObject{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                                            {QStringLiteral("cct"), 152035},
                                                            {QStringLiteral("usd"), 41200000}}}},
            {QStringLiteral("np"), 3},
            {QStringLiteral("seals"), QJsonArray{QStringLiteral("GDV-88231")}}};
        QFile json(m_dir.filePath(QStringLiteral("x.json")));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(QJsonDocument(record).toJson());
        json.close();
        const QString cose = m_dir.filePath(QStringLiteral("x.cose"));
        r = runCli({QStringLiteral("authority"), QStringLiteral("issue"), QStringLiteral("--pki"), m_pki,
                    QStringLiteral("--in"), json.fileName(), QStringLiteral("--out"), cose});
        QVERIFY2(r.exitCode == 0, r.said());
        const QString bundle = m_dir.filePath(QStringLiteral("full-1.kpsync"));
        r = runCli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), m_pki,
                    QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--participants"),
                    QStringLiteral("demo"), QStringLiteral("--keys"), QStringLiteral("--cert"), cose,
                    QStringLiteral("--out"), bundle});
        QVERIFY2(r.exitCode == 0, r.said());
        m_db = m_dir.filePath(QStringLiteral("desk.sqlite"));
        r = runCli({QStringLiteral("init"), QStringLiteral("--db"), m_db, QStringLiteral("--participant"),
                    QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                    m_pki + QStringLiteral("/bundle-cert.pem")});
        QVERIFY2(r.exitCode == 0, r.said());
        r = runCli({QStringLiteral("sync"), QStringLiteral("--db"), m_db, bundle});
        QVERIFY2(r.exitCode == 0, r.said());

        const CliRun admin =
            runCli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                       QStringList{QStringLiteral("--name"), QStringLiteral("ada"), QStringLiteral("--role"),
                                   QStringLiteral("administrator")},
                   {.input = Password + '\n'});
        QVERIFY2(admin.exitCode == 0, admin.said());
        for (const auto& [name, role] : {std::pair{"olga", "officer"}, std::pair{"sam", "supervisor"}}) {
            const CliRun added =
                signedIn(QStringLiteral("users"), QStringLiteral("ada"),
                         {QStringLiteral("add"), QStringLiteral("--name"), QString::fromLatin1(name),
                          QStringLiteral("--role"), QString::fromLatin1(role)},
                         Password + '\n' + Password + '\n');
            QVERIFY2(added.exitCode == 0, added.said());
        }

        // Enrol the desk with the demo authority again, as EU-ANR-07 (the
        // demo desk comes enrolled as EU-DEMO-01): its administrator does it.
        const QString csr = m_dir.filePath(QStringLiteral("desk.csr.pem"));
        const QString cert = m_dir.filePath(QStringLiteral("desk.cert.pem"));
        r = signedIn(QStringLiteral("enrol"), QStringLiteral("ada"),
                     {QStringLiteral("--desk-id"), QStringLiteral("EU-ANR-07"), QStringLiteral("--csr-out"),
                      csr, QStringLiteral("--force")});
        QVERIFY2(r.exitCode == 0, r.said());
        r = runCli({QStringLiteral("authority"), QStringLiteral("enrol"), QStringLiteral("--pki"), m_pki,
                    QStringLiteral("--csr"), csr, QStringLiteral("--out"), cert});
        QVERIFY2(r.exitCode == 0, r.said());
        r = signedIn(QStringLiteral("enrol"), QStringLiteral("ada"), {QStringLiteral("--install"), cert});
        QVERIFY2(r.exitCode == 0, r.said());
        QCOMPARE(messages().size(), 0);
    }

    void decideReleasedMakesTheConfirmation()
    {
        const QString id = flag();
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
        const QString id = flag();
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
