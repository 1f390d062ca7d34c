// The supervisor's queue across desks (issue 12): every desk's cases with the
// desk's name, replication in a worker thread (never on the GUI thread),
// live within seconds, and the local data alone, said so, when the office
// cannot be reached. A real PostgreSQL on loopback (tests/support/Postgres.h).
#include "OfficeDesks.h"
#include "Postgres.h"
#include "TestSupport.h"

#include "CaseQueue.h"
#include "office/OfficeDatabase.h"
#include "office/OfficeLink.h"
#include "office/OfficeWorker.h"
#include "office/Replicator.h"

#include <QApplication>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace kp;
using namespace kp::test;
using namespace kp::ui;

class TestOfficeQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The rows' desk column, sorted.
    static QStringList desks(const CaseQueue& queue)
    {
        QStringList out;
        for (int r = 0; r < queue.model()->rowCount(); ++r)
            out << queue.model()->index(r, CaseQueueModel::Desk).data().toString();
        out.sort();
        return out;
    }

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    void everyDeskLiveAndOfflineSaidSo()
    {
        if (!Postgres::available())
            QFAIL("postgresql-15 or Qt's QPSQL driver is not installed: ./dev.sh installs them, and the "
                  "office tests need them");
        Postgres pg;
        QVERIFY(pg.initialized());
        QVERIFY(pg.start());
        QVERIFY(pg.exec({QStringLiteral("CREATE DATABASE kpoffice")}));

        auto here = makeDesk(m_dir.filePath(QStringLiteral("here.sqlite")), QStringLiteral("Gate A"));
        auto there = makeDesk(m_dir.filePath(QStringLiteral("there.sqlite")), QStringLiteral("Gate B"));
        QVERIFY(here && there);
        QVERIFY(writeCases(*here, 2));
        QVERIFY(writeCases(*there, 3));
        QVERIFY(OfficeLink::save(*here->db, *OfficeUrl::parse(pg.url())).ok());
        QVERIFY(OfficeLink::save(*there->db, *OfficeUrl::parse(pg.url())).ok());

        CaseQueue queue(*here->store);
        queue.resize(900, 500);
        queue.show();
        queue.refresh();
        QCOMPARE(desks(queue), QStringList({QStringLiteral("this desk"), QStringLiteral("this desk")}));

        // The window's wiring: the worker in its own thread, its state to the queue.
        QThread thread;
        auto* worker = new OfficeWorker(here->path, 300, signerSource);
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        connect(worker, &OfficeWorker::stateChanged, &queue, &CaseQueue::setOfficeState);
        QSignalSpy states(worker, &OfficeWorker::stateChanged);
        thread.start();
        // Stopped however the test ends.
        const auto stopWorker = qScopeGuard([&] {
            QMetaObject::invokeMethod(worker, &OfficeWorker::stop, Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait(10000);
        });
        QMetaObject::invokeMethod(worker, &OfficeWorker::start, Qt::QueuedConnection);

        // The other desk pushes; within seconds the queue lists its cases with its name.
        QTRY_VERIFY_WITH_TIMEOUT(queue.officeText().contains(QStringLiteral("connected")), 10000);
        {
            auto office = OfficeDatabase::connect(*OfficeUrl::parse(pg.url()));
            QVERIFY(office);
            Replicator r(*there->db, **office);
            r.setSigner(signerOf(*there->db));
            QVERIFY(r.push().ok());
        }
        QTRY_COMPARE_WITH_TIMEOUT(queue.model()->rowCount(), 5, 10000);
        QCOMPARE(desks(queue),
                 QStringList({QStringLiteral("Gate B"), QStringLiteral("Gate B"), QStringLiteral("Gate B"),
                              QStringLiteral("this desk"), QStringLiteral("this desk")}));

        // By keyboard: the table has focus, Enter opens the case under the cursor.
        QSignalSpy opened(&queue, &CaseQueue::caseActivated);
        queue.table()->setFocus();
        queue.table()->setCurrentIndex(queue.model()->index(0, 0));
        QTest::keyClick(queue.table(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);

        // The office goes away: the queue says so and keeps the local data.
        QVERIFY(pg.stop());
        QVERIFY(writeCases(*here, 1)); // the desk goes on
        queue.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(queue.officeText().contains(QStringLiteral("unreachable")) &&
                                     queue.officeText().contains(QStringLiteral("wait to go up")),
                                 15000);
        QCOMPARE(queue.model()->rowCount(), 6);
        // Back: what waited goes up, by itself.
        QVERIFY(pg.start());
        QTRY_VERIFY_WITH_TIMEOUT(queue.officeText().contains(QStringLiteral("connected")) &&
                                     !queue.officeText().contains(QStringLiteral("wait to go up")),
                                 15000);
        QCOMPARE(pg.number(QStringLiteral("SELECT count(*) FROM cases")), 6);
    }
};

QTEST_MAIN(TestOfficeQueue)
#include "test_office_queue.moc"
