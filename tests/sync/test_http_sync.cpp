// Sync over a real web server (nginx from Debian, started here on a loopback
// port with its own configuration), over HTTPS with a CA made here, from a
// folder, and from servers that misbehave.
#include "Nginx.h"
#include "SyncFixture.h"
#include "TestSupport.h"
#include "sync/SyncClient.h"

#include <QDir>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

using namespace kp;
using namespace kp::test;

namespace {

// A server that accepts connections and answers with `behaviour`, in its own thread.
class BadServer : public QThread
{
public:
    enum Behaviour { Stall, Garbage, Error500, Trickle, SlowHeaders, SlowBody };
    explicit BadServer(Behaviour b) : m_behaviour(b)
    {
        m_port = freePort();
        start();
        m_ready.acquire();
    }
    ~BadServer() override
    {
        requestInterruption();
        wait();
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/").arg(m_port); }
    int requests() const { return m_requests.loadRelaxed(); }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, m_port);
        m_ready.release();
        std::vector<std::unique_ptr<QTcpSocket>> open;
        while (!isInterruptionRequested()) {
            if (!server.waitForNewConnection(50))
                continue;
            std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            m_requests.fetchAndAddRelaxed(1);
            socket->waitForReadyRead(1000);
            if (m_behaviour == Garbage) {
                socket->write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\nthis is not what a sync index looks like");
                socket->waitForBytesWritten(1000);
                socket->disconnectFromHost();
            } else if (m_behaviour == Error500) {
                socket->write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
                socket->waitForBytesWritten(1000);
                socket->disconnectFromHost();
            }
            if (m_behaviour == Trickle) {
                // Promises a big file, then sends a byte every 100 ms.
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
                for (int i = 0; i < 40 && !isInterruptionRequested() &&
                                socket->state() == QAbstractSocket::ConnectedState;
                     ++i) {
                    socket->write("x");
                    socket->waitForBytesWritten(100);
                    QThread::msleep(100);
                }
            }
            if (m_behaviour == SlowHeaders || m_behaviour == SlowBody) {
                // Slowloris: a byte every 200 ms, for up to two minutes; the
                // headers never end, or the body of a big file comes that way.
                socket->write(m_behaviour == SlowHeaders
                                  ? QByteArray("HTTP/1.1 200 OK\r\nX-Slow: ")
                                  : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"));
                for (int i = 0; i < 600 && !isInterruptionRequested() &&
                                socket->state() == QAbstractSocket::ConnectedState;
                     ++i) {
                    socket->write("a");
                    socket->waitForBytesWritten(200);
                    QThread::msleep(200);
                }
            }
            open.push_back(std::move(socket)); // Stall: never answer
        }
    }

private:
    Behaviour m_behaviour;
    quint16 m_port = 0;
    QSemaphore m_ready;
    QAtomicInt m_requests;
};

// Serves a folder, but cuts the first download of each .kpsync file half
// way; later requests honour Range, as a real server does.
class CuttingServer : public QThread
{
public:
    explicit CuttingServer(const QString& root) : m_root(root)
    {
        m_port = freePort();
        start();
        m_ready.acquire();
    }
    ~CuttingServer() override
    {
        requestInterruption();
        wait();
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/").arg(m_port); }
    QStringList requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, m_port);
        m_ready.release();
        QSet<QString> cut;
        while (!isInterruptionRequested()) {
            if (!server.waitForNewConnection(50))
                continue;
            std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            QByteArray request;
            while (!request.contains("\r\n\r\n") && socket->waitForReadyRead(2000))
                request += socket->readAll();
            const QString path = QString::fromLatin1(request.split(' ').value(1)).mid(1);
            qint64 from = 0;
            const int range = request.indexOf("Range: bytes=");
            if (range >= 0)
                from = request.mid(range + 13, request.indexOf('-', range + 13) - range - 13).toLongLong();
            {
                QMutexLocker lock(&m_mutex);
                m_requests << QStringLiteral("%1 from %2").arg(path).arg(from);
            }
            const QByteArray body = readFile(m_root + QLatin1Char('/') + path);
            QByteArray head;
            if (from > 0)
                head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(from) +
                       '-' + QByteArray::number(body.size() - 1) + '/' + QByteArray::number(body.size()) +
                       "\r\n";
            else
                head = "HTTP/1.1 200 OK\r\n";
            const QByteArray rest = body.mid(from);
            socket->write(head + "Content-Length: " + QByteArray::number(rest.size()) +
                          "\r\nConnection: close\r\n\r\n");
            if (path.endsWith(QLatin1String(".kpsync")) && !cut.contains(path)) {
                cut.insert(path);
                socket->write(rest.left(rest.size() / 2)); // then the line goes dead
            } else {
                socket->write(rest);
            }
            socket->waitForBytesWritten(5000);
            socket->disconnectFromHost();
            if (socket->state() != QAbstractSocket::UnconnectedState)
                socket->waitForDisconnected(2000);
        }
    }

private:
    QString m_root;
    quint16 m_port = 0;
    QSemaphore m_ready;
    mutable QMutex m_mutex;
    QStringList m_requests;
};

