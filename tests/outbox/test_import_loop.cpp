// The loop of the outbox issue, end to end with kpdesk-cli and a real nginx
// (WebDAV PUT behind TLS and client-certificate checks) on loopback: desk A
// releases certificate X and confirms the import; `outbox send` delivers it;
// the authority takes it (`authority inbox`) and publishes the next bundle
// (`authority bundle --ledger`); desk B syncs, and X scanned at desk B is in
// doubt: "already imported elsewhere".
#include "CliRun.h"
#include "Nginx.h"
#include "TestSupport.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";

using Run = kp::test::CliRun;

Run cli(const QStringList& args, const QByteArray& input = {})
{
    return kp::test::runCli(args, {.input = input});
}

QJsonObject check(const QJsonObject& verification, const QString& name)
{
    for (const QJsonValue& v : verification.value(QStringLiteral("checks")).toArray())
        if (v[QStringLiteral("check")].toString() == name)
            return v.toObject();
    return {};
}

} // namespace

class TestImportLoop : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        QVERIFY2(!Nginx::nginxPath().isEmpty(),
                 "nginx is needed (Debian package nginx-light); ./dev.sh installs it");
    }

    void confirmedAtOneDeskUsedAtAnother()
    {
        const QString pki = path(QStringLiteral("pki"));
        Run r = cli({QStringLiteral("authority"), QStringLiteral("pki"), QStringLiteral("--out"), pki,
                     QStringLiteral("--home"), QStringLiteral("EU"), QStringLiteral("--issuer"),
                     QStringLiteral("BW"), QStringLiteral("--issuer"), QStringLiteral("EU")});
        QVERIFY2(r.exitCode == 0, r.said());
        const QDate today = QDate::currentDate();
        const QJsonObject record{
            {QStringLiteral("v"), 1},
            {QStringLiteral("no"), QStringLiteral("BW-2026-000001")},
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
        QFile json(path(QStringLiteral("x.json")));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(QJsonDocument(record).toJson());
        json.close();
        const QString cose = path(QStringLiteral("x.cose"));
        r = cli({QStringLiteral("authority"), QStringLiteral("issue"), QStringLiteral("--pki"), pki,
                 QStringLiteral("--in"), json.fileName(), QStringLiteral("--out"), cose});
        QVERIFY2(r.exitCode == 0, r.said());
        const QString first = path(QStringLiteral("full-1.kpsync"));
        r = cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pki,
                 QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--participants"),
                 QStringLiteral("demo"), QStringLiteral("--keys"), QStringLiteral("--cert"), cose,
                 QStringLiteral("--out"), first});
        QVERIFY2(r.exitCode == 0, r.said());

        // Two desks of EU on the same data.
        const QString deskA = path(QStringLiteral("a.sqlite"));
        const QString deskB = path(QStringLiteral("b.sqlite"));
        for (const QString& db : {deskA, deskB}) {
            r = cli({QStringLiteral("init"), QStringLiteral("--db"), db, QStringLiteral("--participant"),
                     QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                     pki + QStringLiteral("/bundle-cert.pem")});
            QVERIFY2(r.exitCode == 0, r.said());
            r = cli({QStringLiteral("sync"), QStringLiteral("--db"), db, first});
            QVERIFY2(r.exitCode == 0, r.said());
        }
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), deskB, QStringLiteral("--json"),
                 QStringLiteral("--text"), QStringLiteral("BW-2026-000001")});
        QCOMPARE(check(r.json(), QStringLiteral("duplicate")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("pass"));

        // Desk A is enrolled with its home authority.
        const QString csr = path(QStringLiteral("a.csr.pem"));
        const QString cert = path(QStringLiteral("a.cert.pem"));
        r = cli({QStringLiteral("enrol"), QStringLiteral("--db"), deskA, QStringLiteral("--desk-id"),
                 QStringLiteral("EU-ANR-01"), QStringLiteral("--csr-out"), csr});
        QVERIFY2(r.exitCode == 0, r.said());
        r = cli({QStringLiteral("authority"), QStringLiteral("enrol"), QStringLiteral("--pki"), pki,
                 QStringLiteral("--csr"), csr, QStringLiteral("--out"), cert});
        QVERIFY2(r.exitCode == 0, r.said());
        r = cli({QStringLiteral("enrol"), QStringLiteral("--db"), deskA, QStringLiteral("--install"), cert});
        QVERIFY2(r.exitCode == 0, r.said());

        // An officer releases X at desk A: the confirmation waits in the outbox.
        r = cli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--db"), deskA,
                 QStringLiteral("--name"), QStringLiteral("ada"), QStringLiteral("--role"),
                 QStringLiteral("administrator")},
                Password + '\n');
        QVERIFY2(r.exitCode == 0, r.said());
        r = cli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--db"), deskA,
                 QStringLiteral("--user"), QStringLiteral("ada"), QStringLiteral("--name"),
                 QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("officer")},
                Password + '\n' + Password + '\n');
        QVERIFY2(r.exitCode == 0, r.said());
        r = cli({QStringLiteral("release"), QStringLiteral("--db"), deskA, QStringLiteral("--user"),
                 QStringLiteral("olga"), QStringLiteral("--text"), QStringLiteral("BW-2026-000001"),
                 QStringLiteral("--parcels"), QStringLiteral("3"), QStringLiteral("--mass"),
                 QStringLiteral("1520.35"), QStringLiteral("--seals-intact"),
                 QStringLiteral("--importer-matches")},
                Password + '\n');
        QVERIFY2(r.exitCode == 0, r.said());
        QVERIFY2(r.out.contains("RELEASED"), r.said());
        r = cli({QStringLiteral("outbox"), QStringLiteral("--db"), deskA, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray messages = r.json().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.at(0)[QStringLiteral("kind")].toString(), QStringLiteral("confirmation"));
        QCOMPARE(messages.at(0)[QStringLiteral("state")].toString(), QStringLiteral("waiting"));
        const QString file = messages.at(0)[QStringLiteral("file")].toString();
        QCOMPARE(file, QStringLiteral("EU-ANR-01-00000001-confirmation.kpmsg"));

        // The authority's intake: nginx, TLS, only desks its CA enrolled may PUT.
        const QString tls = path(QStringLiteral("tls"));
        QVERIFY(makeServerTls(tls));
        const QString site = path(QStringLiteral("site"));
        QVERIFY(QDir().mkpath(site + QStringLiteral("/intake")));
        Nginx nginx(path(QStringLiteral("nginx")), site, tls + QStringLiteral("/server.pem"),
                    tls + QStringLiteral("/server.key"),
                    QStringLiteral("ssl_client_certificate %1/issuers/EU/ca-cert.pem; ssl_verify_client on;\n"
                                   "    location /intake/ { dav_methods PUT; client_max_body_size 20m; }")
                        .arg(pki));
        QVERIFY2(nginx.running(), qPrintable(nginx.output()));
        r = cli({QStringLiteral("settings"), QStringLiteral("--db"), deskA, QStringLiteral("--user"),
                 QStringLiteral("ada"), QStringLiteral("--outbox-intake"),
                 nginx.url(QStringLiteral("https")) + QStringLiteral("intake/"),
                 QStringLiteral("--outbox-ca"), tls + QStringLiteral("/ca.pem"),
                 QStringLiteral("--outbox-proxy"), QStringLiteral("none")},
                Password + '\n');
        QVERIFY2(r.exitCode == 0, r.said());
        r = cli({QStringLiteral("outbox"), QStringLiteral("send"), QStringLiteral("--db"), deskA});
        QVERIFY2(r.exitCode == 0, r.said());
        QVERIFY(QFile::exists(site + QStringLiteral("/intake/") + file));
        r = cli({QStringLiteral("outbox"), QStringLiteral("--db"), deskA, QStringLiteral("--json")});
        QCOMPARE(
            r.json().value(QStringLiteral("messages")).toArray().at(0)[QStringLiteral("state")].toString(),
            QStringLiteral("delivered"));

        // The authority takes it, and its next bundle says X was used.
        const QString ledger = path(QStringLiteral("ledger.sqlite"));
        r = cli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--ca"),
                 pki + QStringLiteral("/issuers/EU/ca-cert.pem"), QStringLiteral("--pki"), pki,
                 QStringLiteral("--ledger"), ledger, QStringLiteral("--json"),
                 site + QStringLiteral("/intake")});
        QVERIFY2(r.exitCode == 0, r.said());
        QCOMPARE(r.json().value(QStringLiteral("taken")).toInt(), 1);
        const QString second = path(QStringLiteral("full-2.kpsync"));
        r = cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pki,
                 QStringLiteral("--seq"), QStringLiteral("2"), QStringLiteral("--participants"),
                 QStringLiteral("demo"), QStringLiteral("--keys"), QStringLiteral("--cert"), cose,
                 QStringLiteral("--ledger"), ledger, QStringLiteral("--out"), second});
        QVERIFY2(r.exitCode == 0, r.said());

        // Desk B syncs: X is in doubt there, "already imported elsewhere".
        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), deskB, second});
        QVERIFY2(r.exitCode == 0, r.said());
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), deskB, QStringLiteral("--json"),
                 QStringLiteral("--text"), QStringLiteral("BW-2026-000001")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("doubt"));
        const QJsonObject duplicate = check(r.json(), QStringLiteral("duplicate"));
        QCOMPARE(duplicate.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
        QVERIFY2(duplicate.value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("already imported elsewhere")),
                 qPrintable(duplicate.value(QStringLiteral("detail")).toString()));

        // A desk the authority did not enrol cannot even hand a message in.
        r = cli({QStringLiteral("outbox"), QStringLiteral("send"), QStringLiteral("--db"), deskB});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("enrol"), r.said());
    }
};

QTEST_GUILESS_MAIN(TestImportLoop)
#include "test_import_loop.moc"
