// The officer's window as officers really use it (issue 13, items 1-3, 8, 9):
// a USB keyboard-wedge scanner fired whatever has the focus, typing
// mistakes, checking a certificate again, what stays on screen, and the flag
// dialog. Keys are sent as a real HID scanner sends them: Shift pressed and
// released around every capital and shifted sign, no pause between keys,
// ending in Enter, in Tab or in nothing, sometimes after an AIM prefix.
#include "TestSupport.h"
#include "UiDesk.h"
#include "WedgeKeys.h"

#include "DemoAccounts.h"
#include "FlagDialog.h"
#include "InspectionView.h"
#include "MainWindow.h"
#include "PhysicalCheckPanel.h"
#include "VerdictBanner.h"
#include "WedgeScanFilter.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QDateTime Now = QDateTime::currentDateTimeUtc();
const QString Officer = QStringLiteral("officer");
const QString OfficerPassword = QStringLiteral("officer-demo");

// Everything a key could have changed in a widget.
QString stateOf(QWidget* w)
{
    QStringList s;
    if (auto* e = qobject_cast<QLineEdit*>(w))
        s << e->text();
    if (auto* e = qobject_cast<QAbstractSpinBox*>(w))
        s << e->text();
    if (auto* e = qobject_cast<QPlainTextEdit*>(w))
        s << e->toPlainText();
    if (auto* e = qobject_cast<QTextEdit*>(w))
        s << e->toPlainText();
    if (auto* b = qobject_cast<QAbstractButton*>(w))
        s << QString::number(b->isChecked()) << QString::number(b->isDown());
    if (auto* c = qobject_cast<QComboBox*>(w))
        s << QString::number(c->currentIndex()) << c->currentText();
    // An item view is refilled by the scan itself; KeySpy says whether keys reached it.
    return s.join(u'|');
}

// Counts the keys that reach a widget: none of a scan's may (Shift alone
// carries no text and does nothing).
class KeySpy : public QObject
{
public:
    int keys = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const auto* key = static_cast<QKeyEvent*>(event);
            if (!key->text().isEmpty() || key->key() == Qt::Key_Return || key->key() == Qt::Key_Tab)
                ++keys;
        }
        return false;
    }
};

QString describe(QWidget* w)
{
    return QStringLiteral("%1 \"%2\" (%3)")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
             w->accessibleName().isEmpty() ? w->property("text").toString() : w->accessibleName());
}

} // namespace

class TestOfficerDesk : public UiDeskTest
{
    Q_OBJECT

public:
    TestOfficerDesk() : UiDeskTest(Now) {}

private:
    QString headline() const { return m_window->inspectionView()->banner()->headline(); }
    int checksShown() const { return m_window->inspectionView()->checks()->topLevelItemCount(); }
    QString numberShown() const { return m_window->inspectionView()->fieldText(QStringLiteral("no")); }

    int inspectionsRecorded()
    {
        SqliteRecordsStore store(*m_db);
        const auto found = store.findInspections(InspectionFilter{});
        return found ? int(found->size()) : -1;
    }

    QString genuineKp1() const { return m_desk.sample(u"bw-genuine")->text; }
    QString genuineNumber() const { return m_desk.sample(u"ca-number")->text; }

    // A verdict on screen, as the officer had before what the test does.
    void scanTyped(const QString& text)
    {
        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        m_window->verifyText(text);
        QCOMPARE(shown.count(), 1);
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        const Status built = m_ui.build(UiDesk::People::MadeOnce);
        QVERIFY2(built.ok(), why(built));
    }

    void init()
    {
        const Status opened = m_ui.openCopy();
        QVERIFY2(opened.ok(), why(opened));
        const Status signedIn = m_ui.showSignedIn(Officer, OfficerPassword, QSize(1366, 768));
        QVERIFY2(signedIn.ok(), why(signedIn));
        QApplication::setActiveWindow(m_window.get());
        // A loaded test machine may stall between two simulated keys; a real
        // scanner's gaps are a few ms, so allow more here than a desk needs.
        m_window->wedgeFilter()->setMaxGapMs(250);
    }

