// The desk's sync sources tried in order (kpdesk-cli sync, the window's Sync
// now, the first run), and the check a source gets before it is saved.
#include "SyncFixture.h"
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "sync/SyncClient.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace kp;

class TestSyncSources : public QObject
{
    Q_OBJECT

    // A folder with the published bundles copied in, but not the index: what
    // an officer gets when copying the .kpsync files alone to a USB stick.
    QString bundlesWithoutIndex(const test::SyncFixture& authority)
    {
        const QString folder = QDir(authority.dir()).filePath(QStringLiteral("bundles-only"));
        QDir().mkpath(folder);
        const QDir site(authority.site());
        for (const QString& f : site.entryList({QStringLiteral("*.kpsync")}, QDir::Files))
            QFile::copy(site.filePath(f), QDir(folder).filePath(f));
        return folder;
    }

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void eachSourceInTurnUntilOneWorks()
    {
        test::SyncFixture authority;
        authority.publish({{1, 0}, {2, 1}});
        auto desk = authority.newDesk(QStringLiteral("desk"));
        const QString unmounted = QDir(authority.dir()).filePath(QStringLiteral("media/usb"));
        const QString noIndex = bundlesWithoutIndex(authority);
        QStringList seen;
        const QList<SyncAttempt> attempts =
            syncFromSources(*desk, {unmounted, noIndex, authority.site()}, {}, authority.clock(),
                            [&](const SyncAttempt& a) { seen << a.source; });
        QCOMPARE(seen, (QStringList{unmounted, noIndex, authority.site()}));
        QCOMPARE(attempts.size(), 3);
        QVERIFY(!attempts[0].outcome);
        QCOMPARE(attempts[0].outcome.error().code, QStringLiteral("sync.source"));
        QVERIFY(!attempts[1].outcome);
        QVERIFY(attempts[2].outcome.ok());
        QCOMPARE(attempts[2].outcome->toSeq, quint64(2));
        QCOMPARE(attempts[2].outcome->applied.size(), 2);

        // Again: the first good source finds the desk current, and it is a success.
        const auto again = syncFromSources(*desk, {authority.site(), unmounted}, {}, authority.clock());
        QCOMPARE(again.size(), 1);
        QVERIFY(again[0].outcome.ok());
        QVERIFY(again[0].outcome->applied.isEmpty());
        QCOMPARE(again[0].outcome->toSeq, quint64(2));
    }

    void noSourcesNoAttempt()
    {
        test::SyncFixture authority;
        auto desk = authority.newDesk(QStringLiteral("desk"));
        QVERIFY(syncFromSources(*desk, {}, {}, authority.clock()).isEmpty());
    }

    void cancelledStopsAtOnce()
    {
        test::SyncFixture authority;
        authority.publish({{1, 0}});
        auto desk = authority.newDesk(QStringLiteral("desk"));
        FetchOptions options;
        options.cancelled = [] {
            return true;
        };
        const auto attempts =
            syncFromSources(*desk, {authority.site(), authority.site()}, options, authority.clock());
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts[0].outcome.error().code, QStringLiteral("sync.cancelled"));
    }

    void sourceCheckedBeforeItIsSaved()
    {
        test::SyncFixture authority;
        authority.publish({{1, 0}});
        QVERIFY(checkSyncSource(authority.site()).ok());
        QVERIFY(checkSyncSource(QStringLiteral("https://kp.example.org/desk")).ok());
        const QString bundle =
            QDir(authority.site()).entryInfoList({QStringLiteral("*.kpsync")}).value(0).filePath();
        QVERIFY(!bundle.isEmpty());
        QVERIFY(checkSyncSource(bundle).ok());

        const Status noIndex = checkSyncSource(bundlesWithoutIndex(authority));
        QVERIFY(!noIndex);
        QCOMPARE(noIndex.error().code, QStringLiteral("sync.no-index"));
        QVERIFY2(noIndex.error().message.contains(QStringLiteral("no sync index")),
                 qPrintable(noIndex.error().message));
        QVERIFY(noIndex.error().message.contains(QStringLiteral("authority publish")));

        const QString empty = QDir(authority.dir()).filePath(QStringLiteral("empty"));
        QDir().mkpath(empty);
        QCOMPARE(checkSyncSource(empty).error().code, QStringLiteral("sync.no-index"));
        QCOMPARE(checkSyncSource(QDir(authority.dir()).filePath(QStringLiteral("absent"))).error().code,
                 QStringLiteral("sync.source"));
        QCOMPARE(checkSyncSource(QStringLiteral("https://")).error().code, QStringLiteral("sync.source"));
        QCOMPARE(checkSyncSource(QString()).error().code, QStringLiteral("sync.source"));
    }
};

QTEST_GUILESS_MAIN(TestSyncSources)
#include "test_sync_sources.moc"