// Serves `index` from a folder in full, and every bundle as a trickle: the
// headers, then a byte every 100 ms; counts the bytes it trickled.
class TricklingBundleServer : public QThread
{
public:
    explicit TricklingBundleServer(const QString& root) : m_root(root)
    {
        m_port = freePort();
        start();
        m_ready.acquire();
    }
    ~TricklingBundleServer() override
    {
        requestInterruption();
        wait();
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/").arg(m_port); }
    int trickled() const { return m_trickled.loadRelaxed(); }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, m_port);
        m_ready.release();
        while (!isInterruptionRequested()) {
            if (!server.waitForNewConnection(50))
                continue;
            std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            QByteArray request;
            while (!request.contains("\r\n\r\n") && socket->waitForReadyRead(2000))
                request += socket->readAll();
            const QString path = QString::fromLatin1(request.split(' ').value(1)).mid(1);
            const QByteArray body = readFile(m_root + QLatin1Char('/') + path);
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\nConnection: close\r\n\r\n");
            if (!path.endsWith(QLatin1String(".kpsync"))) {
                socket->write(body);
            } else {
                for (qsizetype i = 0; i < body.size() && !isInterruptionRequested() &&
                                      socket->state() == QAbstractSocket::ConnectedState;
                     ++i) {
                    socket->write(body.mid(i, 1));
                    socket->waitForBytesWritten(100);
                    m_trickled.fetchAndAddRelaxed(1);
                    QThread::msleep(100);
                }
            }
            socket->waitForBytesWritten(2000);
            socket->disconnectFromHost();
            if (socket->state() != QAbstractSocket::UnconnectedState)
                socket->waitForDisconnected(2000);
        }
    }

private:
    QString m_root;
    quint16 m_port = 0;
    QSemaphore m_ready;
    QAtomicInt m_trickled;
};

} // namespace

class TestHttpSync : public QObject
{
    Q_OBJECT

    FetchOptions quickOptions(const QString& downloads)
    {
        FetchOptions o;
        o.idleTimeoutMs = 2000;
        o.lowSpeedWindowMs = 1000;
        o.retries = 1;
        o.backoffMs = 100;
        o.downloadDir = downloads;
        return o;
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(!Nginx::nginxPath().isEmpty(),
                 "nginx is needed (Debian package nginx-light); ./dev.sh installs it");
    }

