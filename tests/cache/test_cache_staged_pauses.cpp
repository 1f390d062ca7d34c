// A staged sync leaves SQLite's write lock free only when another connection
// waits for it (issue 22 goal 3; core/cache/WriteWaitSignal_p.h): pausing
// after every hold whether anyone waited or not cost a tenth of a big apply.
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheWriter.h"
#include "cache/WriteWaitSignal_p.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace kp;

namespace {

// Writes certificate rows through `writer`, pacing after each, for `ms`
// milliseconds or until `stop` is set.
bool writeRows(CacheWriter& writer, qint64 ms, int& next, const std::atomic<bool>* stop = nullptr)
{
    const QByteArray cose(380, '\x42');
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms && !(stop && stop->load())) {
        const QByteArray number = "ZZ-" + QByteArray::number(next++);
        if (!writer.upsertCertificateRow({number, "ZZ", "2026-01-01", cose}) || !writer.pace())
            return false;
    }
    return true;
}

} // namespace

class TestCacheStagedPauses : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void aWaitIsSeenWhileFresh()
    {
        const QString path = m_dir.filePath(QStringLiteral("fresh.sqlite"));
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        WriteWaitSignal reader(path);
        WriteWaitSignal waiter(path);
        QCOMPARE(reader.lastWait(), std::optional<std::int64_t>(0)); // nobody ever waited
        const std::int64_t before = WriteWaitSignal::nowMicroseconds();
        waiter.announce();
        const auto seen = reader.lastWait();
        QVERIFY(seen && *seen >= before);
        QThread::msleep(WriteWaitSignal::FreshMs + 20);
        QCOMPARE(reader.lastWait(), std::optional<std::int64_t>(0)); // that wait is long over
    }

    void anUnreadableSignalIsNotNobody()
    {
        // No "<cache>.inuse" to read: the reader cannot tell (and pauses as before).
        WriteWaitSignal reader(m_dir.filePath(QStringLiteral("no-such-desk.sqlite")));
        QVERIFY(!reader.lastWait().has_value());
    }

    void pausesOnlyWhenAnotherConnectionWaits()
    {
        const QString path = m_dir.filePath(QStringLiteral("desk.sqlite"));
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        auto writer = CacheWriter::beginStaged(**db, CacheWriter::Staging::Replace);
        QVERIFY(writer.ok());
        int next = 0;
        // Several holds of 60 ms and nobody waiting: commits, no pause.
        QVERIFY(writeRows(**writer, 400, next));
        QCOMPARE((*writer)->pauses(), 0);

        // Another connection (a window's save) asks for the write lock.
        std::atomic<bool> saved{false};
        std::atomic<bool> failed{false};
        QThread* officer = QThread::create([&] {
            auto other = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
            bool ok = other.ok();
            if (ok) {
                QSqlQuery q((*other)->connection());
                ok = q.exec(QStringLiteral("BEGIN IMMEDIATE")) && q.exec(QStringLiteral("COMMIT"));
            }
            (ok ? saved : failed) = true;
        });
        officer->start();
        QVERIFY(writeRows(**writer, 4000, next, &saved));
        QVERIFY(officer->wait(10000));
        delete officer;
        QVERIFY(!failed.load());
        QVERIFY(saved.load());
        QVERIFY((*writer)->pauses() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestCacheStagedPauses)
#include "test_cache_staged_pauses.moc"
