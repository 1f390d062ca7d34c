// A save that fails (issue 18 item 13): the inspection stays on screen, the
// officer is told why and offered "Retry saving", and the retry saves it.
#include "TestSupport.h"

#include "MainWindow.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"

#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
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

class TestSaveRetry : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock;

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void failedSaveKeepsTheInspectionAndRetries()
    {
        auto demo = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY(demo.ok());
        auto db = CacheDatabase::open(demo->dbPath, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        ui::MainWindow window(**db, m_clock);
        window.show();
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        const int inspectionsBefore = countRows(**db, QStringLiteral("inspections"));
        QVERIFY(inspectionsBefore >= 0);
        QVERIFY(!window.retrySaveButton()->isVisible());

        // Another writer holds the desk's write lock past the window's wait.
        QVERIFY((*db)->setWriteWait(200).ok());
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
        other.setDatabaseName(demo->dbPath);
        QVERIFY(other.open());
        {
            QSqlQuery hold(other);
            QVERIFY(hold.exec(QStringLiteral("BEGIN IMMEDIATE")));
            window.verifyText(demo->sample(QStringLiteral("ca-genuine"))->text, QStringLiteral("QR Code"));
            // Shown, not saved, kept, and the officer told so with a retry.
            QCOMPARE(window.currentFinalVerdict(), Verdict::Accept);
            QVERIFY(window.currentRecordId().isEmpty());
            QCOMPARE(window.unsavedInspections(), 1);
            QVERIFY(window.retrySaveButton()->isVisible());
            QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("could not be saved")),
                     qPrintable(window.statusBar()->currentMessage()));
            QCOMPARE(countRows(**db, QStringLiteral("inspections")), inspectionsBefore);

            // Retried while the lock is still held: still kept.
            QTest::mouseClick(window.retrySaveButton(), Qt::LeftButton);
            QCOMPARE(window.unsavedInspections(), 1);
            QVERIFY(window.retrySaveButton()->isVisible());
            QVERIFY(hold.exec(QStringLiteral("COMMIT")));
        }
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));

        QTest::mouseClick(window.retrySaveButton(), Qt::LeftButton);
        QCOMPARE(window.unsavedInspections(), 0);
        QVERIFY(!window.retrySaveButton()->isVisible());
        QVERIFY(!window.currentRecordId().isEmpty()); // the inspection on screen is the saved one
        QCOMPARE(window.currentFinalVerdict(), Verdict::Accept);
        QCOMPARE(countRows(**db, QStringLiteral("inspections")), inspectionsBefore + 1);
    }
};

QTEST_MAIN(TestSaveRetry)
#include "test_save_retry.moc"
