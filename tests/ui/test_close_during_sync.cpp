// The window closed while a scan waits for its own sync (issue 20, item 7):
// the sync stops, the inspection is saved while the window is still there,
// and a presentation that could not be recorded is said, in a box, not
// dropped without a word (it was a `(void)` in the window's destructor).
#include "TestSupport.h"

#include "MainWindow.h"
#include "MessageBoxes.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>

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

class TestCloseDuringSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock;

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void closingSavesTheScanAndSaysWhatWasNotRecorded()
    {
        auto demo = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY(demo.ok());
        auto db = CacheDatabase::open(demo->dbPath, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        auto window = std::make_unique<ui::MainWindow>(**db, m_clock);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        const int inspectionsBefore = countRows(**db, QStringLiteral("inspections"));
        const int presentationsBefore = countRows(**db, QStringLiteral("presentations"));
        QVERIFY(inspectionsBefore >= 0 && presentationsBefore >= 0);
        // The window's own connection cannot keep presentations (as a full disk would refuse them).
        QSqlQuery refuse((*db)->connection());
        QVERIFY(
            refuse.exec(QStringLiteral("CREATE TEMP TRIGGER refuse_presentations BEFORE INSERT ON "
                                       "main.presentations BEGIN SELECT RAISE(ABORT, 'disk full'); END")));

        // Another writer holds the desk's write lock for a while, in its own
        // thread, so the window's sync waits inside its transaction.
        std::atomic<bool> locked = false;
        std::unique_ptr<QThread> holder(QThread::create([path = demo->dbPath, &locked] {
            {
                QSqlDatabase other =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
                other.setDatabaseName(path);
                QSqlQuery hold(other.open() ? other : QSqlDatabase());
                locked = hold.exec(QStringLiteral("BEGIN IMMEDIATE"));
                QThread::msleep(1500);
                hold.exec(QStringLiteral("COMMIT"));
            }
            QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        }));
        holder->start();
        QTRY_VERIFY_WITH_TIMEOUT(locked, 10000);
        window->startSync(demo->bundles.last());
        QVERIFY(window->syncRunning());
        window->verifyText(demo->sample(QStringLiteral("ca-genuine"))->text, QStringLiteral("QR Code"));
        QCOMPARE(window->pendingSaves(), 1);

        auto warnings = std::make_shared<QStringList>();
        ui::MessageBoxes::answerWithoutShowing([warnings](const ui::MessageBoxes::Shown& box) {
            if (box.kind == ui::MessageBoxes::Kind::Warning)
                *warnings << box.text;
            return QMessageBox::Ok;
        });
        QVERIFY(window->close());
        QVERIFY(holder->wait(60000));
        QCOMPARE(window->pendingSaves(), 0);
        QCOMPARE(countRows(**db, QStringLiteral("inspections")), inspectionsBefore + 1); // nothing lost
        QCOMPARE(countRows(**db, QStringLiteral("presentations")), presentationsBefore);
        QCOMPARE(warnings->size(), 1);
        QVERIFY2(warnings->first().contains(QStringLiteral("presentation")), qPrintable(warnings->first()));
        window.reset();
        ui::MessageBoxes::answerWithoutShowing(
            [](const ui::MessageBoxes::Shown&) { return QMessageBox::No; });
    }
};

QTEST_MAIN(TestCloseDuringSync)
#include "test_close_during_sync.moc"