    void cleanup() { m_window.reset(); }

    // --- 1. The scanner, wherever the focus is -----------------------------------

    void scanIntoEveryFocusableWidget()
    {
        scanTyped(genuineNumber()); // the physical check's fields are enabled
        QList<QWidget*> widgets;
        for (QWidget* w : m_window->findChildren<QWidget*>()) {
            if (w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) &&
                !qobject_cast<QAbstractSpinBox*>(w->parentWidget()))
                widgets << w;
        }
        QVERIFY2(widgets.size() >= 10, qPrintable(QString::number(widgets.size())));
        // A button pressed by a scan's space or end key must show here, and a
        // dialog it would open must not hang the test.
        int clicks = 0;
        for (QWidget* w : widgets)
            if (auto* b = qobject_cast<QAbstractButton*>(w))
                connect(b, &QAbstractButton::clicked, this, [&clicks] { ++clicks; });
        QTimer closer;
        QStringList opened;
        connect(&closer, &QTimer::timeout, this, [&] {
            if (QWidget* modal = QApplication::activeModalWidget()) {
                opened << describe(modal);
                modal->close();
            }
        });
        closer.start(50);

        const QList<EndKey> ends{EndKey::Enter, EndKey::Tab, EndKey::None};
        int n = 0;
        for (QWidget* w : std::as_const(widgets)) {
            if (!w->isVisible() || !w->isEnabled())
                continue;
            w->setFocus(Qt::OtherFocusReason);
            if (QApplication::focusWidget() != w)
                continue; // takes no focus after all
            const EndKey end = ends.at(n % ends.size());
            const bool kp1 = n % 2 == 0;
            const QString code = kp1 ? genuineKp1() : genuineNumber();
            const QString expected = kp1 ? QStringLiteral("BW-2026-004711") : genuineNumber();
            ++n;
            const QString before = stateOf(w);
            const int clicksBefore = clicks;
            KeySpy spy;
            w->installEventFilter(&spy);
            QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
            scannerSends(code, end);
            const QString where = describe(w) + QStringLiteral(", end %1").arg(int(end));
            QTRY_VERIFY2_WITH_TIMEOUT(shown.count() >= 1, qPrintable(where), 5000);
            QTest::qWait(20);
            QVERIFY2(shown.count() == 1, qPrintable(where));
            QVERIFY2(numberShown() == expected, qPrintable(where + QStringLiteral(": ") + numberShown()));
            // Checking the same certificate again is no re-use: still ACCEPT.
            QVERIFY2(headline().startsWith(QStringLiteral("ACCEPT")), qPrintable(where + u' ' + headline()));
            w->removeEventFilter(&spy);
            QVERIFY2(spy.keys == 0,
                     qPrintable(where + QStringLiteral(": %1 key(s) reached it").arg(spy.keys)));
            QVERIFY2(stateOf(w) == before, qPrintable(where + QStringLiteral(": ") + stateOf(w)));
            QVERIFY2(clicks == clicksBefore, qPrintable(where + QStringLiteral(": a button was pressed")));
            QVERIFY2(opened.isEmpty(), qPrintable(where + QStringLiteral(" opened ") + opened.join(u',')));
            QVERIFY2(!m_window->syncRunning(), qPrintable(where));
            QVERIFY2(QApplication::focusWidget() == w, qPrintable(where + QStringLiteral(": focus moved")));
        }
        QVERIFY2(n >= 10, qPrintable(QString::number(n)));
    }

    // The filter alone: each scanner's way of ending, a prefix, and people.
    void wedgeFilterEndsAndPrefixes()
    {
        qApp->removeEventFilter(m_window->wedgeFilter());
        auto restore = qScopeGuard([this] { qApp->installEventFilter(m_window->wedgeFilter()); });
        QWidget box;
        auto* field = new QLineEdit(&box);
        auto* next = new QLineEdit(&box);
        auto* layout = new QVBoxLayout(&box);
        layout->addWidget(field);
        layout->addWidget(next);
        box.show();
        QApplication::setActiveWindow(&box);
        QVERIFY(QTest::qWaitForWindowActive(&box));
        WedgeScanFilter filter;
        filter.setMaxGapMs(250);
        qApp->installEventFilter(&filter);
        QSignalSpy scanned(&filter, &WedgeScanFilter::scanned);
        field->setFocus();

        // Tab after a certificate: a scan; the Tab is the scanner's, the focus stays.
        scannerSends(QStringLiteral("BW-2026-004650"), EndKey::Tab);
        QCOMPARE(scanned.count(), 1);
        QCOMPARE(scanned.last().at(0).toString(), QStringLiteral("BW-2026-004650"));
        QCOMPARE(QApplication::focusWidget(), field);
        QVERIFY(field->text().isEmpty());

        // No end key: the pause ends it.
        scannerSends(QStringLiteral("NA-2026-000377"), EndKey::None);
        QTRY_COMPARE(scanned.count(), 2);
        QCOMPARE(scanned.last().at(0).toString(), QStringLiteral("NA-2026-000377"));
        QVERIFY(field->text().isEmpty());

        // An AIM symbology identifier first ("]Q1": a QR Code) is not part of the code.
        scannerSends(QStringLiteral("]Q1KP1:6BF $X"), EndKey::Enter);
        QCOMPARE(scanned.count(), 3);
        QCOMPARE(scanned.last().at(0).toString(), QStringLiteral("KP1:6BF $X"));

        // People: fast words then Tab, or a pause, are typed, and Tab moves on.
        scannerSends(QStringLiteral("olga"), EndKey::Tab);
        QCOMPARE(scanned.count(), 3);
        QTRY_COMPARE(field->text(), QStringLiteral("olga"));
        QCOMPARE(QApplication::focusWidget(), next);
        scannerSends(QStringLiteral("hello world"), EndKey::None);
        QTRY_COMPARE(next->text(), QStringLiteral("hello world"));
        QCOMPARE(scanned.count(), 3);
        // A person's pace, even for a number, is typing.
        next->clear();
        for (const QChar c : QStringLiteral("CA-2026-10042"))
            QTest::sendKeyEvent(QTest::Click, next, keyOf(c), QString(c),
                                needsShift(c) ? Qt::ShiftModifier : Qt::NoModifier, 300);
        QTRY_COMPARE(next->text(), QStringLiteral("CA-2026-10042"));
        QTest::qWait(400);
        QCOMPARE(scanned.count(), 3);
    }

    // --- 2. Typing mistakes ---------------------------------------------------------

    void typedNumberIsNormalised()
    {
        const int before = inspectionsRecorded();
        QLineEdit* field = m_window->scanField();
        field->setFocus();
        field->setText(genuineNumber().toLower());
        QTest::keyClick(field, Qt::Key_Return, Qt::NoModifier, 300);
        QTRY_VERIFY2(headline().startsWith(QStringLiteral("ACCEPT")), qPrintable(headline()));
        QCOMPARE(numberShown(), genuineNumber());
        QCOMPARE(inspectionsRecorded(), before + 1);
    }

    void textThatIsNoCertificateIsKeptAndNotRecorded_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("words") << QStringLiteral("hello world 123!");
        QTest::newRow("words without digits") << QStringLiteral("hello world");
        QTest::newRow("no issuer code") << QStringLiteral("2026-000377");
    }
    void textThatIsNoCertificateIsKeptAndNotRecorded()
    {
        QFETCH(QString, text);
        scanTyped(genuineNumber());
        QVERIFY(headline().startsWith(QStringLiteral("ACCEPT")));
        const int before = inspectionsRecorded();
        QLineEdit* field = m_window->scanField();
        field->setFocus();
        field->setText(text);
        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        QSignalSpy failed(m_window.get(), &MainWindow::scanFailed);
        QTest::keyClick(field, Qt::Key_Return, Qt::NoModifier, 300);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(shown.count(), 0);
        QVERIFY2(headline().startsWith(QStringLiteral("Not a certificate: check what you typed")),
                 qPrintable(headline()));
        QVERIFY(!headline().contains(QStringLiteral("REJECT")));
        QCOMPARE(checksShown(), 0); // the earlier ACCEPT is gone
        QVERIFY(numberShown().isEmpty());
        QCOMPARE(field->text(), text); // kept, to be put right
        QCOMPARE(inspectionsRecorded(), before);
        QVERIFY(!m_window->currentInspectionId());
    }

    // --- 3. Checking again ------------------------------------------------------------

    void checkingAgainIsNoReuseButAReleaseIs()
    {
        scanTyped(genuineKp1());
        QVERIFY2(headline().startsWith(QStringLiteral("ACCEPT")), qPrintable(headline()));
        // A forgery under the same number, scanned in between, is no presentation either.
        scanTyped(m_desk.sample(u"forged-carats")->text);
        QVERIFY(headline().startsWith(QStringLiteral("REJECT")));
        scanTyped(genuineKp1());
        QVERIFY2(headline().startsWith(QStringLiteral("ACCEPT")), qPrintable(headline()));

        PhysicalCheck check;
        check.parcelsCounted =
            numberShown().isEmpty()
                ? 0
                : m_window->inspectionView()->fieldText(QStringLiteral("np")).toULongLong();
        m_window->applyPhysicalCheck(check);
        QCOMPARE(m_window->currentFinalVerdict(), Verdict::Accept);
        QVERIFY(m_window->releaseShipment());

        // The shipment went in: the same certificate again is a possible re-use.
        scanTyped(genuineKp1());
        QVERIFY2(headline().startsWith(QStringLiteral("DOUBT")), qPrintable(headline()));
        const QString reason = m_window->inspectionView()->banner()->reason();
        QVERIFY2(reason.contains(QStringLiteral("already released at this desk")), qPrintable(reason));
    }

    // --- 8. What stays on screen --------------------------------------------------------

    void escapeClearsTheWholeInspection()
    {
        scanTyped(genuineKp1());
        PhysicalCheckPanel* panel = m_window->physicalPanel();
        panel->declaration()->setText(QStringLiteral("BW-2026-004711"));
        panel->parcels()->setValue(2);
        QVERIFY(checksShown() > 0);
        m_window->scanField()->setFocus();
        m_window->scanField()->setText(QStringLiteral("half typed"));
        QTest::keyClick(m_window->scanField(), Qt::Key_Escape);
        QCOMPARE(headline(), VerdictBanner().headline()); // "Scan a certificate"
        QCOMPARE(checksShown(), 0);
        QVERIFY(numberShown().isEmpty());
        QVERIFY(m_window->scanField()->text().isEmpty());
        QVERIFY(panel->declaration()->text().isEmpty());
        QCOMPARE(panel->parcels()->value(), 0);
        QVERIFY(!panel->isEnabled());
        QVERIFY(!m_window->currentInspectionId());
        QCOMPARE(QApplication::focusWidget(), m_window->scanField());
    }

    void failedImageLeavesNoEarlierVerdict()
    {
        scanTyped(genuineKp1());
        QVERIFY(headline().startsWith(QStringLiteral("ACCEPT")));
        const QString blank = m_dir.filePath(QStringLiteral("blank-%1.png").arg(m_ui.copies()));
        QImage white(400, 300, QImage::Format_RGB32);
        white.fill(Qt::white);
        QVERIFY(white.save(blank));
        QSignalSpy failed(m_window.get(), &MainWindow::scanFailed);
        m_window->openImage(blank);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QVERIFY2(!headline().startsWith(QStringLiteral("ACCEPT")), qPrintable(headline()));
        QCOMPARE(checksShown(), 0);
        QVERIFY(numberShown().isEmpty());
        QVERIFY(!m_window->currentInspectionId());
        QVERIFY2(m_window->inspectionView()->banner()->reason().contains(QStringLiteral("No barcode")),
                 qPrintable(m_window->inspectionView()->banner()->reason()));
    }

    // --- 9. The flag dialog ---------------------------------------------------------------

    void flagDialogNamesTheCertificateAndKeepsNotes()
    {
        scanTyped(m_desk.sample(u"forged-carats")->text);
        bool checked = false;
        QTimer::singleShot(100, this, [&] {
            auto* dialog = qobject_cast<FlagDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto done = qScopeGuard([&] {
                checked = true;
                if (dialog->isVisible())
                    dialog->done(QDialog::Rejected);
            });
            QVERIFY2(dialog->windowTitle().contains(QStringLiteral("BW-2026-004711")),
                     qPrintable(dialog->windowTitle()));
            auto* which = dialog->findChild<QLabel*>(QStringLiteral("flagCertificate"));
            QVERIFY(which && which->text().contains(QStringLiteral("BW-2026-004711")));

            // A scan while the flag is being written goes nowhere: not into
            // the notes, not under the flag as another inspection.
            dialog->notesEdit()->setFocus();
            QSignalSpy refused(m_window.get(), &MainWindow::scanRefused);
            QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
            scannerSends(genuineKp1(), EndKey::Enter);
            QCOMPARE(refused.count(), 1);
            QCOMPARE(shown.count(), 0);
            QVERIFY(dialog->notesEdit()->toPlainText().isEmpty());

            // Tab in Notes goes on; no tab is typed.
            dialog->notesEdit()->setFocus();
            dialog->notesEdit()->setPlainText(QStringLiteral("Seal 4471 cut"));
            QTest::keyClick(dialog->notesEdit(), Qt::Key_Tab);
            QVERIFY(!dialog->notesEdit()->toPlainText().contains(u'\t'));
            QVERIFY(QApplication::focusWidget() != dialog->notesEdit());

            // Esc with notes asks; Cancel keeps everything.
            bool asked = false;
            QTimer::singleShot(100, this, [&] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                asked = box != nullptr;
                if (box)
                    box->button(QMessageBox::Cancel)->click();
            });
            QTest::keyClick(dialog, Qt::Key_Escape);
            QTRY_VERIFY(asked);
            QVERIFY(dialog->isVisible());
            QCOMPARE(dialog->notesEdit()->toPlainText(), QStringLiteral("Seal 4471 cut"));
            dialog->accept();
        });
        QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY(checked);
        // Saved held: the banner says so, beside the verdict.
        QVERIFY(!m_window->lastCaseId().isEmpty());
        QVERIFY2(headline().startsWith(QStringLiteral("REJECT")), qPrintable(headline()));
        const QString note = m_window->inspectionView()->banner()->note();
        QVERIFY2(note.contains(QStringLiteral("HELD")), qPrintable(note));
        // The next certificate's verdict carries no such note.
        scanTyped(genuineKp1());
        QVERIFY(m_window->inspectionView()->banner()->note().isEmpty());
    }

    void flagDialogEscapeWithoutNotesClosesAtOnce()
    {
        FlagDialog dialog(QStringLiteral("BW-2026-004711"), {QStringLiteral("signature: fail")});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void flagDialogEscapeDiscardsWhenAsked()
    {
        FlagDialog dialog(QStringLiteral("BW-2026-004711"), {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.notesEdit()->setPlainText(QStringLiteral("what the importer said"));
        QTimer::singleShot(100, this, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Discard)->click();
        });
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog.isVisible());
    }
};

QTEST_MAIN(TestOfficerDesk)
#include "test_officer_desk.moc"
