// Who works at the desk: the window opens on the sign-in, the door's words
// for a wrong password, a locked or a disabled account; the signed-in person
// is on every record and a flag opens a case; sign-out; the idle lock, whose
// page takes no scans: a scanner burst (as a USB HID scanner sends it) is
// typed there, as a password manager's keys are, and verifies nothing.
#include "TestSupport.h"
#include "UiDesk.h"

#include "DemoAccounts.h"
#include "InspectionView.h"
#include "LockPage.h"
#include "MainWindow.h"
#include "NewPasswordPage.h"
#include "SignInPage.h"
#include "TrailPanel.h"
#include "VerdictBanner.h"
#include "WedgeScanFilter.h"
#include "WindowHost.h"

#include "audit/AuditChain.h"
#include "authority/DemoDesk.h"
#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "util/Translation.h"

#include <QAction>
#include <QApplication>
#include <QFormLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QScopeGuard>
#include <QScreen>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QString Officer = QStringLiteral("officer");
const QString OfficerPassword = QStringLiteral("officer-demo");

// A person's pace: slower than a scanner, so the wedge filter lets it through.
void typeSlowly(QWidget* w, const QString& text)
{
    for (const QChar c : text)
        QTest::keyClick(w, c.toLatin1(), Qt::NoModifier, 70);
}

// As a USB HID scanner sends it: Shift pressed, the character with
// ShiftModifier, Shift released for each capital or shifted sign; then Enter.
void hidBurst(QWidget* w, const QString& text)
{
    static const QString shifted = QStringLiteral("~!@#$%^&*()_+{}|:\"<>?");
    for (const QChar c : text) {
        if (c.isUpper() || shifted.contains(c)) {
            QTest::keyPress(w, Qt::Key_Shift, Qt::ShiftModifier);
            QTest::keyClick(w, c.toLatin1(), Qt::ShiftModifier);
            QTest::keyRelease(w, Qt::Key_Shift, Qt::NoModifier);
        } else {
            QTest::keyClick(w, c.toLatin1());
        }
    }
    QTest::keyClick(w, Qt::Key_Return);
}

QStringList trailKinds(RecordsStore& store)
{
    QStringList kinds;
    (void)store.readAudit([&](const StoredAuditEntry& e) {
        const auto entry = AuditChain::decode(e.entry);
        kinds << (entry ? entry->kind : QStringLiteral("?"));
        return true;
    });
    return kinds;
}

} // namespace

// The first and last columns of a picture where something is drawn (dark on the light page).
std::pair<int, int> inkColumns(const QImage& image)
{
    int first = -1;
    int last = -1;
    for (int x = 0; x < image.width(); ++x)
        for (int y = 0; y < image.height(); ++y)
            if (qGray(image.pixel(x, y)) < 128) {
                if (first < 0)
                    first = x;
                last = x;
                break;
            }
    return {first, last};
}

// Why a label does not show the whole of its text; empty when it does. A
// wrapped one must be as tall as its lines need; a one-line one must draw
// as wide as its text drawn with room to spare, as the label draws it (an
// underlined mnemonic inside an Arabic word drew wider than the label had
// measured, and the colon at its end was cut off).
QString cut(QLabel* label)
{
    if (label->wordWrap()) {
        const int needed = label->heightForWidth(label->width());
        return label->height() >= needed
                   ? QString()
                   : QStringLiteral("%1 px high, its lines need %2").arg(label->height()).arg(needed);
    }
    QImage room(label->width() * 2 + 100, label->height(), QImage::Format_RGB32);
    room.fill(label->palette().color(label->backgroundRole()));
    {
        QPainter painter(&room);
        painter.setFont(label->font());
        int flags = Qt::AlignCenter;
        if (label->buddy()) {
            flags |= Qt::TextShowMnemonic;
            if (!label->style()->styleHint(QStyle::SH_UnderlineShortcut, nullptr, label))
                flags |= Qt::TextHideMnemonic;
        }
        label->style()->drawItemText(&painter, room.rect(), flags, label->palette(), true, label->text(),
                                     label->foregroundRole());
    }
    const auto [shownFrom, shownTo] = inkColumns(label->grab().toImage());
    const auto [wholeFrom, wholeTo] = inkColumns(room);
    return shownTo - shownFrom >= wholeTo - wholeFrom - 1 ? QString()
                                                          : QStringLiteral("drawn %1 px wide, its text %2")
                                                                .arg(shownTo - shownFrom + 1)
                                                                .arg(wholeTo - wholeFrom + 1);
}

