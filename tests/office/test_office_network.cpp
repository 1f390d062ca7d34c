// The network cut mid-transaction (issue 12, docs/office.md "Network cuts"):
// the desk talks to a REAL PostgreSQL through a TCP proxy the test controls
// (tests/support/TcpProxy.h). In the middle of a push's transaction the
// proxy becomes a black hole (no FIN, no RST: only the desk's own deadline
// can end the wait) or resets the connection. The push gives up within the
// bounded time, says the office is unreachable, keeps its queue; once the
// network is back a sync completes and the office holds every record of the
// desk exactly once.
#include "OfficeDesks.h"
#include "Postgres.h"
#include "TcpProxy.h"
#include "TestSupport.h"

#include "office/OfficeDatabase.h"
#include "office/Replicator.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace kp;
using namespace kp::test;

Q_DECLARE_METATYPE(kp::test::TcpProxy::Mode)
Q_DECLARE_METATYPE(kp::test::TcpProxy::Cut)

class TestOfficeNetwork : public QObject
{
    Q_OBJECT

    // Short for the test; the desk's default is 30 s (OfficeLimits).
    static constexpr OfficeLimits Limits{2, 2};
    static constexpr qint64 BoundMs = 2000 + 2500; // the limit and the watchdog's tick, with slack

    std::unique_ptr<Postgres> m_pg;
    QTemporaryDir m_dir;
    int m_offices = 0;
    QString m_db;

    QString viaProxy(const TcpProxy& proxy) const
    {
        return QStringLiteral("postgresql://kp:%1@127.0.0.1:%2/%3")
            .arg(m_pg->password())
            .arg(proxy.port())
            .arg(m_db);
    }

    qint64 office(const QString& sql) { return m_pg->number(sql, m_db); }

    // Rows the office holds (read directly, not through the proxy).
    qint64 atOffice()
    {
        return office(
            QStringLiteral("SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM case_events) + "
                           "(SELECT count(*) FROM inspections) + (SELECT count(*) FROM audit)"));
    }

