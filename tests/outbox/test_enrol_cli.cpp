// Enrolling a desk end to end with kpdesk-cli, as an administrator and the
// home authority would: the request, the certificate, its installation and
// the status; the authority's list; and the desk's key never shown.
#include "CliRun.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace kp::test;

namespace {

using Run = kp::test::CliRun;

Run cli(const QStringList& args)
{
    return kp::test::runCli(args, {.timeoutMs = 60000});
}

} // namespace

class TestEnrolCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QList<Run> m_runs; // every run, searched for the key at the end
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString db() const { return path(QStringLiteral("desk.sqlite")); }
    QString pki() const { return path(QStringLiteral("pki")); }

    Run run(const QStringList& args)
    {
        Run r = cli(args);
        m_runs << r;
        return r;
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        Run r = run({QStringLiteral("authority"), QStringLiteral("pki"), QStringLiteral("--out"), pki(),
                     QStringLiteral("--home"), QStringLiteral("EU"), QStringLiteral("--issuer"),
                     QStringLiteral("EU")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pki(),
                 QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--keys"),
                 QStringLiteral("--participants"), QStringLiteral("demo"), QStringLiteral("--out"),
                 path(QStringLiteral("full.kpsync"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({QStringLiteral("init"), QStringLiteral("--db"), db(), QStringLiteral("--participant"),
                 QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                 pki() + QStringLiteral("/bundle-cert.pem")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({QStringLiteral("sync"), QStringLiteral("--db"), db(), path(QStringLiteral("full.kpsync"))});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    }

    void enrolInstallStatus()
    {
        Run r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--status"),
                     QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("enrolled")).toBool(), false);

        const QString csr = path(QStringLiteral("desk.csr.pem"));
        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--desk-id"),
                 QStringLiteral("EU-ANR-03"), QStringLiteral("--csr-out"), csr});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(db() + QStringLiteral(".desk-key.pem")));
        QCOMPARE(QFileInfo(db() + QStringLiteral(".desk-key.pem")).permissions(),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);

        const QString cert = path(QStringLiteral("desk.cert.pem"));
        r = run({QStringLiteral("authority"), QStringLiteral("enrol"), QStringLiteral("--pki"), pki(),
                 QStringLiteral("--csr"), csr, QStringLiteral("--out"), cert, QStringLiteral("--days"),
                 QStringLiteral("400")});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--install"), cert});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("EU-ANR-03"));

        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--status"),
                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        const QJsonObject status = r.json();
        QCOMPARE(status.value(QStringLiteral("enrolled")).toBool(), true);
        QCOMPARE(status.value(QStringLiteral("deskId")).toString(), QStringLiteral("EU-ANR-03"));
        QCOMPARE(status.value(QStringLiteral("participant")).toString(), QStringLiteral("EU"));
        const QJsonObject c = status.value(QStringLiteral("certificate")).toObject();
        QCOMPARE(c.value(QStringLiteral("subjectCN")).toString(), QStringLiteral("EU-ANR-03"));

        r = run({QStringLiteral("authority"), QStringLiteral("desks"), QStringLiteral("--pki"), pki(),
                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray desks = r.json().value(QStringLiteral("desks")).toArray();
        QCOMPARE(desks.size(), 1);
        QCOMPARE(desks.first().toObject().value(QStringLiteral("sha256")).toString(),
                 c.value(QStringLiteral("sha256")).toString());

        // Enrolled: again only with --force.
        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--desk-id"),
                 QStringLiteral("EU-ANR-03"), QStringLiteral("--csr-out"), csr});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(r.err.contains("--force"));

        // Revoked at the authority.
        r = run({QStringLiteral("authority"), QStringLiteral("revoke-desk"), QStringLiteral("--pki"), pki(),
                 QStringLiteral("--desk"), QStringLiteral("EU-ANR-03")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({QStringLiteral("authority"), QStringLiteral("desks"), QStringLiteral("--pki"), pki()});
        QVERIFY(r.out.contains("revoked"));
        // The authority publishes its list of desks; every desk of the EU
        // learns the revocation with its next sync (and then refuses the
        // office events that certificate signs: tests/office/test_office_trust).
        const QString bundle = path(QStringLiteral("desks.kpsync"));
        r = run({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pki(),
                 QStringLiteral("--seq"), QStringLiteral("2"), QStringLiteral("--base"), QStringLiteral("1"),
                 QStringLiteral("--desks"), QStringLiteral("--out"), bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({QStringLiteral("sync"), QStringLiteral("--db"), db(), bundle});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        r = run({QStringLiteral("status"), QStringLiteral("--db"), db(), QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("counts")).toObject().value(QStringLiteral("desks")).toInt(),
                 1);
        // The desk itself sees that its certificate was revoked.
        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--status"),
                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("enrolled")).toBool(), false);
        QCOMPARE(r.json().value(QStringLiteral("revoked")).toString(),
                 QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--status")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("revoked"), r.err.constData());
    }

    void installRefusesAnotherDesksCertificate()
    {
        // A certificate for another key (another desk's) is refused, with why.
        const QString other = path(QStringLiteral("other.sqlite"));
        Run r = run({QStringLiteral("init"), QStringLiteral("--db"), other, QStringLiteral("--participant"),
                     QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                     pki() + QStringLiteral("/bundle-cert.pem")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({QStringLiteral("sync"), QStringLiteral("--db"), other, path(QStringLiteral("full.kpsync"))});
        QCOMPARE(r.exitCode, 0);
        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), other, QStringLiteral("--desk-id"),
                 QStringLiteral("EU-ANR-03"), QStringLiteral("--csr-out"),
                 path(QStringLiteral("other.csr"))});
        QCOMPARE(r.exitCode, 0);
        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), other, QStringLiteral("--install"),
                 path(QStringLiteral("desk.cert.pem"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("another key"), r.err.constData());
    }

    void keyNeverShown()
    {
        QFile keyFile(db() + QStringLiteral(".desk-key.pem"));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QByteArray pem = keyFile.readAll();
        QVERIFY(pem.contains("PRIVATE KEY"));
        const QByteArray body = pem.split('\n').mid(1, pem.count('\n') - 2).join();
        const QByteArray der = QByteArray::fromBase64(body);
        QVERIFY(der.size() > 32);
        // The private scalar: the 32 bytes after the OCTET STRING header of the
        // inner ECPrivateKey (04 20); its presence anywhere would be a leak.
        const qsizetype at = der.indexOf(QByteArray::fromHex("0420"));
        QVERIFY(at > 0);
        const QByteArray scalar = der.mid(at + 2, 32);

        const QString trail = path(QStringLiteral("trail.cbor"));
        Run r = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--db"), db(),
                     QStringLiteral("--out"), trail});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile t(trail);
        QVERIFY(t.open(QIODevice::ReadOnly));
        const QByteArray exported = t.readAll();
        QVERIFY(exported.contains("desk_enrolled"));
        QVERIFY(exported.contains("desk_certificate_installed"));
        for (const QByteArray& secret : {body.left(40), der, scalar, scalar.toHex(), scalar.toBase64()}) {
            QVERIFY(!exported.contains(secret));
            for (const Run& run : std::as_const(m_runs)) {
                QVERIFY(!run.out.contains(secret));
                QVERIFY(!run.err.contains(secret));
            }
        }
        QVERIFY(!exported.contains("PRIVATE KEY"));
    }

    void repairKeepsEnrolment()
    {
        Run r = run({QStringLiteral("repair"), QStringLiteral("--db"), db()});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        r = run({QStringLiteral("enrol"), QStringLiteral("--db"), db(), QStringLiteral("--status"),
                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("deskId")).toString(), QStringLiteral("EU-ANR-03"));
    }
};

QTEST_GUILESS_MAIN(TestEnrolCli)
#include "test_enrol_cli.moc"
