// The intake alone, without a window: every input gives a text to verify
// (with how it was read and its image) or the reason nothing can be.
#include "CliRun.h"
#include "TestSupport.h"

#include "FrameDecoder.h"
#include "ScanIntake.h"
#include "SerialScanner.h"
#include "WedgeScanFilter.h"

#include "authority/DemoDesk.h"
#include "barcode/BarcodeWriter.h"
#include "format/Kp1.h"
#include "util/Clock.h"

#include <QClipboard>
#include <QDialog>
#include <QJsonArray>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

using namespace kp;
using namespace kp::ui;

namespace {

// As a USB HID scanner sends it: Shift pressed, the character with
// ShiftModifier, Shift released for each capital; then Enter.
void hidBurst(QWidget* w, const QString& text)
{
    for (const QChar c : text) {
        if (c.isUpper()) {
            QTest::keyPress(w, Qt::Key_Shift, Qt::ShiftModifier);
            QTest::keyClick(w, c.toLatin1(), Qt::ShiftModifier);
            QTest::keyRelease(w, Qt::Key_Shift, Qt::NoModifier);
        } else {
            QTest::keyClick(w, c.toLatin1());
        }
    }
    QTest::keyClick(w, Qt::Key_Return);
}

QStringList texts(const QSignalSpy& spy)
{
    QStringList out;
    for (const QList<QVariant>& args : spy)
        out << args.at(0).toString();
    return out;
}

} // namespace

