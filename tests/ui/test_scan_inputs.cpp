// The other ways a certificate arrives: camera frames (fed from an image, as
// the test machine has no camera), decoded off the GUI thread, and a 2D
// imager on a serial port (a pseudo-terminal here).
#include "TestSupport.h"

#include "FrameDecoder.h"
#include "InspectionView.h"
#include "MainWindow.h"
#include "SerialScanner.h"
#include "VerdictBanner.h"

#include "authority/DemoDesk.h"
#include "barcode/BarcodeWriter.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"

#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

using namespace kp;
using namespace kp::ui;

namespace {

// A 1080p camera frame: a desk, the printed code turned a little.
QImage cameraFrame(const QString& text, qreal degrees)
{
    QImage frame(1920, 1080, QImage::Format_RGB32);
    frame.fill(QColor(150, 145, 140));
    QPainter p(&frame);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.translate(1000, 540);
    p.rotate(degrees);
    const QImage code = *BarcodeWriter::render(text, BarcodeWriter::Symbology::Qr, 5);
    p.drawImage(-code.width() / 2, -code.height() / 2, code);
    return frame;
}

} // namespace

class TestScanInputs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
    DemoDesk m_desk;

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY(desk.ok());
        m_desk = *desk;
    }

    void cameraFramesAreDecodedOffTheGuiThread()
    {
        const QString text = m_desk.samples.first().text;
        FrameDecoder decoder;
        QSignalSpy found(&decoder, &FrameDecoder::found);
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        std::atomic<Qt::HANDLE> decodingThread = nullptr;
        // Thirty frames at camera pace; the GUI thread only hands them over
        // (how long it is busy is measured in bench/gui, not here).
        for (int i = 0; i < 30; ++i) {
            decoder.submit(FrameDecoder::FrameSource([&decodingThread, text, i] {
                decodingThread = QThread::currentThreadId();
                return cameraFrame(text, 3.0 + i % 5);
            }));
            QTest::qWait(33);
        }
        QTRY_VERIFY_WITH_TIMEOUT(found.count() >= 1, 10000);
        QVERIFY(decoded.count() >= 2); // frames that came while one was decoding were dropped, not queued
        QVERIFY(decoded.count() <= 30);
        QCOMPARE(found.count(), 1); // the same code in view is one scan
        QCOMPARE(found.first().at(0).toString(), text);
        QVERIFY(decodingThread.load() != QThread::currentThreadId());
    }

    void cameraScanReachesTheVerdict()
    {
        const QString copy = m_dir.filePath(QStringLiteral("camera.sqlite"));
        QVERIFY(QFile::copy(m_desk.dbPath, copy));
        auto db = CacheDatabase::open(copy, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        MainWindow window(**db, m_clock);
        window.show();
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        QSignalSpy shown(&window, &MainWindow::inspectionShown);
        FrameDecoder* decoder = window.findChild<FrameDecoder*>();
        QVERIFY(decoder);
        decoder->submit(cameraFrame(m_desk.samples.first().text, 6));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
        QVERIFY(window.inspectionView()->banner()->headline().startsWith(QStringLiteral("ACCEPT")));
    }

    // A camera on a locked desk: the code is seen, nothing is verified or
    // recorded, the desk says so.
    void cameraScanOnALockedDeskDoesNothing()
    {
        const QString copy = m_dir.filePath(QStringLiteral("camera-locked.sqlite"));
        QVERIFY(QFile::copy(m_desk.dbPath, copy));
        auto db = CacheDatabase::open(copy, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        MainWindow window(**db, m_clock);
        window.show();
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        window.lockNow();
        QVERIFY(window.isLocked());
        QSignalSpy shown(&window, &MainWindow::inspectionShown);
        QSignalSpy refused(&window, &MainWindow::scanRefused);
        FrameDecoder* decoder = window.findChild<FrameDecoder*>();
        QVERIFY(decoder);
        decoder->submit(cameraFrame(m_desk.samples.first().text, 6));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);
        QCOMPARE(shown.count(), 0);
        QVERIFY(refused.first().at(0).toString().startsWith(QStringLiteral("Locked: sign in to scan")));
        QVERIFY(!window.currentInspectionId());
    }

    void serialImagerSendsLines()
    {
        const int master = posix_openpt(O_RDWR | O_NOCTTY);
        QVERIFY(master >= 0);
        QVERIFY(grantpt(master) == 0 && unlockpt(master) == 0);
        const QString slave = QString::fromLocal8Bit(ptsname(master));

        SerialScanner scanner;
        QVERIFY2(scanner.open(slave), qPrintable(scanner.errorString()));
        QSignalSpy scanned(&scanner, &SerialScanner::scanned);
        const QByteArray kp1 = m_desk.samples.first().text.toLatin1();
        // A long code arrives in pieces, then a number; CR LF and LF both end a scan.
        QVERIFY(::write(master, kp1.constData(), 300) == 300);
        QTest::qWait(50);
        QVERIFY(::write(master, kp1.constData() + 300, size_t(kp1.size() - 300)) == kp1.size() - 300);
        QVERIFY(::write(master, "\r\nCA-2026-10042\n", 16) == 16);
        QTRY_COMPARE(scanned.count(), 2);
        QCOMPARE(scanned.at(0).at(0).toString(), QString::fromLatin1(kp1));
        QCOMPARE(scanned.at(1).at(0).toString(), QStringLiteral("CA-2026-10042"));
        scanner.close();
        ::close(master);
    }

    void serialScannerInTheWindow()
    {
        const int master = posix_openpt(O_RDWR | O_NOCTTY);
        QVERIFY(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
        const QString copy = m_dir.filePath(QStringLiteral("serial.sqlite"));
        QVERIFY(QFile::copy(m_desk.dbPath, copy));
        auto db = CacheDatabase::open(copy, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        MainWindow window(**db, m_clock);
        window.show();
        QVERIFY(window.signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        QVERIFY(window.useSerialScanner(QString::fromLocal8Bit(ptsname(master))));
        QSignalSpy shown(&window, &MainWindow::inspectionShown);
        const QByteArray line = m_desk.samples.first().text.toLatin1() + "\r\n";
        QVERIFY(::write(master, line.constData(), size_t(line.size())) == line.size());
        QTRY_COMPARE(shown.count(), 1);
        QVERIFY(window.inspectionView()->banner()->headline().startsWith(QStringLiteral("ACCEPT")));
        window.useSerialScanner(QString());
        ::close(master);
    }
};

QTEST_MAIN(TestScanInputs)
#include "test_scan_inputs.moc"
