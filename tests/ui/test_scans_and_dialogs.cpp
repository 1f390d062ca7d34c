// Issue 21, items 1-3: where a scan goes while a dialog is in front, Enter
// in a dialog that sends something, and a password typed as fast as a scan.
// Keys are sent as the devices send them (WedgeKeys.h): a USB wedge scanner
// back to back with Shift around capitals, a password manager every ~25 ms,
// a person every ~80 ms.
#include "TestSupport.h"
#include "UiDesk.h"
#include "WedgeKeys.h"

#include "CaseView.h"
#include "DemoAccounts.h"
#include "EscalateDialog.h"
#include "InspectionSearch.h"
#include "InspectionView.h"
#include "LockPage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "VerdictBanner.h"
#include "WedgeScanFilter.h"

#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QDateTime Now = QDateTime::currentDateTimeUtc();

// A password manager fills a field one key every ~25 ms; a person ~80 ms.
constexpr int PasswordManagerMs = 25;
constexpr int PersonMs = 80;

void makeActive(QWidget* window)
{
    window->show();
    window->raise();
    QApplication::setActiveWindow(window);
    QVERIFY(QTest::qWaitForWindowActive(window));
}

} // namespace

class TestScansAndDialogs : public UiDeskTest
{
    Q_OBJECT

public:
    TestScansAndDialogs() : UiDeskTest(Now) {}

private:
    int inspectionsRecorded()
    {
        SqliteRecordsStore store(*m_db);
        const auto found = store.findInspections(InspectionFilter{});
        return found ? int(found->size()) : -1;
    }
    QString genuineKp1() const { return m_desk.sample(u"bw-genuine")->text; }
    QString headline() const { return m_window->inspectionView()->banner()->headline(); }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        const Status built = m_ui.build(UiDesk::People::MadeOnce);
        QVERIFY2(built.ok(), why(built));
    }

    // A window on a fresh copy of the desk, on its sign-in page.
    void init()
    {
        const Status copied = m_ui.openCopy();
        QVERIFY2(copied.ok(), why(copied));
        makeActive(&m_ui.newWindow(QSize(1024, 728)));
        // A loaded test machine may stall between two simulated keys: allow
        // more than a desk needs, so that 25 ms keys are surely "fast".
        m_window->wedgeFilter()->setMaxGapMs(250);
    }

    void cleanup() { m_window.reset(); }

    // --- Item 1: a scan while Find or a case is in front --------------------------

    void scanIntoFindSearchesForTheCertificate()
    {
        QVERIFY(m_window->signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        m_window->verifyText(genuineKp1()); // an earlier inspection of it
        m_window->verifyText(m_desk.sample(u"ca-number")->text);
        const int before = inspectionsRecorded();
        QCOMPARE(before, 2);

        m_window->showInspectionSearch();
        InspectionSearch* find = m_window->inspectionSearch();
        QVERIFY(find);
        makeActive(find);
        find->numberField()->setFocus();
        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        QSignalSpy refused(m_window.get(), &MainWindow::scanRefused);
        scannerSends(genuineKp1(), EndKey::Enter);
        QTRY_COMPARE(find->numberField()->text(), QStringLiteral("BW-2026-004711"));
        // Searched for, not verified behind the dialog.
        QCOMPARE(find->model()->rowCount(), 1);
        QCOMPARE(find->model()->inspectionAt(0)->number, QStringLiteral("BW-2026-004711"));
        QTest::qWait(300);
        QCOMPARE(shown.count(), 0);
        QCOMPARE(refused.count(), 0);
        QCOMPARE(inspectionsRecorded(), before);
        QVERIFY(find->isVisible());

        // A number scanned, ending in Tab, into another of its fields: the same.
        find->officerField()->setFocus();
        scannerSends(m_desk.sample(u"ca-number")->text, EndKey::Tab);
        QTRY_COMPARE(find->numberField()->text(), m_desk.sample(u"ca-number")->text);
        QVERIFY(find->officerField()->text().isEmpty());
        QCOMPARE(find->model()->rowCount(), 1);
        QCOMPARE(inspectionsRecorded(), before);
        QCOMPARE(shown.count(), 0);

        // Find closed: the next scan is verified in the window again.
        find->close();
        makeActive(m_window.get());
        m_window->scanField()->setFocus();
        scannerSends(genuineKp1(), EndKey::Enter);
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(inspectionsRecorded(), before + 1);
    }

    void scanWhileACaseIsOpenIsHeldNotRecorded()
    {
        // The officer flags a forgery; the supervisor opens its case.
        QVERIFY(m_window->signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        m_window->verifyText(m_desk.sample(u"forged-carats")->text);
        QVERIFY(m_window->saveFlag({QStringLiteral("Carats differ")}, QStringLiteral("seal cut"), true, {}));
        const QString caseId = m_window->lastCaseId();
        QVERIFY(!caseId.isEmpty());
        m_window->signOut();
        QVERIFY(m_window->signIn(QStringLiteral("supervisor"), QStringLiteral("supervisor-demo")));
        CaseDialog* dialog = m_window->openCase(caseId);
        QVERIFY(dialog);
        QVERIFY(!dialog->isModal()); // beside the window, as the supervisor works
        makeActive(dialog);
        dialog->reasonField()->setFocus();
        const QString headlineBefore = headline();
        const int before = inspectionsRecorded();

        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        QSignalSpy refused(m_window.get(), &MainWindow::scanRefused);
        scannerSends(genuineKp1(), EndKey::Enter);
        QTRY_COMPARE(refused.count(), 1);
        const QString message = refused.first().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("close the dialog to verify")), qPrintable(message));
        // Said on the dialog, where the supervisor looks.
        QCOMPARE(QToolTip::text(), message);
        QTest::qWait(300);
        QCOMPARE(shown.count(), 0);
        QCOMPARE(inspectionsRecorded(), before);
        QCOMPARE(headline(), headlineBefore);
        QVERIFY(dialog->reasonField()->text().isEmpty()); // nor typed into the case
        QVERIFY(dialog->isVisible());

        // The same with no end key (a pause ends the scan).
        scannerSends(QStringLiteral("CA-2026-10042"), EndKey::None);
        QTRY_COMPARE(refused.count(), 2);
        QCOMPARE(shown.count(), 0);
        QCOMPARE(inspectionsRecorded(), before);
        QVERIFY(dialog->reasonField()->text().isEmpty());

        // A person's typing in the case stays there.
        typedAt(QStringLiteral("Seal 4471"), PersonMs);
        QTRY_COMPARE(dialog->reasonField()->text(), QStringLiteral("Seal 4471"));
        QCOMPARE(refused.count(), 2);
    }

    // --- Item 2: Enter in the Escalate dialog's "Also to" -------------------------------

    void enterInAlsoToNeverEscalates()
    {
        EscalateDialog dialog(
            {QStringLiteral("BW"), QStringLiteral("KP-CHAIR")},
            {QStringLiteral("BW: Ministry of Minerals"), QStringLiteral("KP-CHAIR: the KP Chair")});
        makeActive(&dialog);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto* alsoTo = dialog.findChild<QLineEdit*>(QStringLiteral("addAddressee"));
        QVERIFY(alsoTo);
        alsoTo->setFocus();
        typedAt(QStringLiteral("ao"), PersonMs, EndKey::Enter);
        // Enter added the code typed, and sent nothing.
        QVERIFY(dialog.isVisible());
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(dialog.chosen(),
                 (QStringList{QStringLiteral("BW"), QStringLiteral("KP-CHAIR"), QStringLiteral("AO")}));
        QVERIFY(alsoTo->text().isEmpty());
        QCOMPARE(QApplication::focusWidget(), alsoTo);
        // Enter in the empty field, or after what is no code: still nothing sent.
        typedAt(QString(), PersonMs, EndKey::Enter);
        typedAt(QStringLiteral("x1"), PersonMs, EndKey::Enter);
        QVERIFY(dialog.isVisible());
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(alsoTo->text(), QStringLiteral("x1")); // kept, to be put right
        // Only the Escalate button sends.
        auto* escalate = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(escalate);
        escalate->setFocus();
        QTest::keyClick(escalate, Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
    }

    // --- Item 3: a password typed fast ---------------------------------------------------

    void passwordManagerSignsIn()
    {
        SignInPage* page = m_window->signInPage();
        QVERIFY(page->isVisible());
        page->nameField()->setFocus();
        QSignalSpy refused(m_window.get(), &MainWindow::scanRefused);
        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        typedAt(QStringLiteral("officer"), PasswordManagerMs, EndKey::Tab);
        QTRY_COMPARE(page->nameField()->text(), QStringLiteral("officer"));
        QCOMPARE(QApplication::focusWidget(), page->passwordField());
        typedAt(QStringLiteral("officer-demo"), PasswordManagerMs, EndKey::Enter);
        QTRY_VERIFY(m_window->session().has_value());
        QCOMPARE(m_window->session()->name, QStringLiteral("officer"));
        QCOMPARE(refused.count(), 0);
        QCOMPARE(shown.count(), 0);
    }

    void passwordManagerUnlocks()
    {
        QVERIFY(m_window->signIn(QStringLiteral("officer"), QStringLiteral("officer-demo")));
        const int before = inspectionsRecorded();
        m_window->lockNow();
        QVERIFY(m_window->isLocked());
        LockPage* page = m_window->lockPage();
        QVERIFY(page->isVisible());
        page->passwordField()->setFocus();
        QSignalSpy refused(m_window.get(), &MainWindow::scanRefused);
        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);

        // Exactly what was typed, capitals and signs too, held back by nothing.
        typedAt(QStringLiteral("Zq7-Tk9:pW"), PasswordManagerMs);
        QCOMPARE(page->passwordField()->text(), QStringLiteral("Zq7-Tk9:pW"));
        page->passwordField()->clear();
        // Even one that looks like a certificate number is a password here.
        typedAt(QStringLiteral("CA-2026-10042"), PasswordManagerMs);
        QCOMPARE(page->passwordField()->text(), QStringLiteral("CA-2026-10042"));
        QTest::qWait(300);
        QCOMPARE(refused.count(), 0);
        QCOMPARE(shown.count(), 0);
        page->passwordField()->clear();

        typedAt(QStringLiteral("officer-demo"), PasswordManagerMs, EndKey::Enter);
        QTRY_VERIFY(!m_window->isLocked());
        QCOMPARE(refused.count(), 0);
        QCOMPARE(shown.count(), 0);
        QCOMPARE(inspectionsRecorded(), before);
    }
};

QTEST_MAIN(TestScansAndDialogs)
#include "test_scans_and_dialogs.moc"
