// The outbox delivered as kp-outbox.md says, to a real nginx on loopback
// (WebDAV PUT behind TLS and client-certificate checks, with CAs made here),
// and to a folder; every failure leaves the message waiting with its reason.
#include "Nginx.h"
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "outbox/MessageFactory.h"
#include "outbox/OutboxDelivery.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

const QString Password = QStringLiteral("correct horse battery");

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return makeError(QStringLiteral("test.write"), path);
    return success();
}

} // namespace

class TestOutboxSend : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<DeskRecords> m_door;
    Session m_cli = Session::forCommandLine(QStringLiteral("root"));
    MessageSigner m_signer;
    QString m_authorityCa; // PEM file: the CA that issued the desk certificate
    QString m_otherCa;     // PEM file: a CA that did not

    // One waiting message in the outbox (a confirmation made by hand).
    QString makeMessage()
    {
        MessageFactory factory(m_signer, m_clock);
        InspectionRecord r;
        r.id = QStringLiteral("00000000-0000-4000-8000-000000000001");
        r.number = QStringLiteral("BW-2026-004711");
        CertificateRecord c;
        c.number = r.number;
        c.issuer = QStringLiteral("BW");
        c.authority = QStringLiteral("Ministry of Minerals, Botswana");
        c.issued = QDate(2026, 11, 20);
        c.expires = QDate(2027, 1, 20);
        c.origins = {QStringLiteral("BW")};
        c.destination = QStringLiteral("EU");
        c.exporter = {QStringLiteral("Debswana"), QStringLiteral("Gaborone")};
        c.importer = {QStringLiteral("Antwerp Rough NV"), QStringLiteral("Antwerp")};
        c.lots = {{QStringLiteral("7102.10"), 1000, 1000}};
        c.parcels = 1;
        r.inspection.insert(QStringLiteral("certificate"), c.toJson());
        auto made = factory.confirmation(r, QStringLiteral("olga"), QStringLiteral("EU"))(
            *m_store->lastMessageNumber() + 1, *m_store->auditHead());
        if (!made) {
            qWarning() << made.error().code << made.error().message;
            return {};
        }
        if (!m_store->insertMessage(*made))
            return {};
        return made->id;
    }

    SendOptions options(const Nginx& nginx)
    {
        SendOptions o;
        o.intake = QUrl(nginx.url(QStringLiteral("https")) + QStringLiteral("intake/"));
        o.caPath = m_dir.filePath(QStringLiteral("tls/ca.pem"));
        o.proxy = QStringLiteral("none");
        o.timeoutMs = 5000;
        return o;
    }

    QString intakeConfig(const QString& clientCa)
    {
        return QStringLiteral("ssl_client_certificate %1; ssl_verify_client on;\n"
                              "    location /intake/ { dav_methods PUT; create_full_put_path on; "
                              "client_max_body_size 20m; }\n"
                              "    location /broken/ { return 500; }\n"
                              "    location /forbidden/ { return 403; }")
            .arg(clientCa);
    }

    std::unique_ptr<Nginx> startNginx(const QString& name, const QString& clientCa)
    {
        const QString site = m_dir.filePath(name + QStringLiteral("-site"));
        QDir().mkpath(site + QStringLiteral("/intake"));
        auto nginx = std::make_unique<Nginx>(
            m_dir.filePath(name), site, m_dir.filePath(QStringLiteral("tls/server.pem")),
            m_dir.filePath(QStringLiteral("tls/server.key")), intakeConfig(clientCa));
        return nginx;
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(!Nginx::nginxPath().isEmpty(),
                 "nginx is needed (Debian package nginx-light); ./dev.sh installs it");
        QVERIFY2(makeServerTls(m_dir.filePath(QStringLiteral("tls"))), "the openssl tool is needed");
        auto db = CacheDatabase::open(m_dir.filePath(QStringLiteral("desk.sqlite")),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(*db);
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_door = std::make_unique<DeskRecords>(*m_store, m_clock);

        const QDateTime from = m_clock.nowUtc().addDays(-1);
        auto caKey = *PrivateKey::generate(KeyType::EcP256);
        const auto ca = *CertificateFactory::makeAuthorityCa(
            caKey, {QStringLiteral("EU"), QStringLiteral("EU KP Authority"), {}, from, from.addYears(10), 1});
        m_signer.deskId = QStringLiteral("EU-ANR-03");
        m_signer.participant = QStringLiteral("EU");
        m_signer.key = *PrivateKey::generate(KeyType::EcP256);
        auto deskCert = CertificateFactory::makeDeskCertificate(
            ca, caKey, m_signer.key.publicKey(),
            {QStringLiteral("EU"), m_signer.deskId, {}, from, from.addYears(2), 2});
        QVERIFY(deskCert.ok());
        m_signer.certificate = *deskCert;
        m_authorityCa = m_dir.filePath(QStringLiteral("authority-ca.pem"));
        QVERIFY(writeFile(m_authorityCa, ca.toPem()).ok());
        auto otherKey = *PrivateKey::generate(KeyType::EcP256);
        const auto other = *CertificateFactory::makeAuthorityCa(
            otherKey, {QStringLiteral("EU"), QStringLiteral("Someone else"), {}, from, from.addYears(10), 1});
        m_otherCa = m_dir.filePath(QStringLiteral("other-ca.pem"));
        QVERIFY(writeFile(m_otherCa, other.toPem()).ok());
    }

    void deliveredWithTheDeskCertificate()
    {
        const QString id = makeMessage();
        QVERIFY(!id.isEmpty());
        auto nginx = startNginx(QStringLiteral("good"), m_authorityCa);
        QVERIFY2(nginx->running(), qPrintable(nginx->output()));
        const auto report =
            OutboxDelivery::send(*m_door, m_cli, options(*nginx), m_signer.key, m_signer.certificate);
        QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
        QVERIFY2(report->problems.isEmpty(), qPrintable(report->problems.join(u'\n')));
        QCOMPARE(report->delivered, 1);
        QCOMPARE(report->waiting, 0);

        const auto all = *m_store->messages(false, true);
        const OutboxMessage& m = all.last();
        QVERIFY(m.deliveredAt.isValid());
        QVERIFY(m.deliveredTo.startsWith(QStringLiteral("https://127.0.0.1:")));
        // The authority's folder holds the same bytes under the spec's name.
        QCOMPARE(readFile(m_dir.filePath(QStringLiteral("good-site/intake/")) + m.fileName), m.bytes);
        QVERIFY(m_store->messages(true, false)->isEmpty());
    }

    void failuresLeaveItWaitingWithTheReason()
    {
        const QString id = makeMessage();
        // A server that does not know this desk's CA: the handshake is refused.
        {
            auto nginx = startNginx(QStringLiteral("stranger"), m_otherCa);
            QVERIFY2(nginx->running(), qPrintable(nginx->output()));
            const auto report =
                OutboxDelivery::send(*m_door, m_cli, options(*nginx), m_signer.key, m_signer.certificate);
            QVERIFY(report.ok());
            QCOMPARE(report->delivered, 0);
            QCOMPARE(report->waiting, 1);
            QVERIFY2(report->problems.first().contains(QStringLiteral("400")),
                     qPrintable(report->problems.first()));
        }
        // A 500, and then the server gone.
        {
            auto nginx = startNginx(QStringLiteral("broken"), m_authorityCa);
            SendOptions o = options(*nginx);
            o.intake = QUrl(nginx->url(QStringLiteral("https")) + QStringLiteral("broken/"));
            const auto report = OutboxDelivery::send(*m_door, m_cli, o, m_signer.key, m_signer.certificate);
            QVERIFY(report.ok());
            QCOMPARE(report->waiting, 1);
            QVERIFY2(report->problems.first().contains(QStringLiteral("500")),
                     qPrintable(report->problems.first()));
        }
        // A 403 (the intake's own refusal).
        {
            auto nginx = startNginx(QStringLiteral("forbidden"), m_authorityCa);
            SendOptions o = options(*nginx);
            o.intake = QUrl(nginx->url(QStringLiteral("https")) + QStringLiteral("forbidden/"));
            const auto report = OutboxDelivery::send(*m_door, m_cli, o, m_signer.key, m_signer.certificate);
            QVERIFY(report.ok());
            QCOMPARE(report->waiting, 1);
            QVERIFY2(report->problems.first().contains(QStringLiteral("403")),
                     qPrintable(report->problems.first()));
        }
        // The connection cut as soon as the desk starts talking.
        {
            QTcpServer cutter;
            QVERIFY(cutter.listen(QHostAddress::LocalHost));
            QObject::connect(&cutter, &QTcpServer::newConnection, &cutter, [&cutter] {
                while (QTcpSocket* s = cutter.nextPendingConnection()) {
                    QObject::connect(s, &QTcpSocket::readyRead, s, [s] {
                        s->readAll();
                        s->abort();
                        s->deleteLater();
                    });
                }
            });
            SendOptions o;
            o.intake = QUrl(QStringLiteral("https://127.0.0.1:%1/intake/").arg(cutter.serverPort()));
            o.proxy = QStringLiteral("none");
            o.timeoutMs = 5000;
            const auto report = OutboxDelivery::send(*m_door, m_cli, o, m_signer.key, m_signer.certificate);
            QVERIFY(report.ok());
            QCOMPARE(report->waiting, 1);
            QVERIFY(!report->problems.first().isEmpty());
        }
        SendOptions down;
        down.intake = QUrl(QStringLiteral("https://127.0.0.1:%1/intake/").arg(freePort()));
        down.proxy = QStringLiteral("none");
        const auto report = OutboxDelivery::send(*m_door, m_cli, down, m_signer.key, m_signer.certificate);
        QVERIFY(report.ok());
        QCOMPARE(report->waiting, 1);

        const auto waiting = *m_store->messages(true, false);
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.first().id, id);
        QCOMPARE(waiting.first().attempts, 5);
        QVERIFY(!waiting.first().lastError.isEmpty());

        // Next time it goes.
        auto nginx = startNginx(QStringLiteral("again"), m_authorityCa);
        const auto again =
            OutboxDelivery::send(*m_door, m_cli, options(*nginx), m_signer.key, m_signer.certificate);
        QVERIFY(again.ok());
        QCOMPARE(again->delivered, 1);
        QVERIFY(m_store->messages(true, false)->isEmpty());
    }

    void exportedToAFolder()
    {
        const QString id = makeMessage();
        const QString stick = m_dir.filePath(QStringLiteral("usb"));
        // Not mounted: nothing is marked.
        QCOMPARE(OutboxDelivery::exportTo(*m_door, m_cli, stick).error().code,
                 QStringLiteral("outbox.folder"));
        QCOMPARE(m_store->messages(true, false)->size(), 1);
        QVERIFY(QDir().mkpath(stick));
        const auto report = OutboxDelivery::exportTo(*m_door, m_cli, stick);
        QVERIFY(report.ok());
        QCOMPARE(report->delivered, 1);
        const auto all = *m_store->messages(false, true);
        QCOMPARE(readFile(stick + u'/' + all.last().fileName), all.last().bytes);
        QCOMPARE(all.last().handedOverTo, QDir(stick).absolutePath());
        QVERIFY(m_store->messages(true, false)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOutboxSend)
#include "test_outbox_send.moc"
