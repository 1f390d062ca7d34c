// A scan while the window's own sync is writing: the window must not freeze
// waiting for the desk's write lock, and the inspection must not be lost. It
// is shown at once and saved (with its presentation and trail entry) as soon
// as the sync has finished.
#include "TestSupport.h"

#include "MainWindow.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;
using namespace kp::test;

namespace {

int countRows(CacheDatabase& db, const QString& table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

class TestScanDuringSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock;

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void scanDuringSyncIsSavedAfterIt()
    {
        auto demo = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY(demo.ok());
        auto db = CacheDatabase::open(demo->dbPath, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        ui::MainWindow window(**db, m_clock);
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        const int inspectionsBefore = countRows(**db, QStringLiteral("inspections"));
        const int presentationsBefore = countRows(**db, QStringLiteral("presentations"));
        QVERIFY(inspectionsBefore >= 0 && presentationsBefore >= 0);

        // Another writer (as a big bundle being applied) holds the desk's
        // write lock, so the window's sync waits inside its transaction.
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
        other.setDatabaseName(demo->dbPath);
        QVERIFY(other.open());
        {
            QSqlQuery hold(other);
            QVERIFY(hold.exec(QStringLiteral("BEGIN IMMEDIATE")));
            window.startSync(demo->bundles.last());
            QVERIFY(window.syncRunning());

            QElapsedTimer took;
            took.start();
            window.verifyText(demo->sample(QStringLiteral("ca-genuine"))->text, QStringLiteral("QR Code"));
            QVERIFY2(took.elapsed() < 1000, "the window waited for the desk's write lock");
            QCOMPARE(window.currentFinalVerdict(), Verdict::Accept); // shown at once
            QCOMPARE(window.pendingSaves(), 1);
            QVERIFY(window.currentRecordId().isEmpty());
            QVERIFY(hold.exec(QStringLiteral("COMMIT")));
        }
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));

        QTRY_VERIFY_WITH_TIMEOUT(!window.syncRunning(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(window.pendingSaves(), 0, 5000);
        QVERIFY(!window.currentRecordId().isEmpty()); // the inspection on screen is the saved one
        QCOMPARE(countRows(**db, QStringLiteral("inspections")), inspectionsBefore + 1);
        QCOMPARE(countRows(**db, QStringLiteral("presentations")), presentationsBefore + 1);
    }
};

QTEST_MAIN(TestScanDuringSync)
#include "test_scan_during_sync.moc"