// Every label of a page shows its whole text, and each label of a form
// ends with its colon and is before its field: in a right-to-left language
// ("الاسم:") right of it, in a right-to-left line, whose logical end (the
// colon) is drawn at the left, by the field.
QStringList labelProblems(QWidget* page, bool rightToLeft)
{
    QStringList problems;
    for (QLabel* label : page->findChildren<QLabel*>())
        if (label->isVisible() && !label->text().isEmpty())
            if (const QString why = cut(label); !why.isEmpty())
                problems << label->text() + QStringLiteral(": ") + why;
    for (QFormLayout* form : page->findChildren<QFormLayout*>())
        for (int row = 0; row < form->rowCount(); ++row) {
            auto* label = qobject_cast<QLabel*>(form->itemAt(row, QFormLayout::LabelRole)->widget());
            QWidget* field = form->itemAt(row, QFormLayout::FieldRole)->widget();
            if (!label || !field)
                continue;
            const QString text = label->text().remove(QLatin1Char('&'));
            const int labelLeft = label->mapTo(page, QPoint(0, 0)).x();
            const int fieldLeft = field->mapTo(page, QPoint(0, 0)).x();
            const bool before = rightToLeft ? labelLeft >= fieldLeft + field->width()
                                            : labelLeft + label->width() <= fieldLeft;
            if (!(text.endsWith(QLatin1Char(':')) || text.endsWith(QChar(0xFF1A))) || // ：in Chinese
                text.isRightToLeft() != rightToLeft || !before)
                problems << text + QStringLiteral(": its colon or its place is wrong");
        }
    return problems;
}

class TestSignIn : public UiDeskTest
{
    Q_OBJECT

