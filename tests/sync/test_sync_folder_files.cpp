// Issue 18 items 2 and 8: a sync folder (a USB stick, a share) holds
// whatever anyone put there. Its index and bundles are read only when they
// are regular files, with a size limit, once: a link to /dev/zero or a FIFO
// ends the sync at once with a reason, and the bundle applied is the copy
// whose bytes were hashed, whatever happens to the folder afterwards.
#include "SyncFixture.h"
#include "TestSupport.h"
#include "sync/BundleApplier.h"
#include "sync/SyncClient.h"
#include "sync/SyncIndex.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace kp;
using namespace kp::test;

namespace {

// The process's peak resident memory so far, in MiB.
long peakMemoryMiB()
{
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

// Replaces `path` with a symbolic link to `target`, or with a FIFO.
void replaceWithLink(const QString& path, const QString& target)
{
    QFile::remove(path);
    QVERIFY(QFile::link(target, path));
}

void replaceWithFifo(const QString& path)
{
    QFile::remove(path);
    QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
}

} // namespace

class TestSyncFolderFiles : public QObject
{
    Q_OBJECT

    // Syncs a desk from the folder and expects a quick refusal naming why.
    void expectQuickRefusal(SyncFixture& f, CacheDatabase& desk, const QString& code, const QString& words)
    {
        const QStringList before = dumpCache(desk);
        const long memoryBefore = peakMemoryMiB();
        FetchOptions options;
        options.downloadDir = f.dir() + QStringLiteral("/dl");
        QElapsedTimer t;
        t.start();
        const auto outcome = syncFrom(desk, f.site(), options, f.clock());
        QVERIFY(!outcome.ok());
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(outcome.error().code, code);
        QVERIFY2(outcome.error().message.contains(words), qPrintable(outcome.error().message));
        QVERIFY2(peakMemoryMiB() - memoryBefore < 64,
                 qPrintable(QStringLiteral("%1 MiB more").arg(peakMemoryMiB() - memoryBefore)));
        QCOMPARE(dumpCache(desk), before);
        QCOMPARE(desk.syncState()->lastError, outcome.error().message);
    }

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void indexLinkedToDevZeroIsRefused()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        replaceWithLink(f.site() + QStringLiteral("/index"), QStringLiteral("/dev/zero"));
        expectQuickRefusal(f, *desk, QStringLiteral("sync.fetch"), QStringLiteral("not a regular file"));
    }

    void indexThatIsAFifoIsRefusedWithoutBlocking()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        replaceWithFifo(f.site() + QStringLiteral("/index"));
        expectQuickRefusal(f, *desk, QStringLiteral("sync.fetch"), QStringLiteral("not a regular file"));
    }

    void indexThatIsAFolderIsRefused()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        QFile::remove(f.site() + QStringLiteral("/index"));
        QVERIFY(QDir().mkpath(f.site() + QStringLiteral("/index")));
        expectQuickRefusal(f, *desk, QStringLiteral("sync.fetch"), QStringLiteral("not a regular file"));
    }

    void indexLargerThanTheLimitIsRefused()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        QFile index(f.site() + QStringLiteral("/index"));
        QVERIFY(index.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(index.write(QByteArray(SyncIndex::MaxSize + 1, 'x')) == SyncIndex::MaxSize + 1);
        index.close();
        expectQuickRefusal(f, *desk, QStringLiteral("index.invalid"), QStringLiteral("too large"));
    }

    void bundleLinkedToDevZeroIsRefused()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        replaceWithLink(f.site() + QStringLiteral("/full-1.kpsync"), QStringLiteral("/dev/zero"));
        expectQuickRefusal(f, *desk, QStringLiteral("sync.fetch"), QStringLiteral("not a regular file"));
    }

    void bundleThatIsAFifoIsRefusedWithoutBlocking()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        replaceWithFifo(f.site() + QStringLiteral("/full-1.kpsync"));
        expectQuickRefusal(f, *desk, QStringLiteral("sync.fetch"), QStringLiteral("not a regular file"));
    }

    void bundleLongerThanTheIndexSaysIsRefused()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        QFile bundle(f.site() + QStringLiteral("/full-1.kpsync"));
        QVERIFY(bundle.open(QIODevice::Append));
        bundle.write("more");
        bundle.close();
        expectQuickRefusal(f, *desk, QStringLiteral("sync.hash"), QStringLiteral("the index says"));
    }

    // A link to a regular file is a file: a mirror may link its index.
    void indexLinkedToARegularFileIsRead()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const QString real = f.dir() + QStringLiteral("/index-elsewhere");
        QVERIFY(QFile::rename(f.site() + QStringLiteral("/index"), real));
        replaceWithLink(f.site() + QStringLiteral("/index"), real);
        const auto outcome = syncFrom(*desk, f.site(), {}, f.clock());
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
        QCOMPARE(desk->syncState()->seq, quint64(1));
    }

    // Item 2: the bundle is read once, into the desk's own copy, while it is
    // hashed; what the applier gets is those bytes, whatever the folder holds
    // afterwards.
    void theBundleAppliedIsTheCopyWhoseBytesWereHashed()
    {
        SyncFixture f;
        f.publish({{1, 0}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        const QString original = f.site() + QStringLiteral("/full-1.kpsync");
        const QByteArray published = readFile(original);
        FetchOptions options;
        options.downloadDir = f.dir() + QStringLiteral("/dl");
        QString fetched;
        {
            auto source = SyncSource::open(f.site(), options);
            QVERIFY(source.ok());
            auto indexBytes = (*source)->fetchIndex();
            QVERIFY(indexBytes.ok());
            auto index = SyncIndex::fromSigned(*indexBytes, *desk->pinnedBundleKeys());
            QVERIFY2(index.ok(), qPrintable(index.ok() ? QString() : index.error().message));
            const IndexEntry entry = index->full;
            auto file = (*source)->fetchFile(entry);
            QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
            fetched = *file;
            QVERIFY(QFileInfo(fetched).absolutePath() != QFileInfo(original).absolutePath());
            QCOMPARE(readFile(fetched), published);
            QCOMPARE(QCryptographicHash::hash(readFile(fetched), QCryptographicHash::Sha256), entry.sha256);

            // The stick's bundle changes now (same length, one byte): the copy does not.
            QByteArray altered = published;
            altered[altered.size() - 3] = char(altered[altered.size() - 3] ^ 0x20);
            QFile stick(original);
            QVERIFY(stick.open(QIODevice::WriteOnly | QIODevice::Truncate));
            stick.write(altered);
            stick.close();
            QCOMPARE(readFile(fetched), published);
            const auto applied = applyBundleFile(*desk, fetched, f.clock());
            QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().message));
            QCOMPARE(applied->seq, quint64(1));
        }
        // The copy goes with the sync that made it.
        QVERIFY(!QFile::exists(fetched));
    }

    // A whole sync from a folder leaves no copies behind, with or without a download folder.
    void aSyncFromAFolderLeavesNoCopies()
    {
        SyncFixture f;
        f.publish({{1, 0}, {2, 1}});
        auto desk = f.newDesk(QStringLiteral("desk.sqlite"));
        FetchOptions options;
        options.downloadDir = f.dir() + QStringLiteral("/dl");
        const auto outcome = syncFrom(*desk, f.site(), options, f.clock());
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message));
        QCOMPARE(outcome->applied.size(), 2);
        QCOMPARE(QDir(options.downloadDir).entryList(QDir::Files), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSyncFolderFiles)
#include "test_sync_folder_files.moc"
