// The window and a damaged desk: the background check shows a banner with a
// Repair action, a verification that meets unreadable data says so, and the
// repair brings back a desk that a sync can fill again.
#include "CacheDamage.h"
#include "TestSupport.h"

#include "HealthMonitor.h"
#include "MainWindow.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"

#include <QDir>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;
using namespace kp::test;

class TestHealth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock;

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void damagedDeskShowsBannerAndRepairs()
    {
        auto demo = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY(demo.ok());
        checkpoint(demo->dbPath);
        QVERIFY(damageRootOf(demo->dbPath, QStringLiteral("sqlite_autoindex_revoked_1")));

        auto db = CacheDatabase::open(demo->dbPath, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        ui::MainWindow window(**db, m_clock);
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        ui::HealthMonitor* health = window.healthMonitor();
        QVERIFY(health);
        // The whole-file check runs in the background and finds the damaged index.
        QTRY_VERIFY_WITH_TIMEOUT(health->problemShown(), 20000);
        QVERIFY(health->isVisibleTo(&window));
        QVERIFY(health->repairButton()->isVisibleTo(&window));

        // A stolen certificate is rejected, with the reason.
        window.verifyText(demo->sample(QStringLiteral("stolen"))->text, QStringLiteral("QR Code"));
        QCOMPARE(window.currentFinalVerdict(), Verdict::Reject);

        QVERIFY(window.repairData(false));
        QVERIFY(!health->problemShown());
        QTRY_VERIFY_WITH_TIMEOUT(!health->checkRunning(), 20000);
        QVERIFY(!health->problemShown());
        QCOMPARE((*db)->syncState()->seq, quint64(0));
        QCOMPARE((*db)->participant().value(), QStringLiteral("EU"));
        QCOMPARE((*db)->counts()->presentations, 1); // the scan above is the desk's record
        const QStringList kept = QDir(QFileInfo(demo->dbPath).path())
                                     .entryList({QStringLiteral("desk.sqlite.damaged-*")}, QDir::Files);
        QCOMPARE(kept.size(), 1);

        // A sync makes the desk whole again (on the window's own connection).
        // Until it is back where it was before the repair (seq 2), what was
        // revoked in between may not show: doubt, never accept.
        window.startSync(demo->bundles.first());
        QTRY_VERIFY_WITH_TIMEOUT(!window.syncRunning(), 60000);
        QCOMPARE((*db)->syncState()->seq, quint64(1));
        window.verifyText(demo->sample(QStringLiteral("ca-genuine"))->text, QStringLiteral("QR Code"));
        QCOMPARE(window.currentFinalVerdict(), Verdict::Doubt);
        window.startSync(demo->bundles.last());
        QTRY_VERIFY_WITH_TIMEOUT(!window.syncRunning(), 60000);
        QCOMPARE((*db)->syncState()->seq, quint64(2));
        window.verifyText(demo->sample(QStringLiteral("na-genuine"))->text, QStringLiteral("Data Matrix"));
        QCOMPARE(window.currentFinalVerdict(), Verdict::Accept);
    }
};

QTEST_MAIN(TestHealth)
#include "test_health.moc"
