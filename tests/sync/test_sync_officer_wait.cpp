// Issue 18 item 13: a sync never blocks the officer. A big full bundle is
// applied in this process while another process (officer_writer, opening
// the desk as the window does) saves a record every 20 ms: no save fails and
// none waits 200 ms or more for SQLite's write lock behind the sync.
#include "SyncFixture.h"
#include "TestSupport.h"
#include "sync/BundleApplier.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace kp;
using namespace kp::test;

class TestSyncOfficerWait : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void officerSavesWhileABigBundleApplies()
    {
        SyncFixture fixture;
        auto desk = fixture.newDesk(QStringLiteral("desk.sqlite"));
        QVERIFY(applyBundleFile(*desk, fixture.makeBundle(1, 0, 5), fixture.clock()).ok());
        const QString big = fixture.makeBundle(2, 0, 300000, SyncFixture::RecordSignatures::Copied);

        QProcess officer;
        const QString stop = fixture.dir() + QStringLiteral("/stop");
        officer.start(QStringLiteral(KPDESK_OFFICER_WRITER),
                      {fixture.dir() + QStringLiteral("/desk.sqlite"), stop});
        QVERIFY(officer.waitForStarted());
        QVERIFY(officer.waitForReadyRead(30000));
        QCOMPARE(officer.readLine().trimmed(), QByteArray("ready"));

        QElapsedTimer t;
        t.start();
        const auto applied = applyBundleFile(*desk, big, fixture.clock());
        const qint64 applyMs = t.elapsed();
        QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().message));
        QFile stopFile(stop);
        QVERIFY(stopFile.open(QIODevice::WriteOnly));
        stopFile.close();
        QVERIFY(officer.waitForFinished(30000));
        QCOMPARE(officer.exitCode(), 0);
        const QString out = QString::fromUtf8(officer.readAllStandardOutput());
        const auto m =
            QRegularExpression(QStringLiteral("saves (\\d+) failed (\\d+) wait (\\d+) save (\\d+)"))
                .match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out + QString::fromUtf8(officer.readAllStandardError())));
        qInfo().noquote() << "apply" << applyMs << "ms;" << m.captured(0);
        QVERIFY2(applyMs > 1000, "the apply was too short to tell: make the bundle bigger");
        QCOMPARE(m.captured(2).toInt(), 0);
        // The officer saved all through the apply (every 20 ms when nothing
        // is slow; a loaded machine is slower at everything).
        QVERIFY2(m.captured(1).toInt() >= int(applyMs / 500), qPrintable(m.captured(0)));
        QVERIFY2(m.captured(3).toInt() < 200, qPrintable(m.captured(0)));
        QCOMPARE(desk->counts()->certs, 300000);
    }
};

QTEST_GUILESS_MAIN(TestSyncOfficerWait)
#include "test_sync_officer_wait.moc"
