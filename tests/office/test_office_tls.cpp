// The office over TLS (issue 12, docs/office.md "TLS"): a REAL PostgreSQL
// started on loopback with ssl=on and a certificate from a CA made here with
// the `openssl` command. A desk with sslmode=verify-full and sslrootcert=
// that CA syncs over an encrypted connection; with another CA it is refused,
// saying why, and its queue keeps everything; sslmode=require against a
// server without TLS is refused.
#include "OfficeDesks.h"
#include "Postgres.h"
#include "TestSupport.h"

#include "office/OfficeDatabase.h"
#include "office/Replicator.h"

#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace kp;
using namespace kp::test;

namespace {

bool openssl(const QStringList& args, const QString& dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    const bool ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << "openssl" << args.join(QLatin1Char(' ')) << p.readAll();
    return ok;
}

// A CA (NAME.crt, NAME.key) in `dir`.
bool makeCa(const QString& dir, const QString& name)
{
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                    name + QStringLiteral(".crt"), QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=") + name, QStringLiteral("-addext"),
                    QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
                   dir);
}

// server.crt and server.key for 127.0.0.1 and localhost, signed by CA `ca`.
bool makeServerCertificate(const QString& dir, const QString& ca)
{
    QFile ext(dir + QStringLiteral("/server.ext"));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    ext.close();
    return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                    QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"),
                    QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=localhost")},
                   dir) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    QStringLiteral("server.csr"), QStringLiteral("-CA"), ca + QStringLiteral(".crt"),
                    QStringLiteral("-CAkey"), ca + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
                    QStringLiteral("-out"), QStringLiteral("server.crt"), QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext")},
                   dir);
}

} // namespace

class TestOfficeTls : public QObject
{
    Q_OBJECT

    std::unique_ptr<Postgres> m_pg;
    QTemporaryDir m_dir;

    QString cert(const QString& name) const { return m_dir.filePath(name); }

    // The test server's URL with TLS parameters (the CA's path percent-encoded).
    QString url(const QString& host, const QString& query) const
    {
        return QStringLiteral("postgresql://kp:%1@%2:%3/kpoffice?%4")
            .arg(m_pg->password(), host)
            .arg(m_pg->port())
            .arg(query);
    }

    static QString rootCert(const QString& path)
    {
        return QStringLiteral("sslrootcert=") + QString::fromLatin1(QUrl::toPercentEncoding(path));
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        if (!Postgres::available())
            QFAIL("postgresql-15 or Qt's QPSQL driver is not installed: ./dev.sh installs them, and the "
                  "office tests need them");
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QFAIL("the openssl command is not installed: ./dev.sh installs it");
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCa(m_dir.path(), QStringLiteral("office-ca")));
        QVERIFY(makeCa(m_dir.path(), QStringLiteral("stranger-ca")));
        QVERIFY(makeServerCertificate(m_dir.path(), QStringLiteral("office-ca")));
        m_pg = std::make_unique<Postgres>();
        QVERIFY(m_pg->initialized());
        QVERIFY(m_pg->setTls(cert(QStringLiteral("server.crt")), cert(QStringLiteral("server.key"))));
        QVERIFY(m_pg->start());
        QVERIFY(m_pg->exec({QStringLiteral("CREATE DATABASE kpoffice")}));
    }

    void verifyFullSyncsEncrypted_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("address") << QStringLiteral("127.0.0.1");
        QTest::newRow("name") << QStringLiteral("localhost");
    }

    void verifyFullSyncsEncrypted()
    {
        QFETCH(QString, host);
        auto desk =
            makeDesk(m_dir.filePath(QStringLiteral("gate-%1.sqlite").arg(host)), QStringLiteral("Gate TLS"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 5));
        auto parsed = OfficeUrl::parse(url(host, QStringLiteral("sslmode=verify-full&") +
                                                     rootCert(cert(QStringLiteral("office-ca.crt")))));
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->sslmode, QStringLiteral("verify-full"));
        QCOMPARE(parsed->sslrootcert, cert(QStringLiteral("office-ca.crt")));
        auto office = OfficeDatabase::connect(*parsed);
        QVERIFY2(office, office ? "" : qPrintable(office.error().message));

        // Really encrypted: the server says so of this very connection.
        QSqlQuery q((*office)->connection());
        QVERIFY2(q.exec(QStringLiteral("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toBool());
        QVERIFY(q.value(1).toString().startsWith(QLatin1String("TLS")));

        Replicator replicator(*desk->db, **office);
        auto count = replicator.sync();
        QVERIFY2(count, count ? "" : qPrintable(count.error().message));
        QVERIFY(count->pushed > 0);
        QCOMPARE(*Replicator::waiting(*desk->db), 0);
        auto holds = replicator.checkOfficeHoldsDesk();
        QVERIFY2(holds, holds ? "" : qPrintable(holds.error().message));
    }

    void anotherCaIsRefused()
    {
        auto desk =
            makeDesk(m_dir.filePath(QStringLiteral("stranger.sqlite")), QStringLiteral("Gate stranger"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 3));
        const qint64 waiting = *Replicator::waiting(*desk->db);
        QVERIFY(waiting > 0);

        auto parsed = OfficeUrl::parse(
            url(QStringLiteral("127.0.0.1"),
                QStringLiteral("sslmode=verify-full&") + rootCert(cert(QStringLiteral("stranger-ca.crt")))));
        QVERIFY(parsed);
        auto office = OfficeDatabase::connect(*parsed);
        QVERIFY(!office);
        QCOMPARE(office.error().code, QStringLiteral("office.unreachable"));
        // libpq's reason, named, and never the password.
        QVERIFY2(office.error().message.contains(QLatin1String("certificate verify failed")),
                 qPrintable(office.error().message));
        QVERIFY(!office.error().message.contains(m_pg->password()));
        QCOMPARE(*Replicator::waiting(*desk->db), waiting);

        // verify-ca checks the chain too.
        parsed->sslmode = QStringLiteral("verify-ca");
        QVERIFY(!OfficeDatabase::connect(*parsed));
        QCOMPARE(*Replicator::waiting(*desk->db), waiting);
    }

    void requireWithoutTlsIsRefused()
    {
        auto desk = makeDesk(m_dir.filePath(QStringLiteral("plain.sqlite")), QStringLiteral("Gate plain"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 2));
        const qint64 waiting = *Replicator::waiting(*desk->db);

        QVERIFY(m_pg->stop());
        QVERIFY(m_pg->setTls(QString(), QString()));
        QVERIFY(m_pg->start());
        auto parsed = OfficeUrl::parse(url(QStringLiteral("127.0.0.1"), QStringLiteral("sslmode=require")));
        QVERIFY(parsed);
        auto office = OfficeDatabase::connect(*parsed);
        QVERIFY(!office);
        QCOMPARE(office.error().code, QStringLiteral("office.unreachable"));
        QVERIFY2(office.error().message.contains(QLatin1String("SSL")), qPrintable(office.error().message));
        QCOMPARE(*Replicator::waiting(*desk->db), waiting);

        // The same server without sslmode: reached, in clear (what `require` refuses).
        parsed->sslmode = QStringLiteral("disable");
        auto plain = OfficeDatabase::connect(*parsed);
        QVERIFY2(plain, plain ? "" : qPrintable(plain.error().message));
        QSqlQuery q((*plain)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) &&
                q.next());
        QVERIFY(!q.value(0).toBool());
    }
};

QTEST_GUILESS_MAIN(TestOfficeTls)
#include "test_office_tls.moc"
