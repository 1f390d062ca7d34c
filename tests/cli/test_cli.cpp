// End-to-end runs of kpdesk-cli, as a customs IT script or an authority would
// use it: make a PKI, issue and print certificates, publish bundles, set up a
// desk, sync, verify images and texts, and read the exit statuses.
#include "CliRun.h"
#include "TestSupport.h"

#include <QBuffer>
#include <QDate>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace kp::test;

namespace {

using Run = kp::test::CliRun;

Run cli(const QStringList& args, const QString& locale = {})
{
    std::optional<QProcessEnvironment> env;
    if (!locale.isEmpty()) {
        env = QProcessEnvironment::systemEnvironment();
        env->insert(QStringLiteral("LC_ALL"), locale);
    }
    return kp::test::runCli(args, {.environment = env});
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

QByteArray recordJson(const QString& number, const QDate& issued,
                      const QString& destination = QStringLiteral("EU"))
{
    QJsonObject rec{
        {QStringLiteral("v"), 1},
        {QStringLiteral("no"), number},
        {QStringLiteral("iss"), number.left(2)},
        {QStringLiteral("auth"), QStringLiteral("Government Diamond Valuator, Gaborone")},
        {QStringLiteral("di"), issued.toString(Qt::ISODate)},
        {QStringLiteral("de"), issued.addDays(60).toString(Qt::ISODate)},
        {QStringLiteral("org"), QJsonArray{number.left(2)}},
        {QStringLiteral("exp"),
         QJsonObject{{QStringLiteral("n"), QStringLiteral("Okavango Rough Exports (Pty) Ltd")},
                     {QStringLiteral("a"), QStringLiteral("Plot 64, Gaborone")}}},
        {QStringLiteral("imp"),
         QJsonObject{{QStringLiteral("n"), QStringLiteral("Schelde Rough NV")},
                     {QStringLiteral("a"), QStringLiteral("Hoveniersstraat 22, Antwerpen")}}},
        {QStringLiteral("dst"), destination},
        {QStringLiteral("lots"), QJsonArray{QJsonObject{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                                        {QStringLiteral("cct"), 152035},
                                                        {QStringLiteral("usd"), 41200000}}}},
        {QStringLiteral("np"), 3},
        {QStringLiteral("seals"), QJsonArray{QStringLiteral("GDV-88231")}},
    };
    return QJsonDocument(rec).toJson();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString db() const { return path(QStringLiteral("desk.sqlite")); }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        // An authority (BW issuing, EU publishing) and its certificates.
        Run r = cli({QStringLiteral("authority"), QStringLiteral("pki"), QStringLiteral("--out"),
                     path(QStringLiteral("pki")), QStringLiteral("--home"), QStringLiteral("EU"),
                     QStringLiteral("--issuer"), QStringLiteral("BW"), QStringLiteral("--issuer"),
                     QStringLiteral("NA:eddsa")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QDate today = QDate::currentDate();
        writeFile(path(QStringLiteral("good.json")),
                  recordJson(QStringLiteral("BW-2026-000001"), today.addDays(-1)));
        writeFile(path(QStringLiteral("old.json")),
                  recordJson(QStringLiteral("BW-2026-000002"), today.addDays(-70)));
        for (const QString& name : {QStringLiteral("good"), QStringLiteral("old")}) {
            r = cli({QStringLiteral("authority"), QStringLiteral("issue"), QStringLiteral("--pki"),
                     path(QStringLiteral("pki")), QStringLiteral("--in"),
                     path(name + QStringLiteral(".json")), QStringLiteral("--out"),
                     path(name + QStringLiteral(".cose")), QStringLiteral("--kp1"),
                     path(name + QStringLiteral(".txt"))});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        r = cli({QStringLiteral("authority"), QStringLiteral("render"), QStringLiteral("--in"),
                 path(QStringLiteral("good.cose")), QStringLiteral("--out"),
                 path(QStringLiteral("good-qr.png"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("authority"), QStringLiteral("render"), QStringLiteral("--in"),
                 path(QStringLiteral("good.cose")), QStringLiteral("--symbology"),
                 QStringLiteral("datamatrix"), QStringLiteral("--out"), path(QStringLiteral("good-dm.png"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        writeFile(path(QStringLiteral("revoked.json")),
                  R"([{"no": "BW-2026-000009", "st": "stolen", "at": "2026-11-01", "by": "BW"}])");
        writeFile(path(QStringLiteral("rules.json")), R"({"max_validity_days": 60})");
        r = cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"),
                 path(QStringLiteral("pki")), QStringLiteral("--seq"), QStringLiteral("1"),
                 QStringLiteral("--participants"), QStringLiteral("demo"), QStringLiteral("--keys"),
                 QStringLiteral("--cert"), path(QStringLiteral("good.cose")), QStringLiteral("--rules"),
                 path(QStringLiteral("rules.json")), QStringLiteral("--out"),
                 path(QStringLiteral("full-1.kpsync"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"),
                 path(QStringLiteral("pki")), QStringLiteral("--seq"), QStringLiteral("2"),
                 QStringLiteral("--base"), QStringLiteral("1"), QStringLiteral("--revoked"),
                 path(QStringLiteral("revoked.json")), QStringLiteral("--out"),
                 path(QStringLiteral("delta-2.kpsync"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void helpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        for (const char* c : {"init", "sync", "sources", "status", "verify", "decode", "demo"})
            QTest::newRow(c) << QStringList{QString::fromLatin1(c), QStringLiteral("--help")};
        for (const char* c : {"pki", "issue", "render", "bundle", "publish"})
            QTest::newRow(c) << QStringList{QStringLiteral("authority"), QString::fromLatin1(c),
                                            QStringLiteral("--help")};
        QTest::newRow("top") << QStringList{QStringLiteral("--help")};
        QTest::newRow("authority") << QStringList{QStringLiteral("authority"), QStringLiteral("--help")};
    }
    void helpForEveryCommand()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Usage: kpdesk-cli"), r.out.constData());
    }

    void usageErrorsExitWithFour_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("status"), QStringLiteral("--bogus")};
        QTest::newRow("verify nothing")
            << QStringList{QStringLiteral("verify"), QStringLiteral("--db"), db()};
        QTest::newRow("bad date") << QStringList{
            QStringLiteral("verify"),        QStringLiteral("--db"),     db(),
            QStringLiteral("--at"),          QStringLiteral("tomorrow"), QStringLiteral("--text"),
            QStringLiteral("BW-2026-000001")};
        QTest::newRow("missing desk") << QStringList{QStringLiteral("status"), QStringLiteral("--db"),
                                                     QStringLiteral("/nonexistent/desk.sqlite")};
        QTest::newRow("init without key")
            << QStringList{QStringLiteral("init"), QStringLiteral("--db"), QStringLiteral("/tmp/x.sqlite"),
                           QStringLiteral("--participant"), QStringLiteral("EU")};
    }
    void usageErrorsExitWithFour()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!r.err.isEmpty());
    }

    void deskLifecycle()
    {
        // init
        Run r = cli({QStringLiteral("init"), QStringLiteral("--db"), db(), QStringLiteral("--participant"),
                     QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                     path(QStringLiteral("pki/bundle-cert.pem"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("status"), QStringLiteral("--db"), db(), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("seq")).toInt(), 0);
        QCOMPARE(r.json().value(QStringLiteral("participant")).toString(), QStringLiteral("EU"));

        // Before any sync a genuine certificate cannot be vouched for.
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                 path(QStringLiteral("good-qr.png"))});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("doubt"));

        // A delta cannot come first.
        r = cli(
            {QStringLiteral("sync"), QStringLiteral("--db"), db(), path(QStringLiteral("delta-2.kpsync"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());

        // A tampered bundle is refused and changes nothing.
        QByteArray bundle;
        {
            QFile f(path(QStringLiteral("full-1.kpsync")));
            QVERIFY(f.open(QIODevice::ReadOnly));
            bundle = f.readAll();
        }
        QByteArray tampered = bundle;
        tampered[tampered.size() - 10] = char(tampered[tampered.size() - 10] ^ 0x01);
        writeFile(path(QStringLiteral("tampered.kpsync")), tampered);
        r = cli(
            {QStringLiteral("sync"), QStringLiteral("--db"), db(), path(QStringLiteral("tampered.kpsync"))});
        QCOMPARE(r.exitCode, 1);
        r = cli({QStringLiteral("status"), QStringLiteral("--db"), db(), QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("seq")).toInt(), 0);
        QVERIFY(!r.json().value(QStringLiteral("lastError")).toString().isEmpty());

        // Full, then delta.
        r = cli(
            {QStringLiteral("sync"), QStringLiteral("--db"), db(), path(QStringLiteral("full-1.kpsync"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli(
            {QStringLiteral("sync"), QStringLiteral("--db"), db(), path(QStringLiteral("delta-2.kpsync"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Replaying the full bundle is refused.
        r = cli(
            {QStringLiteral("sync"), QStringLiteral("--db"), db(), path(QStringLiteral("full-1.kpsync"))});
        QCOMPARE(r.exitCode, 1);

        r = cli({QStringLiteral("status"), QStringLiteral("--db"), db(), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject status = r.json();
        QCOMPARE(status.value(QStringLiteral("seq")).toInt(), 2);
        QCOMPARE(status.value(QStringLiteral("stale")).toBool(), false);
        QCOMPARE(status[QStringLiteral("counts")][QStringLiteral("certs")].toInt(), 1);
        QCOMPARE(status[QStringLiteral("counts")][QStringLiteral("signers")].toInt(), 2);
        QCOMPARE(status[QStringLiteral("counts")][QStringLiteral("revoked")].toInt(), 1);
        QVERIFY(status[QStringLiteral("counts")][QStringLiteral("participants")].toInt() >= 60);
        r = cli({QStringLiteral("status"), QStringLiteral("--db"), db()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("EU"));

        // Verdicts: QR and Data Matrix images, KP1 text, plain number.
        for (const QString& image : {QStringLiteral("good-qr.png"), QStringLiteral("good-dm.png")}) {
            r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                     path(image)});
            QVERIFY2(r.exitCode == 0, r.out.constData());
            const QJsonObject json = r.json();
            QCOMPARE(json.value(QStringLiteral("verdict")).toString(), QStringLiteral("accept"));
            QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("KP1"));
            QCOMPARE(json[QStringLiteral("certificate")][QStringLiteral("no")].toString(),
                     QStringLiteral("BW-2026-000001"));
            QCOMPARE(json.value(QStringLiteral("checks")).toArray().size(), 12);
        }
        QFile kp1File(path(QStringLiteral("good.txt")));
        QVERIFY(kp1File.open(QIODevice::ReadOnly));
        const QString kp1 = QString::fromLatin1(kp1File.readAll());
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--text"), kp1});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("ACCEPT"));
        QVERIFY(r.out.contains("signature"));
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                 QStringLiteral("--text"), QStringLiteral("BW-2026-000001")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("source")).toString(), QStringLiteral("number"));

        // Reject: expired at a later date; number unknown; revoked in the delta; garbage text.
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--at"),
                 QDate::currentDate().addDays(90).toString(Qt::ISODate), QStringLiteral("--text"), kp1});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--text"),
                 QStringLiteral("BW-2026-000404")});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--text"),
                 QStringLiteral("BW-2026-000009")});
        QCOMPARE(r.exitCode, 2);
        // A typing mistake is no verdict: nothing to verify, nothing recorded.
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                 QStringLiteral("--record"), QStringLiteral("--text"), QStringLiteral("hello world 123!")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json().value(QStringLiteral("verdict")).type(), QJsonValue::Null);
        QVERIFY2(r.json()
                     .value(QStringLiteral("error"))
                     .toString()
                     .startsWith(QStringLiteral("Not a certificate: check what you typed")),
                 r.out.constData());
        QVERIFY2(r.err.contains("Not a certificate"), r.err.constData());

        // --record logs the scans, but checking again is no re-use (a release is).
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--record"),
                 path(QStringLiteral("good-qr.png"))});
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), QStringLiteral("--record"),
                 QStringLiteral("--json"), path(QStringLiteral("good-qr.png"))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("accept"));
    }

    void nothingToVerifyExitsWithThree_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty file") << QByteArray();
        QTest::newRow("text file") << QByteArray("this is not an image\n");
        QTest::newRow("truncated png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
        QImage blank(400, 300, QImage::Format_RGB32);
        blank.fill(Qt::white);
        QByteArray png;
        {
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            blank.save(&buffer, "PNG");
        }
        QTest::newRow("no barcode") << png;
    }
    void nothingToVerifyExitsWithThree()
    {
        QFETCH(QByteArray, content);
        const QString image = path(QStringLiteral("input.png"));
        writeFile(image, content);
        const Run r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db(), image});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(!r.out.contains("ACCEPT"));
    }

    void decodeListsEveryBarcode()
    {
        Run r = cli({QStringLiteral("decode"), QStringLiteral("--json"), path(QStringLiteral("good-qr.png")),
                     path(QStringLiteral("good-dm.png"))});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray files = r.json().value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0][QStringLiteral("barcodes")][0][QStringLiteral("symbology")].toString(),
                 QStringLiteral("QR Code"));
        QVERIFY(files[0][QStringLiteral("barcodes")][0][QStringLiteral("text")].toString().startsWith(
            QStringLiteral("KP1:")));
        QCOMPARE(files[1][QStringLiteral("barcodes")][0][QStringLiteral("symbology")].toString(),
                 QStringLiteral("Data Matrix"));
        r = cli({QStringLiteral("decode"), path(QStringLiteral("good-qr.png"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("KP1:"));
    }

    void demoDeskGivesExpectedVerdicts()
    {
        const Run r = cli({QStringLiteral("demo"), QStringLiteral("--dir"), path(QStringLiteral("demo"))});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains("DEMO"));
        QVERIFY(r.out.contains("ACCEPT"));
        QVERIFY(r.out.contains("REJECT"));
        QVERIFY(r.out.contains("DOUBT"));
    }

    // With a French locale the command line speaks French, check reasons too;
    // --json keeps its stable keys and verdict names.
    void frenchLocaleGivesFrenchMessages()
    {
        const QString demo = path(QStringLiteral("demo-fr"));
        Run r = cli({QStringLiteral("demo"), QStringLiteral("--dir"), demo}, QStringLiteral("fr_FR.UTF-8"));
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QStringLiteral("DÉMO")), r.out.constData());
        QVERIFY(text.contains(QStringLiteral("ACCEPTÉ")));
        QVERIFY(text.contains(QStringLiteral("REFUSÉ")));
        QVERIFY(!text.contains(QStringLiteral("ACCEPT:")));
        // Status codes from the authorities' data are shown in French too.
        QVERIFY2(text.contains(QStringLiteral("Révoqué (volé)")), r.out.constData());

        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), demo + QStringLiteral("/desk.sqlite"),
                 QStringLiteral("--text"), QStringLiteral("XX-1")},
                QStringLiteral("fr_FR.UTF-8"));
        QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral("Non vérifié")), r.out.constData());
    }

    // An administrator publishes a folder (for a USB stick or a web server),
    // configures it once at a desk, then syncs without naming it.
    void publishThenSyncFromConfiguredFolder()
    {
        const QString demo = path(QStringLiteral("demo-publish"));
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--dir"), demo}).exitCode, 0);
        const QString site = path(QStringLiteral("usb-stick"));
        Run r = cli({QStringLiteral("authority"), QStringLiteral("publish"), QStringLiteral("--pki"),
                     demo + QStringLiteral("/pki"), QStringLiteral("--out"), site,
                     demo + QStringLiteral("/bundles/EU-full-1.kpsync"),
                     demo + QStringLiteral("/bundles/EU-delta-1-2.kpsync")});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(QFile::exists(site + QStringLiteral("/index")));

        const QString db = path(QStringLiteral("configured.sqlite"));
        r = cli({QStringLiteral("init"), QStringLiteral("--db"), db, QStringLiteral("--participant"),
                 QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                 demo + QStringLiteral("/pki/bundle-cert.pem"), QStringLiteral("--source"), site});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        r = cli({QStringLiteral("sources"), QStringLiteral("--db"), db});
        QCOMPARE(r.out.trimmed(), site.toUtf8());

        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains("seq 2"));
        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Already current"), r.out.constData());

        const QJsonObject status =
            cli({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--json")}).json();
        QCOMPARE(status.value(QStringLiteral("seq")).toInteger(), 2);
        QVERIFY(!status.value(QStringLiteral("lastSync")).toString().isEmpty());
        QCOMPARE(status.value(QStringLiteral("lastError")).toString(), QString());

        // A source that fails: a clear reason and a non-zero exit, the attempt noted.
        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), db, path(QStringLiteral("no-such-folder"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no-such-folder"));
    }
};

QTEST_MAIN(TestCli)
#include "test_cli.moc"
