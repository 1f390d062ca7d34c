// The demo desk can show every feature (issue 21 item 6): it syncs from its
// own sync folder, it is enrolled with its demo authority, and a release's
// import confirmation goes from its outbox through a stick into that
// authority's inbox, each step run as a user would with the real kpdesk-cli.
#include "CliRun.h"
#include "TestSupport.h"
#include "authority/DemoDesk.h"
#include "authority/DeskRegistry.h"
#include "cache/CacheDatabase.h"
#include "outbox/DeskIdentity.h"
#include "util/Clock.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;
using namespace kp::test;

class TestDemoDesk : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DemoDesk m_desk;

    CliRun cli(const QStringList& args, const QByteArray& input = {})
    {
        return runCli(args + QStringList{QStringLiteral("--db"), m_desk.dbPath}, {input});
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        SystemClock clock;
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), clock);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.error().message));
        m_desk = *desk;
    }

    void syncsFromItsOwnFolder()
    {
        auto db = CacheDatabase::open(m_desk.dbPath, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        QCOMPARE(*(*db)->syncSources(), QStringList{m_desk.syncFolder});
        db->reset();

        const CliRun sync = cli({QStringLiteral("sync")});
        QVERIFY2(sync.exitCode == 0, sync.said());
        QVERIFY2(sync.out.contains("Already current at seq 2"), sync.said());
    }

    void isEnrolledWithItsDemoAuthority()
    {
        auto db = CacheDatabase::open(m_desk.dbPath, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        auto identity = DeskIdentity::load(**db);
        QVERIFY2(identity.ok(), qPrintable(identity ? QString() : identity.error().message));
        QCOMPARE(identity->deskId, m_desk.deskId);
        QCOMPARE(identity->participant, QStringLiteral("EU"));

        auto registry = DeskRegistry::open(m_desk.pkiDir);
        QVERIFY(registry.ok());
        const auto entry = registry->entryFor(identity->certificate);
        QVERIFY(entry.has_value());
        QCOMPARE(entry->deskId, m_desk.deskId);
        QVERIFY(!entry->isRevoked());
    }

    void releaseConfirmationReachesTheAuthoritysInbox()
    {
        // Accounts as a fresh desk makes them; the officer sets their own password.
        QCOMPARE(cli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("administrator")},
                     "admin-pass-123\n")
                     .exitCode,
                 0);
        QCOMPARE(cli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--user"),
                      QStringLiteral("admin"), QStringLiteral("--name"), QStringLiteral("anna"),
                      QStringLiteral("--role"), QStringLiteral("officer")},
                     "admin-pass-123\nfirst-pass-123\n")
                     .exitCode,
                 0);
        QCOMPARE(cli({QStringLiteral("users"), QStringLiteral("passwd"), QStringLiteral("--user"),
                      QStringLiteral("anna"), QStringLiteral("--name"), QStringLiteral("anna")},
                     "first-pass-123\nanna-pass-1234\n")
                     .exitCode,
                 0);

        const DemoSample* bw = m_desk.sample(u"bw-genuine");
        QVERIFY(bw);
        const CliRun release =
            cli({QStringLiteral("release"), QStringLiteral("--user"), QStringLiteral("anna"),
                 QStringLiteral("--text"), bw->text, QStringLiteral("--parcels"), QStringLiteral("3"),
                 QStringLiteral("--mass"), QStringLiteral("1520.35"), QStringLiteral("--seals-intact"),
                 QStringLiteral("--importer-matches")},
                "anna-pass-1234\n");
        QVERIFY2(release.exitCode == 0, release.said());
        QVERIFY2(release.out.contains("RELEASED"), release.said());

        const QString stick = m_dir.filePath(QStringLiteral("stick"));
        QVERIFY(QDir().mkpath(stick));
        const CliRun exported = cli({QStringLiteral("outbox"), QStringLiteral("export"), stick});
        QVERIFY2(exported.exitCode == 0, exported.said());
        const QStringList messages = QDir(stick).entryList({QStringLiteral("*.kpmsg")}, QDir::Files);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().startsWith(m_desk.deskId));

        const CliRun inbox =
            runCli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--pki"),
                    m_desk.pkiDir, QStringLiteral("--ledger"),
                    m_dir.filePath(QStringLiteral("ledger.sqlite")), QStringLiteral("--json"), stick});
        QVERIFY2(inbox.exitCode == 0, inbox.said());
        QVERIFY2(inbox.out.contains("\"taken\""), inbox.said());
        QVERIFY2(!QDir(stick + QStringLiteral("/refused")).exists() ||
                     QDir(stick + QStringLiteral("/refused")).isEmpty(),
                 inbox.said());
    }
};

QTEST_MAIN(TestDemoDesk)
#include "test_demo_desk.moc"