    QWidget* currentPage() const { return m_window->findChild<QStackedWidget*>()->currentWidget(); }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        const Status built = m_ui.build(UiDesk::People::MadeByWindow);
        QVERIFY2(built.ok(), why(built));
    }

    void init()
    {
        const Status copied = m_ui.openCopy();
        QVERIFY2(copied.ok(), why(copied));
        m_ui.newWindow().show(); // a demo desk makes its people
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void signInByKeyboard()
    {
        SignInPage* page = m_window->signInPage();
        QCOMPARE(currentPage(), page);
        QVERIFY(!m_window->session());
        // The demo people are shown, marked DEMO.
        auto* demo = page->findChild<QLabel*>(QStringLiteral("demoAccounts"));
        QVERIFY(demo->isVisible());
        QVERIFY(demo->text().contains(QStringLiteral("DEMO")));
        for (const DemoAccount& a : demoAccounts())
            QVERIFY2(demo->text().contains(a.name) && demo->text().contains(a.password), qPrintable(a.name));
        // ... and every line of it is on screen, not cut off by the layout.
        QTRY_VERIFY2(
            demo->height() >= demo->heightForWidth(demo->width()),
            qPrintable(
                QStringLiteral("%1 < %2").arg(demo->height()).arg(demo->heightForWidth(demo->width()))));
        // Nothing of the inspection shows.
        QVERIFY(!m_window->scanField()->isVisible());
        QVERIFY(!m_window->inspectionView()->isVisible());

        QCOMPARE(QApplication::focusWidget(), page->nameField());
        QSignalSpy signedIn(m_window.get(), &MainWindow::signedIn);
        typeSlowly(page->nameField(), Officer);
        QTest::keyClick(page->nameField(), Qt::Key_Return, Qt::NoModifier, 70);
        QTRY_COMPARE(QApplication::focusWidget(), page->passwordField());
        typeSlowly(page->passwordField(), OfficerPassword);
        QTest::keyClick(page->passwordField(), Qt::Key_Return, Qt::NoModifier, 70);
        QTRY_COMPARE(signedIn.count(), 1);
        QVERIFY(m_window->session());
        QCOMPARE(m_window->session()->name, Officer);
        QCOMPARE(m_window->session()->role, Role::Officer);
        QVERIFY(m_window->scanField()->isVisible());
        QCOMPARE(QApplication::focusWidget(), m_window->scanField());
        QVERIFY(page->passwordField()->text().isEmpty());
    }

    void wrongPasswordSaysSoWithoutSayingWhich()
    {
        SignInPage* page = m_window->signInPage();
        typeSlowly(page->nameField(), Officer);
        QTest::keyClick(page->nameField(), Qt::Key_Return, Qt::NoModifier, 70);
        typeSlowly(page->passwordField(), QStringLiteral("not-the-password"));
        QTest::keyClick(page->passwordField(), Qt::Key_Return, Qt::NoModifier, 70);
        QTRY_VERIFY(!page->message().isEmpty());
        const QString wrongPassword = page->message();
        QCOMPARE(wrongPassword, QStringLiteral("Wrong name or password."));
        QVERIFY(!m_window->session());
        QCOMPARE(currentPage(), page);

        // An unknown name: the same words.
        QVERIFY(!m_window->signIn(QStringLiteral("nobody-here"), OfficerPassword));
        QCOMPARE(page->message(), wrongPassword);
        SqliteRecordsStore store(*m_db);
        QCOMPARE(trailKinds(store).count(QStringLiteral("signin_failed")), 2);
    }

    void lockedAndDisabledAccountsAreSaid()
    {
        SignInPage* page = m_window->signInPage();
        for (int i = 0; i < 5; ++i)
            QVERIFY(!m_window->signIn(Officer, QStringLiteral("wrong-password-%1").arg(i)));
        QVERIFY(!m_window->signIn(Officer, OfficerPassword)); // even the right one, while locked
        QVERIFY2(page->message().contains(QStringLiteral("locked")), qPrintable(page->message()));

        SqliteRecordsStore store(*m_db);
        DeskRecords door(store, m_clock);
        QVERIFY(
            door.disableAccount(Session::forCommandLine(QStringLiteral("test")), QStringLiteral("supervisor"))
                .ok());
        QVERIFY(!m_window->signIn(QStringLiteral("supervisor"), QStringLiteral("supervisor-demo")));
        QVERIFY2(page->message().contains(QStringLiteral("disabled")), qPrintable(page->message()));
        QVERIFY(!m_window->session());
    }

    void recordsCarryTheSignedInAccountAndAFlagOpensACase()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        const QString accountId = m_window->session()->accountId;
        m_window->verifyText(m_desk.sample(u"forged-carats")->text, QStringLiteral("QR Code"));
        const QString inspectionId = m_window->currentRecordId();
        QVERIFY(!inspectionId.isEmpty());
        SqliteRecordsStore store(*m_db);
        const auto seen = store.inspection(inspectionId);
        QVERIFY(seen.ok() && seen->has_value());
        QCOMPARE((*seen)->officer, Officer);
        QCOMPARE((*seen)->officerId, accountId);

        QVERIFY(m_window->saveFlag({QStringLiteral("signature: not verified")},
                                   QStringLiteral("held at the desk"), true, {}));
        const auto cases = store.cases(CaseFilter{});
        QVERIFY(cases.ok());
        QCOMPARE(cases->size(), 1);
        QCOMPARE(cases->first().record.inspectionId, inspectionId);
        QCOMPARE(cases->first().facts.flaggedBy, Officer);
        QCOMPARE(cases->first().facts.state, CaseState::Open);
        QVERIFY(cases->first().facts.held);
        const QStringList kinds = trailKinds(store);
        QVERIFY2(kinds.contains(QStringLiteral("signin")) && kinds.contains(QStringLiteral("verification")) &&
                     kinds.contains(QStringLiteral("flagged")),
                 qPrintable(kinds.join(u',')));
        DeskRecords door(store, m_clock);
        const auto trail = door.verifyTrail();
        QVERIFY(trail.ok() && !trail->failure);
    }

    // An officer releases an accepted, checked shipment by keyboard (Ctrl+R):
    // the release is in the trail; a desk not enrolled says that no import
    // confirmation was made, and the outbox stays empty.
    void officerReleasesByKeyboard()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        m_window->verifyText(m_desk.sample(u"bw-genuine")->text, QStringLiteral("QR Code"));
        const QString id = m_window->currentRecordId();
        SqliteRecordsStore store(*m_db);
        const auto seen = store.inspection(id);
        QVERIFY(seen.ok() && seen->has_value());
        QCOMPARE((*seen)->verdict, Verdict::Accept);
        const auto cert =
            CertificateRecord::fromJson((*seen)->inspection.value(QStringLiteral("certificate")).toObject());
        QVERIFY(cert.ok());

        // Not before the physical check.
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY(!trailKinds(store).contains(QStringLiteral("release")));

        PhysicalCheck check;
        check.parcelsCounted = cert->parcels;
        check.massCarats = double(cert->totalCentiCarats()) / 100.0;
        check.sealsIntact = true;
        check.importerMatches = true;
        m_window->applyPhysicalCheck(check);
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(trailKinds(store).contains(QStringLiteral("release")),
                 qPrintable(trailKinds(store).join(u',')));
        // The demo desk is enrolled: the import confirmation waits in its outbox.
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("waits in the outbox")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QCOMPARE(m_window->outboxWaiting(), 1);
        QVERIFY(m_window->outboxLabel()->text().contains(QStringLiteral("1")));
    }

    // A first start fits the screen it opens on (a fixed 1280x720 ran off a
    // 1024x768 screen).
    void firstStartFitsTheScreen()
    {
        // Down to what its pages need at least (the offscreen screen is 800 wide).
        const QSize room =
            m_window->screen()->availableGeometry().size().expandedTo(m_window->minimumSizeHint());
        QVERIFY2(m_window->width() <= room.width() && m_window->height() <= room.height(),
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(m_window->width())
                                .arg(m_window->height())
                                .arg(room.width())
                                .arg(room.height())));
    }

    void signOutReturnsToTheSignIn()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        m_window->verifyText(QStringLiteral("CA-2026-10042"));
        QVERIFY(m_window->currentInspectionId());
        QSignalSpy out(m_window.get(), &MainWindow::signedOut);
        m_window->findChild<QAction*>(QStringLiteral("signOutAction"))->trigger();
        QCOMPARE(out.count(), 1);
        QVERIFY(!m_window->session());
        QCOMPARE(currentPage(), m_window->signInPage());
        QVERIFY(!m_window->currentInspectionId()); // the next person does not see it
        SqliteRecordsStore store(*m_db);
        QVERIFY(trailKinds(store).contains(QStringLiteral("signout")));
    }

    void idleDeskLocksAndAScanWhileLockedDoesNothing()
    {
        SqliteRecordsStore store(*m_db);
        QCOMPARE(qint64(m_window->idleLockInterval().count()), qint64(5 * 60 * 1000)); // the desk's default
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        m_window->wedgeFilter()->setMaxGapMs(250); // a loaded machine; a scanner's gaps are a few ms
        QSignalSpy locked(m_window.get(), &MainWindow::deskLocked);
        m_window->setIdleLockInterval(std::chrono::milliseconds(300));
        QTRY_COMPARE_WITH_TIMEOUT(locked.count(), 1, 5000);
        QVERIFY(m_window->isLocked());
        LockPage* lock = m_window->lockPage();
        QCOMPARE(currentPage(), lock);
        QVERIFY(!m_window->scanField()->isVisible());
        QVERIFY(!m_window->inspectionView()->isVisible());
        QVERIFY(lock->who().contains(Officer));
        QVERIFY(trailKinds(store).contains(QStringLiteral("lock")));

        // A scanner burst while locked: the lock page takes no scans (a
        // password manager types as fast), so it is typed into the password
        // field and is a wrong password; nothing verified, nothing recorded.
        QSignalSpy shown(m_window.get(), &MainWindow::inspectionShown);
        QSignalSpy refused(m_window.get(), &MainWindow::scanRefused);
        QTRY_COMPARE(QApplication::focusWidget(), lock->passwordField());
        hidBurst(lock->passwordField(), QStringLiteral("CA-2026-10042"));
        QTRY_VERIFY2(lock->message().startsWith(QStringLiteral("Wrong name or password")),
                     qPrintable(lock->message()));
        QVERIFY(m_window->isLocked());
        QCOMPARE(refused.count(), 0);
        QCOMPARE(shown.count(), 0);
        QCOMPARE(store.findInspections(InspectionFilter{})->size(), 0);

        // A wrong password does not unlock; the right one does.
        QVERIFY(!m_window->unlock(QStringLiteral("not-the-password")));
        QVERIFY(m_window->isLocked());
        m_window->setIdleLockInterval(std::chrono::minutes(5));
        m_window->wedgeFilter()->setMaxGapMs(35); // the desk's own: a person's typing is typed
        typeSlowly(lock->passwordField(), OfficerPassword);
        QTest::keyClick(lock->passwordField(), Qt::Key_Return, Qt::NoModifier, 70);
        QTRY_VERIFY(!m_window->isLocked());
        QCOMPARE(currentPage()->objectName(), QStringLiteral("deskPage"));

        // The same burst now is a scan.
        m_window->wedgeFilter()->setMaxGapMs(250);
        hidBurst(m_window->scanField(), QStringLiteral("CA-2026-10042"));
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(refused.count(), 0);
        const QString headline = m_window->inspectionView()->banner()->headline();
        QVERIFY2(headline.startsWith(QStringLiteral("ACCEPT")), qPrintable(headline));
        QVERIFY(m_window->scanField()->text().isEmpty());
        const auto found = store.findInspections(InspectionFilter{});
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().officer, Officer);
    }

    // Administrators see whether the audit trail holds; officers do not see it.
    void administratorsSeeTheTrailsState()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        QVERIFY(!m_window->trailPanel()->isVisible());
        m_window->signOut();

        QVERIFY(m_window->signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo")));
        TrailPanel* trail = m_window->trailPanel();
        QVERIFY(trail->isVisible());
        trail->waitForCheck();
        QVERIFY(trail->state().read);
        QVERIFY(trail->state().holds);
        QVERIFY(trail->state().count >= 3); // the sign-ins and the sign-out above
        QVERIFY2(trail->text().contains(QStringLiteral("unbroken")), qPrintable(trail->text()));

        // An entry rewritten behind the desk's back (the triggers dropped, as a
        // tamperer with the sqlite3 shell would): the panel says where it breaks.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_append_only_u")));
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET entry = entry || x'00' WHERE n = 2")));
        QTest::mouseClick(trail->checkButton(), Qt::LeftButton);
        trail->waitForCheck();
        QVERIFY(trail->state().read);
        QVERIFY(!trail->state().holds);
        QCOMPARE(trail->state().failedAt, quint64(2));
        QVERIFY2(trail->text().contains(QStringLiteral("BROKEN at entry 2")), qPrintable(trail->text()));
    }

    void someoneElseSignsInFromTheLock()
    {
        QVERIFY(m_window->signIn(Officer, OfficerPassword));
        m_window->lockNow();
        QVERIFY(m_window->isLocked());
        QTest::mouseClick(m_window->lockPage()->someoneElseButton(), Qt::LeftButton);
        QCOMPARE(currentPage(), m_window->signInPage());
        QVERIFY(m_window->signIn(QStringLiteral("supervisor"), QStringLiteral("supervisor-demo")));
        QCOMPARE(m_window->session()->role, Role::Supervisor);
    }

    // Issue 21: in every language, at 1366x768 and 1024x768, the sign-in
    // and lock pages show every label whole (in Arabic no mnemonic underline
    // that cuts a letter from its word; the lock page's "Signed in: ..."
    // wraps to all its lines), each form label before its field with its
    // colon by the field (right of it in Arabic).
    void pagesShowWholeLabels_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        for (const QString& language : Translation::available())
            for (const QSize size : {QSize(1366, 768), QSize(1024, 768)})
                QTest::addRow("%s %dx%d", qPrintable(language), size.width(), size.height())
                    << language << size;
    }

    void pagesShowWholeLabels()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QCOMPARE(WindowHost::applyLanguage(language), language);
        const auto english = qScopeGuard([] {
            WindowHost::applyLanguage(QStringLiteral("en"));
            QLocale::setDefault(QLocale::c());
        });
        const bool arabic = language == QLatin1String("ar");
        QCOMPARE(QApplication::style()->styleHint(QStyle::SH_UnderlineShortcut) == 0, arabic);
        m_ui.newWindow(size).show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QCOMPARE(currentPage(), m_window->signInPage());
        QStringList problems = labelProblems(m_window->signInPage(), arabic);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        QVERIFY(m_window->signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo")));
        m_window->lockNow();
        QCOMPARE(currentPage(), m_window->lockPage());
        QCoreApplication::processEvents();
        problems = labelProblems(m_window->lockPage(), arabic);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // And the page that asks for a new password (one the administrator set).
        const auto admin =
            m_window->records().signIn(QStringLiteral("administrator"), QStringLiteral("administrator-demo"));
        QVERIFY(admin.ok());
        QVERIFY(
            m_window->records()
                .addAccount(*admin, QStringLiteral("reset"), Role::Officer, QStringLiteral("first-password"))
                .ok());
        QVERIFY(m_window->records()
                    .setPassword(*admin, QStringLiteral("reset"), QStringLiteral("reset-by-admin"))
                    .ok());
        m_window->signOut();
        QVERIFY(!m_window->signIn(QStringLiteral("reset"), QStringLiteral("reset-by-admin")));
        QTRY_VERIFY(m_window->newPasswordPage()->isVisible());
        problems = labelProblems(m_window->newPasswordPage(), arabic);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestSignIn)
#include "test_signin.moc"