class TestScanIntake : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
    DemoDesk m_desk;

    QString sampleImage(QStringView key) const { return m_desk.sample(key)->imagePath; }
    QString sampleText(QStringView key) const { return m_desk.sample(key)->text; }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), m_clock);
        QVERIFY(desk.ok());
        m_desk = *desk;
        QVERIFY(m_desk.sample(u"bw-genuine") && m_desk.sample(u"na-genuine"));
    }

    void fileWithABarcodeGivesItsText()
    {
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QSignalSpy unreadable(&intake, &ScanIntake::unreadable);
        intake.openImage(sampleImage(u"bw-genuine"));
        QCOMPARE(intake.readsRunning(), 1); // on the worker thread: nothing yet
        QCOMPARE(read.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(unreadable.count(), 0);
        QCOMPARE(intake.readsRunning(), 0);
        QCOMPARE(read.first().at(0).toString(), sampleText(u"bw-genuine"));
        QVERIFY(!read.first().at(1).toString().isEmpty()); // the symbology found
        const QImage image = read.first().at(2).value<QImage>();
        QCOMPARE(image.size(), QImage(sampleImage(u"bw-genuine")).size());
    }

    void damagedFileGivesTheReason()
    {
        const QString damaged = m_dir.filePath(QStringLiteral("damaged.png"));
        QByteArray bytes = test::readFile(sampleImage(u"bw-genuine"));
        QVERIFY(bytes.size() > 200);
        bytes.truncate(100); // a copy cut short, as from a stick pulled out
        {
            QFile f(damaged);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QSignalSpy unreadable(&intake, &ScanIntake::unreadable);
        intake.openImage(damaged);
        QTRY_COMPARE_WITH_TIMEOUT(unreadable.count(), 1, 10000);
        QCOMPARE(read.count(), 0);
        const QString reason = unreadable.first().at(0).toString();
        QVERIFY2(reason.startsWith(damaged + QStringLiteral(" is not a readable image")), qPrintable(reason));

        // An image with no barcode in it: said so, with the file's name.
        const QString blank = m_dir.filePath(QStringLiteral("blank.png"));
        QImage white(400, 300, QImage::Format_RGB32);
        white.fill(Qt::white);
        QVERIFY(white.save(blank));
        intake.openImage(blank);
        QTRY_COMPARE_WITH_TIMEOUT(unreadable.count(), 2, 10000);
        QCOMPARE(read.count(), 0);
        QVERIFY2(unreadable.last().at(0).toString().startsWith(QStringLiteral("No barcode was found in ")),
                 qPrintable(unreadable.last().at(0).toString()));
        QVERIFY(unreadable.last().at(0).toString().contains(blank));
    }

    void watchedFolderPicksUpANewFileOnce()
    {
        const QString folder = m_dir.filePath(QStringLiteral("scanner-out"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::copy(sampleImage(u"na-genuine"), folder + QStringLiteral("/old-scan.png")));
        ScanIntake intake;
        intake.setWatchedFolder(folder);
        QCOMPARE(intake.watchedFolder(), folder);
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QSignalSpy unreadable(&intake, &ScanIntake::unreadable);

        // The document scanner saves a page; then something else that is no image.
        QVERIFY(QFile::copy(sampleImage(u"bw-genuine"), folder + QStringLiteral("/scan-0001.png")));
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(read.first().at(0).toString(), sampleText(u"bw-genuine")); // not the old one
        QFile notes(folder + QStringLiteral("/scanner.log"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("page 1 saved\n");
        notes.close();
        QTest::qWait(1500); // the folder changed again; the page is not read twice
        QCOMPARE(read.count(), 1);
        QCOMPARE(unreadable.count(), 0);

        // A second page is a new arrival.
        QVERIFY(QFile::copy(sampleImage(u"na-genuine"), folder + QStringLiteral("/scan-0002.png")));
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 10000);
        QCOMPARE(read.last().at(0).toString(), sampleText(u"na-genuine"));

        // No folder: nothing watched.
        intake.setWatchedFolder({});
        QVERIFY(QFile::copy(sampleImage(u"bw-genuine"), folder + QStringLiteral("/scan-0003.png")));
        QTest::qWait(1500);
        QCOMPARE(read.count(), 2);
    }

    void dropOfTwoFilesGivesBoth()
    {
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(sampleImage(u"bw-genuine")),
                      QUrl::fromLocalFile(sampleImage(u"na-genuine"))});
        QVERIFY(ScanIntake::canTake(&mime));
        intake.takeDrop(&mime);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 10000);
        QStringList got = texts(read);
        got.sort();
        QStringList expected{sampleText(u"bw-genuine"), sampleText(u"na-genuine")};
        expected.sort();
        QCOMPARE(got, expected); // read side by side: in either order

        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QVERIFY(!ScanIntake::canTake(&text));
    }

    void droppedImageIsRead()
    {
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QMimeData mime;
        mime.setImageData(QImage(sampleImage(u"na-genuine")));
        QVERIFY(ScanIntake::canTake(&mime));
        intake.takeDrop(&mime);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(read.first().at(0).toString(), sampleText(u"na-genuine"));
    }

    void pasteTakesImageThenTextElseSaysWhy()
    {
        QClipboard* clipboard = QGuiApplication::clipboard();
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QSignalSpy unreadable(&intake, &ScanIntake::unreadable);

        clipboard->setImage(QImage(sampleImage(u"bw-genuine")));
        QVERIFY2(!clipboard->image().isNull(), "the platform's clipboard holds no image");
        intake.paste();
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(read.last().at(0).toString(), sampleText(u"bw-genuine"));

        clipboard->setText(QStringLiteral("  BW-2026-004711 \n"));
        intake.paste();
        QCOMPARE(read.count(), 2); // text needs no worker
        QCOMPARE(read.last().at(0).toString(), QStringLiteral("BW-2026-004711"));
        QVERIFY(read.last().at(1).toString().isEmpty()); // typed text: no symbology

        clipboard->clear();
        intake.paste();
        QCOMPARE(unreadable.count(), 1);
        QCOMPARE(unreadable.first().at(0).toString(),
                 QStringLiteral("The clipboard holds no image and no text."));
        QCOMPARE(read.count(), 2);

        // A pasted image without a barcode.
        QImage white(200, 200, QImage::Format_RGB32);
        white.fill(Qt::white);
        clipboard->setImage(white);
        intake.paste();
        QTRY_COMPARE_WITH_TIMEOUT(unreadable.count(), 2, 10000);
        QCOMPARE(unreadable.last().at(0).toString(),
                 QStringLiteral("No barcode was found in the pasted image."));
    }

    void wedgeScanIsRefusedWhileADialogIsOpen()
    {
        ScanIntake intake;
        qApp->installEventFilter(intake.wedgeFilter());
        auto remove = qScopeGuard([&intake] { qApp->removeEventFilter(intake.wedgeFilter()); });
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QSignalSpy refused(&intake, &ScanIntake::refused);

        QLineEdit field;
        field.show();
        hidBurst(&field, QStringLiteral("BW-2026-004711"));
        QCOMPARE(read.count(), 1);
        QCOMPARE(read.first().at(0).toString(), QStringLiteral("BW-2026-004711"));
        QCOMPARE(read.first().at(1).toString(), QStringLiteral("keyboard-wedge scanner"));
        QVERIFY(field.text().isEmpty());

        // A flag being written: the scan is about another certificate.
        QDialog dialog;
        dialog.setModal(true);
        auto* notes = new QLineEdit(&dialog);
        dialog.show();
        QTRY_VERIFY(QApplication::activeModalWidget() == &dialog);
        hidBurst(notes, QStringLiteral("CA-2026-10042"));
        QCOMPARE(read.count(), 1);
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.first().at(0).toString().startsWith(QStringLiteral("Scan ignored")));
        QVERIFY(notes->text().isEmpty()); // nor typed into the dialog

        // What is not a certificate stays in the dialog's field however fast
        // it comes (a file name typed quickly, or by a tool, then Enter).
        hidBurst(notes, QStringLiteral("/tmp/Scans/page-1.png"));
        QCOMPARE(notes->text(), QStringLiteral("/tmp/Scans/page-1.png"));
        QCOMPARE(read.count(), 1);
        QCOMPARE(refused.count(), 1);
        notes->clear();

        // The window that owns the intake is no reason to refuse.
        intake.setModalOwner(&dialog);
        hidBurst(notes, QStringLiteral("CA-2026-10042"));
        QCOMPARE(read.count(), 2);
        dialog.close();
    }

    void cameraScanNamesTheCamera()
    {
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QImage frame(64, 48, QImage::Format_RGB32);
        frame.fill(Qt::gray);
        intake.takeCameraScan(QStringLiteral("KP1:abc"), QString(), frame);
        intake.takeCameraScan(QStringLiteral("KP1:abc"), QStringLiteral("QRCode"), frame);
        QCOMPARE(read.count(), 2);
        QCOMPARE(read.at(0).at(1).toString(), QStringLiteral("camera"));
        QCOMPARE(read.at(1).at(1).toString(), QStringLiteral("QRCode"));
        QCOMPARE(read.at(1).at(2).value<QImage>().size(), frame.size());
    }

    void everyScannerIsRefusedWhileADialogIsOpen()
    {
        const int master = posix_openpt(O_RDWR | O_NOCTTY);
        QVERIFY(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
        auto closeMaster = qScopeGuard([master] { ::close(master); });
        const QString folder = m_dir.filePath(QStringLiteral("scanner-out-dialog"));
        QVERIFY(QDir().mkpath(folder));
        QWidget window; // the desk's window, owner of the intake
        window.show();
        ScanIntake intake;
        intake.setModalOwner(&window);
        QVERIFY2(intake.useSerialPort(QString::fromLocal8Bit(ptsname(master))),
                 qPrintable(intake.serialScanner()->errorString()));
        intake.setWatchedFolder(folder);
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QSignalSpy unreadable(&intake, &ScanIntake::unreadable);
        QSignalSpy refused(&intake, &ScanIntake::refused);

        // The flag dialog over the window, as the window opens it.
        QDialog dialog(&window);
        dialog.open();
        QTRY_VERIFY(QApplication::activeModalWidget() == &dialog);

        // The serial imager sends a line.
        QVERIFY(::write(master, "CA-2026-10042\r\n", 15) == 15);
        QTRY_COMPARE(refused.count(), 1);
        // The document scanner saves a page, then one with no barcode.
        QVERIFY(QFile::copy(sampleImage(u"bw-genuine"), folder + QStringLiteral("/scan-0001.png")));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 2, 10000);
        QImage white(300, 200, QImage::Format_RGB32);
        white.fill(Qt::white);
        QVERIFY(white.save(folder + QStringLiteral("/scan-0002.png")));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 3, 10000);
        // The camera, a paste and a dropped image.
        intake.takeCameraScan(sampleText(u"na-genuine"), QStringLiteral("QR Code"), QImage());
        QGuiApplication::clipboard()->setText(QStringLiteral("BW-2026-004711"));
        intake.paste();
        QMimeData mime;
        mime.setImageData(QImage(sampleImage(u"na-genuine")));
        intake.takeDrop(&mime);
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 6, 10000);
        QCOMPARE(intake.readsRunning(), 0);
        // Nothing reached the verdict behind the dialog, not even "nothing verified".
        QCOMPARE(read.count(), 0);
        QCOMPARE(unreadable.count(), 0);
        for (const QList<QVariant>& args : refused)
            QCOMPARE(args.at(0).toString(),
                     QStringLiteral("Scan ignored: close the dialog to verify, then scan again."));

        // The dialog closed: the same scanners are taken again.
        dialog.accept();
        QTRY_VERIFY(QApplication::activeModalWidget() == nullptr);
        QVERIFY(::write(master, "CA-2026-10042\r\n", 15) == 15);
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.last().at(0).toString(), QStringLiteral("CA-2026-10042"));
        QVERIFY(QFile::copy(sampleImage(u"na-genuine"), folder + QStringLiteral("/scan-0003.png")));
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 10000);
        QCOMPARE(read.last().at(0).toString(), sampleText(u"na-genuine"));
        QCOMPARE(refused.count(), 6);
    }

    void imageReadWhenADialogOpensIsRefused()
    {
        // A file chosen in File > Open is read after that dialog closed; if
        // the officer opens the flag dialog before the read ends, it waits.
        QWidget window;
        window.show();
        ScanIntake intake;
        intake.setModalOwner(&window);
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QSignalSpy refused(&intake, &ScanIntake::refused);
        QDialog dialog(&window);
        int readsWhenOpened = -1;
        QTimer::singleShot(0, &dialog, [&] {
            readsWhenOpened = intake.readsRunning();
            dialog.open();
        });
        intake.openImage(sampleImage(u"bw-genuine"));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count() + read.count(), 1, 10000);
        if (readsWhenOpened != 1)
            QSKIP("the image was read before the dialog opened");
        QCOMPARE(refused.count(), 1);
        QCOMPARE(read.count(), 0);
        dialog.accept();
    }

    void severalBarcodesGiveTheKp1OneAsTheCommandLineDoes()
    {
        // A page with a plain Code 128 (a certificate number) above the KP1 QR code.
        // (The reader lists the KP1 code first; both pick it whatever the order.)
        const QImage qr(sampleImage(u"bw-genuine"));
        QVERIFY(!qr.isNull());
        auto code128 =
            BarcodeWriter::render(QStringLiteral("BW-2026-004711"), BarcodeWriter::Symbology::Code128, 3);
        QVERIFY2(code128.ok(), code128.ok() ? "" : qPrintable(code128.error().message));
        QImage page(qMax(qr.width(), code128->width()) + 80, qr.height() + code128->height() + 160,
                    QImage::Format_RGB32);
        page.fill(Qt::white);
        {
            QPainter p(&page);
            p.drawImage(40, 40, *code128);
            p.drawImage(40, code128->height() + 120, qr);
        }
        const QString path = m_dir.filePath(QStringLiteral("two-codes.png"));
        QVERIFY(page.save(path));
        const QString kp1Text = sampleText(u"bw-genuine");
        QVERIFY(Kp1::hasPrefix(kp1Text));

        // Both codes are on the page.
        const test::CliRun decoded = test::runCli({QStringLiteral("decode"), QStringLiteral("--json"), path});
        QVERIFY2(decoded.exitCode == 0, decoded.said());
        QStringList onPage;
        for (const QJsonValue& code : decoded.json()
                                          .value(QStringLiteral("files"))
                                          .toArray()
                                          .first()
                                          .toObject()
                                          .value(QStringLiteral("barcodes"))
                                          .toArray())
            onPage << code.toObject().value(QStringLiteral("text")).toString();
        onPage.sort();
        QCOMPARE(onPage, QStringList({QStringLiteral("BW-2026-004711"), kp1Text}));
        // kpdesk-cli verify reads the KP1 one.
        const test::CliRun verified = test::runCli({QStringLiteral("verify"), QStringLiteral("--db"),
                                                    m_desk.dbPath, QStringLiteral("--json"), path});
        QCOMPARE(verified.json().value(QStringLiteral("text")).toString(), kp1Text);

        // So does the window's intake: the file, the image dropped or pasted, the camera.
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        intake.openImage(path);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(read.last().at(0).toString(), kp1Text);
        QMimeData mime;
        mime.setImageData(page);
        intake.takeDrop(&mime);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 10000);
        QCOMPARE(read.last().at(0).toString(), kp1Text);
        FrameDecoder camera;
        QSignalSpy found(&camera, &FrameDecoder::found);
        camera.submit(page);
        QTRY_COMPARE_WITH_TIMEOUT(found.count(), 1, 10000);
        QCOMPARE(found.first().at(0).toString(), kp1Text);
    }

    void serialImagerLinesAreScans()
    {
        const int master = posix_openpt(O_RDWR | O_NOCTTY);
        QVERIFY(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
        auto closeMaster = qScopeGuard([master] { ::close(master); });
        ScanIntake intake;
        QSignalSpy read(&intake, &ScanIntake::textRead);
        QVERIFY2(intake.useSerialPort(QString::fromLocal8Bit(ptsname(master))),
                 qPrintable(intake.serialScanner()->errorString()));
        QVERIFY(::write(master, "CA-2026-10042\r\n", 15) == 15);
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.first().at(0).toString(), QStringLiteral("CA-2026-10042"));
        QCOMPARE(read.first().at(1).toString(), QStringLiteral("serial scanner"));

        // A port that is not there: false, with the reason; none: closed.
        QVERIFY(!intake.useSerialPort(m_dir.filePath(QStringLiteral("no-such-port"))));
        QVERIFY(!intake.serialScanner()->errorString().isEmpty());
        QVERIFY(intake.useSerialPort({}));
        QVERIFY(!intake.serialScanner()->isOpen());
    }
};

QTEST_MAIN(TestScanIntake)
#include "test_scan_intake.moc"