    void fullThenDeltasOverHttp()
    {
        SyncFixture f;
        f.publish({{1, 0}, {2, 1}, {3, 2}});
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), f.site());
        QVERIFY2(nginx.running(), qPrintable(nginx.output()));
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const auto outcome =
            syncFrom(*desk, nginx.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
        QCOMPARE(outcome->applied.size(), 3);
        QCOMPARE(outcome->applied[0].base, quint64(0));
        QCOMPARE(desk->syncState()->seq, quint64(3));
        QCOMPARE(desk->counts()->certs, 9);
        QVERIFY(desk->revocation(QStringLiteral("BW-R3"))->has_value());

        // Already current: says so and changes nothing.
        const QStringList before = dumpCache(*desk);
        const auto again =
            syncFrom(*desk, nginx.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY(again.ok());
        QVERIFY(again->applied.isEmpty());
        QCOMPARE(dumpCache(*desk), before);
    }

    void deskSeveralDeltasBehindTakesOnlyDeltas()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        QVERIFY(syncFrom(*desk, f.site(), {}, f.clock()).ok()); // from the folder, as from a USB stick
        f.publish({{2, 1}, {3, 2}, {4, 3}});
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), f.site());
        const auto outcome =
            syncFrom(*desk, nginx.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
        QCOMPARE(outcome->applied.size(), 3);
        for (const IndexEntry& e : outcome->applied)
            QVERIFY(e.base != 0);
        QCOMPARE(desk->syncState()->seq, quint64(4));
        QVERIFY(!nginx.accessLog().contains(QStringLiteral("full-1.kpsync")));
    }

    void deskWithoutDeltaChainTakesNewFull()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        QVERIFY(syncFrom(*desk, f.site(), {}, f.clock()).ok());
        // The authority published a new snapshot at 5 and a delta after it; 1 -> 5 has no chain.
        f.publish({{5, 0}, {6, 5}});
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), f.site());
        const auto outcome =
            syncFrom(*desk, nginx.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
        QCOMPARE(outcome->applied.size(), 2);
        QCOMPARE(outcome->applied[0].file, QStringLiteral("full-5.kpsync"));
        QCOMPARE(desk->syncState()->seq, quint64(6));
        QVERIFY(
            !desk->certificateRecord(QStringLiteral("BW-100000"))->has_value()); // the full replaced seq 1
    }

    void indexSignedByAnotherKeyIsRefused()
    {
        SyncFixture f;
        SyncFixture other;
        other.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const QStringList before = dumpCache(*desk);
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), other.site());
        const auto outcome =
            syncFrom(*desk, nginx.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, QStringLiteral("index.signature"));
        QCOMPARE(dumpCache(*desk), before);
        QCOMPARE(desk->syncState()->lastError, outcome.error().message);
    }

    void fileWhoseHashDiffersIsRefused()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        QVERIFY(syncFrom(*desk, f.site(), {}, f.clock()).ok());
        f.publish({{2, 1}});
        // Same length, one byte changed after the index was signed.
        QFile delta(f.site() + QStringLiteral("/delta-1-2.kpsync"));
        QVERIFY(delta.open(QIODevice::ReadWrite));
        QByteArray bytes = delta.readAll();
        bytes[bytes.size() - 3] = char(bytes[bytes.size() - 3] ^ 0x20);
        delta.seek(0);
        delta.write(bytes);
        delta.close();
        const QStringList before = dumpCache(*desk);
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), f.site());
        const auto outcome =
            syncFrom(*desk, nginx.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, QStringLiteral("sync.hash"));
        QCOMPARE(dumpCache(*desk), before);
        // From the folder too.
        const auto fromFolder = syncFrom(*desk, f.site(), {}, f.clock());
        QVERIFY(!fromFolder.ok());
        QCOMPARE(fromFolder.error().code, QStringLiteral("sync.hash"));
    }

    void interruptedDownloadResumesWithRange()
    {
        SyncFixture f;
        f.publish({{1, 0}}, 3000); // about a megabyte
        const QString downloads = f.dir() + QStringLiteral("/dl");
        QDir().mkpath(downloads);
        // What an earlier, cut-off download left behind: the first 40 %.
        const QByteArray whole = readFile(f.site() + QStringLiteral("/full-1.kpsync"));
        QFile part(downloads + QStringLiteral("/full-1.kpsync.part"));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(whole.left(whole.size() * 4 / 10));
        part.close();
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), f.site());
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const auto outcome = syncFrom(*desk, nginx.url(), quickOptions(downloads), f.clock());
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
        QCOMPARE(desk->counts()->certs, 3000);
        // nginx answered 206 with only the rest of the file.
        const QString log = nginx.accessLog();
        QVERIFY2(log.contains(QStringLiteral("\"GET /full-1.kpsync HTTP/1.1\" 206 %1")
                                  .arg(whole.size() - whole.size() * 4 / 10)),
                 qPrintable(log));
        QVERIFY(!QFile::exists(part.fileName())); // a finished download is not kept
    }

    void connectionCutHalfWayIsResumed()
    {
        SyncFixture f;
        f.publish({{1, 0}}, 2000);
        CuttingServer server(f.site());
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const auto outcome =
            syncFrom(*desk, server.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
        QCOMPARE(desk->counts()->certs, 2000);
        // The cut download was taken up again with a Range from where it
        // stopped (Qt itself may also try once more on its own under load).
        const QStringList requests = server.requests();
        const QString all = requests.join(QStringLiteral(" | "));
        QCOMPARE(requests.value(1), QStringLiteral("full-1.kpsync from 0"));
        QVERIFY2(requests.size() <= 4, qPrintable(all));
        QVERIFY2(requests.last().startsWith(QStringLiteral("full-1.kpsync from ")) &&
                     !requests.last().endsWith(QStringLiteral(" 0")),
                 qPrintable(all));
    }

    void httpsWithPinnedCa()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        const QString tlsDir = f.dir() + QStringLiteral("/tls");
        QDir().mkpath(tlsDir);
        // A CA and a server certificate for 127.0.0.1, made with the openssl tool.
        QVERIFY2(makeServerTls(tlsDir), "the openssl tool is needed; ./dev.sh installs it");
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), f.site(), tlsDir + QStringLiteral("/server.pem"),
                    tlsDir + QStringLiteral("/server.key"));
        QVERIFY2(nginx.running(), qPrintable(nginx.output()));
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));

        // Without the pinned CA the server is not trusted.
        FetchOptions options = quickOptions(f.dir() + QStringLiteral("/dl"));
        const auto untrusted = syncFrom(*desk, nginx.url(QStringLiteral("https")), options, f.clock());
        QVERIFY(!untrusted.ok());
        QVERIFY2(untrusted.error().message.contains(QStringLiteral("TLS")),
                 qPrintable(untrusted.error().message));
        QCOMPARE(desk->syncState()->seq, quint64(0));

        options.pinnedCaPath = tlsDir + QStringLiteral("/ca.pem");
        const auto trusted = syncFrom(*desk, nginx.url(QStringLiteral("https")), options, f.clock());
        QVERIFY2(trusted.ok(), qPrintable(trusted.ok() ? QString() : trusted.error().message));
        QCOMPARE(desk->syncState()->seq, quint64(1));
    }

    void misbehavingServers_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::addColumn<QString>("expected");
        QTest::newRow("stalls") << int(BadServer::Stall) << "timed out";
        QTest::newRow("answers garbage") << int(BadServer::Garbage) << "malformed";
        QTest::newRow("HTTP 500") << int(BadServer::Error500) << "HTTP 500";
        QTest::newRow("trickle of bytes") << int(BadServer::Trickle) << "too slowly";
    }
    void misbehavingServers()
    {
        QFETCH(int, behaviour);
        QFETCH(QString, expected);
        SyncFixture f;
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const QStringList before = dumpCache(*desk);
        BadServer server{BadServer::Behaviour(behaviour)};
        QElapsedTimer t;
        t.start();
        const auto outcome =
            syncFrom(*desk, server.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error().message.contains(expected), qPrintable(outcome.error().message));
        QVERIFY(t.elapsed() < 20000); // never hangs
        QCOMPARE(dumpCache(*desk), before);
        if (behaviour != int(BadServer::Garbage))
            QTRY_COMPARE(server.requests(), 2); // the first try and one retry
    }

    // Issue 18 item 9: a byte every 200 ms, inside the idle timeout and (for
    // the body) fast enough for the low-speed check, for minutes; the sync's
    // own deadline ends it.
    void slowlorisServerMeetsTheSyncDeadline_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::newRow("headers a byte at a time") << int(BadServer::SlowHeaders);
        QTest::newRow("body a byte at a time") << int(BadServer::SlowBody);
    }
    void slowlorisServerMeetsTheSyncDeadline()
    {
        QFETCH(int, behaviour);
        SyncFixture f;
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const QStringList before = dumpCache(*desk);
        BadServer server{BadServer::Behaviour(behaviour)};
        FetchOptions options = quickOptions(f.dir() + QStringLiteral("/dl"));
        options.idleTimeoutMs = 10000;
        options.lowSpeedBytes = 1;
        options.deadlineMs = 3000;
        QElapsedTimer t;
        t.start();
        const auto outcome = syncFrom(*desk, server.url(), options, f.clock());
        const qint64 took = t.elapsed();
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, QStringLiteral("sync.deadline"));
        QVERIFY2(outcome.error().message.contains(QStringLiteral("limit of 3 s")),
                 qPrintable(outcome.error().message));
        QVERIFY2(took >= 2900 && took < 6000, qPrintable(QString::number(took)));
        QCOMPARE(server.requests(), 1); // no retry past the deadline
        QCOMPARE(dumpCache(*desk), before);
        QCOMPARE(desk->syncState()->lastError, outcome.error().message);
    }

    // The deadline is the whole sync's: a bundle that trickles in fast enough
    // for the low-speed check still ends at it, the part is kept to resume,
    // and the desk's database stays writable all along (a transfer holds no
    // write lock: an officer's save never waits for the network).
    void tricklingBundleMeetsTheDeadlineWithoutLockingTheDesk()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const QStringList before = dumpCache(*desk);
        TricklingBundleServer server(f.site());
        const QString downloads = f.dir() + QStringLiteral("/dl");
        FetchOptions options = quickOptions(downloads);
        options.lowSpeedBytes = 1; // a byte every 100 ms is "fast enough"
        options.deadlineMs = 3000;
        bool wrote = false;
        qint64 writeMs = -1;
        int trickledWhenWritten = 0;
        QString writeError;
        // Runs inside the sync's event loop, while the bundle trickles in.
        QTimer::singleShot(1500, [&] {
            trickledWhenWritten = server.trickled();
            QElapsedTimer w;
            w.start();
            auto other = CacheDatabase::open(desk->path(), CacheDatabase::OpenMode::MustExist);
            if (!other) {
                writeError = other.error().message;
                return;
            }
            const Status s =
                (*other)->recordSyncAttempt(f.clock().nowUtc(), QStringLiteral("written meanwhile"));
            wrote = s.ok();
            writeError = s ? QString() : s.error().message;
            writeMs = w.elapsed();
        });
        QElapsedTimer t;
        t.start();
        const auto outcome = syncFrom(*desk, server.url(), options, f.clock());
        const qint64 took = t.elapsed();
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, QStringLiteral("sync.deadline"));
        QVERIFY2(took < 6000, qPrintable(QString::number(took)));
        QVERIFY2(trickledWhenWritten > 0, "the write came before the bundle started");
        QVERIFY2(wrote, qPrintable(writeError));
        QVERIFY2(writeMs < 1000, qPrintable(QString::number(writeMs)));
        QCOMPARE(dumpCache(*desk), before);
        // What came is kept for the next sync to resume.
        const QFileInfo part(downloads + QStringLiteral("/full-1.kpsync.part"));
        QVERIFY(part.exists());
        QVERIFY(part.size() > 0);
    }

    void missingIndexIs404()
    {
        SyncFixture f;
        QDir().mkpath(f.site());
        Nginx nginx(f.dir() + QStringLiteral("/nginx"), f.site());
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const auto outcome =
            syncFrom(*desk, nginx.url(), quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error().message.contains(QStringLiteral("HTTP 404")),
                 qPrintable(outcome.error().message));
    }

    void unreachableServer()
    {
        SyncFixture f;
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const QString closed = QStringLiteral("http://127.0.0.1:%1/").arg(freePort());
        const auto outcome =
            syncFrom(*desk, closed, quickOptions(f.dir() + QStringLiteral("/dl")), f.clock());
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error().message.contains(QStringLiteral("refused")),
                 qPrintable(outcome.error().message));
    }
};

QTEST_GUILESS_MAIN(TestHttpSync)
#include "test_http_sync.moc"