    // The office holds every record of `desk`, each once.
    void checkOfficeEqualsDesk(Desk& desk, OfficeDatabase& db)
    {
        Replicator replicator(*desk.db, db);
        auto holds = replicator.checkOfficeHoldsDesk();
        QVERIFY2(holds, holds ? "" : qPrintable(holds.error().message));
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM cases")),
                 localCount(desk, QStringLiteral("SELECT count(*) FROM cases")));
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM case_events")),
                 localCount(desk, QStringLiteral("SELECT count(*) FROM case_events")));
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM inspections")),
                 localCount(desk, QStringLiteral("SELECT count(*) FROM inspections")));
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM audit")),
                 localCount(desk, QStringLiteral("SELECT count(*) FROM audit")));
        QCOMPARE(*Replicator::waiting(*desk.db), 0);
    }

    // A sync through the proxy, again until it succeeds (the office may still
    // hold the cut transaction's lock for a moment).
    std::unique_ptr<OfficeDatabase> syncUntilDone(Desk& desk, const TcpProxy& proxy)
    {
        QElapsedTimer t;
        t.start();
        QString last;
        while (t.elapsed() < 30000) {
            auto url = OfficeUrl::parse(viaProxy(proxy));
            auto db = OfficeDatabase::connect(*url, Limits);
            if (db) {
                Replicator replicator(*desk.db, **db);
                auto count = replicator.sync();
                if (count)
                    return std::move(*db);
                last = count.error().message;
            } else {
                last = db.error().message;
            }
            QThread::msleep(300);
        }
        qWarning().noquote() << "no sync after the network came back:" << last;
        return nullptr;
    }

    void cutMidPush(TcpProxy::Mode cut, const QByteArray& message, TcpProxy::Cut where)
    {
        m_db = QStringLiteral("office%1").arg(++m_offices);
        QVERIFY(m_pg->exec({QStringLiteral("CREATE DATABASE %1").arg(m_db)}));
        TcpProxy proxy(m_pg->port());
        QVERIFY(proxy.listening());
        auto desk = makeDesk(m_dir.filePath(m_db + QStringLiteral(".sqlite")), QStringLiteral("Gate cut"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 30));
        const qint64 queued = *Replicator::waiting(*desk->db);
        QVERIFY(queued >= 90);

        auto url = OfficeUrl::parse(viaProxy(proxy));
        QVERIFY(url);
        auto db = OfficeDatabase::connect(*url, Limits);
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        Replicator replicator(*desk->db, **db);
        // After the first batch is at the office, the next transaction begins
        // (BEGIN, the push lock) and is cut at `message`.
        int batches = 0;
        qint64 atOfficeAfterFirst = -1;
        replicator.setAfterOfficeCommit([&] {
            if (++batches == 1) {
                atOfficeAfterFirst = atOffice();
                proxy.switchOn(message, where, cut);
            }
        });
        QElapsedTimer t;
        t.start();
        auto pushed = replicator.push(20);
        const qint64 took = t.elapsed();
        QVERIFY(!pushed);
        QCOMPARE(batches, 1);
        // The second batch is at the office when only its answer was lost.
        QVERIFY(atOfficeAfterFirst > 0);
        QCOMPARE(atOffice() > atOfficeAfterFirst, where == TcpProxy::Cut::After);
        QCOMPARE(proxy.mode(), cut);
        QCOMPARE(pushed.error().code, QStringLiteral("office.unreachable"));
        QVERIFY2(took < BoundMs, qPrintable(QStringLiteral("gave up after %1 ms").arg(took)));
        qInfo() << "push gave up after" << took << "ms:" << pushed.error().message;
        QVERIFY(!pushed.error().message.contains(m_pg->password()));
        // The first batch is at the office, the rest waits on the desk.
        QCOMPARE(*Replicator::waiting(*desk->db), queued - 20);
        db->reset();

        // While the network is down, a new round says so within the connect timeout.
        t.restart();
        auto again = OfficeDatabase::connect(*url, Limits);
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("office.unreachable"));
        QVERIFY2(t.elapsed() < BoundMs, qPrintable(QStringLiteral("connect took %1 ms").arg(t.elapsed())));
        QCOMPARE(*Replicator::waiting(*desk->db), queued - 20);

        // The network is back: the office ends equal to the desk, nothing twice.
        proxy.setMode(TcpProxy::Mode::Forward);
        auto back = syncUntilDone(*desk, proxy);
        QVERIFY(back);
        checkOfficeEqualsDesk(*desk, *back);
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        if (!Postgres::available())
            QFAIL("postgresql-15 or Qt's QPSQL driver is not installed: ./dev.sh installs them, and the "
                  "office tests need them");
        m_pg = std::make_unique<Postgres>();
        QVERIFY(m_pg->initialized());
        QVERIFY(m_pg->start());
    }

    void connectOptionsBoundEveryWait()
    {
        OfficeUrl url = *OfficeUrl::parse(QStringLiteral(
            "postgresql://kp@office/kp?sslmode=verify-full&sslrootcert=%2Fetc%2Fkp%2Fit%27s%20ca.crt"));
        const QString options = OfficeDatabase::connectOptions(url, Limits);
        QVERIFY(options.contains(QLatin1String("connect_timeout=2")));
        QVERIFY(options.contains(QLatin1String("tcp_user_timeout=2000")));
        QVERIFY(options.contains(QLatin1String("keepalives=1")));
        QVERIFY(options.contains(QLatin1String("-c statement_timeout=1500")));
        QVERIFY(options.contains(QLatin1String("-c idle_in_transaction_session_timeout=4000")));
        QVERIFY(options.contains(QLatin1String("sslmode=verify-full")));
        // Quoted for libpq: a path may hold spaces and quotes.
        QVERIFY2(options.contains(QLatin1String("sslrootcert='/etc/kp/it\\'s ca.crt'")), qPrintable(options));
        QVERIFY(!options.contains(QLatin1String("password")));
        // Qt would split the options at ';': refused in the URL.
        auto split = OfficeUrl::parse(
            QStringLiteral("postgresql://kp@office/kp?sslrootcert=%2Fa%3Bsslmode%3Ddisable"));
        QVERIFY(!split);
        QCOMPARE(split.error().code, QStringLiteral("office.url"));
    }

    void cutMidTransaction_data()
    {
        QTest::addColumn<TcpProxy::Mode>("mode");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<TcpProxy::Cut>("where");
        const QByteArray insert("INSERT INTO desks"), commit("COMMIT");
        QTest::newRow("black hole within an insert")
            << TcpProxy::Mode::BlackHole << insert << TcpProxy::Cut::Within;
        QTest::newRow("reset within an insert") << TcpProxy::Mode::Reset << insert << TcpProxy::Cut::Within;
        // The office commits; the desk never hears it: the batch goes again, once.
        QTest::newRow("black hole after COMMIT")
            << TcpProxy::Mode::BlackHole << commit << TcpProxy::Cut::After;
        QTest::newRow("reset after COMMIT") << TcpProxy::Mode::Reset << commit << TcpProxy::Cut::After;
    }

    void cutMidTransaction()
    {
        QFETCH(TcpProxy::Mode, mode);
        QFETCH(QByteArray, message);
        QFETCH(TcpProxy::Cut, where);
        cutMidPush(mode, message, where);
    }

    void blackHoleWhileIdleThenQuery()
    {
        // A connection made before the cut, used after it: the next statement gives up too.
        m_db = QStringLiteral("office%1").arg(++m_offices);
        QVERIFY(m_pg->exec({QStringLiteral("CREATE DATABASE %1").arg(m_db)}));
        TcpProxy proxy(m_pg->port());
        auto desk = makeDesk(m_dir.filePath(m_db + QStringLiteral(".sqlite")), QStringLiteral("Gate idle"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 5));
        const qint64 queued = *Replicator::waiting(*desk->db);
        auto db = OfficeDatabase::connect(*OfficeUrl::parse(viaProxy(proxy)), Limits);
        QVERIFY(db);
        proxy.setMode(TcpProxy::Mode::BlackHole);
        QThread::msleep(2500); // idle longer than the limit: the silence of an idle link is no fault
        Replicator replicator(*desk->db, **db);
        QElapsedTimer t;
        t.start();
        auto count = replicator.sync();
        QVERIFY(!count);
        QCOMPARE(count.error().code, QStringLiteral("office.unreachable"));
        QVERIFY2(t.elapsed() < BoundMs, qPrintable(QStringLiteral("gave up after %1 ms").arg(t.elapsed())));
        QCOMPARE(*Replicator::waiting(*desk->db), queued);
        db->reset();
        proxy.setMode(TcpProxy::Mode::Forward);
        auto back = syncUntilDone(*desk, proxy);
        QVERIFY(back);
        checkOfficeEqualsDesk(*desk, *back);
    }
};

QTEST_GUILESS_MAIN(TestOfficeNetwork)
#include "test_office_network.moc"
