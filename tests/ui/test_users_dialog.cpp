// Users in the window (issue 21 item 7): an administrator adds an officer
// who then signs in and verifies, resets a password (its owner chooses a
// new one before anything else), disables, enables and changes roles; four
// eyes refuses an administrator's change to their own account; officers
// and supervisors have no Users action.
#include "TestSupport.h"
#include "UiDesk.h"

#include "InspectionView.h"
#include "MainWindow.h"
#include "NewPasswordPage.h"
#include "PasswordPair.h"
#include "SignInPage.h"
#include "UsersDialog.h"
#include "VerdictBanner.h"
#include "WedgeScanFilter.h"

#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QtTest>

using namespace kp;
using namespace kp::ui;
using namespace kp::test;

namespace {

const QString Admin = QStringLiteral("administrator");
const QString AdminPassword = QStringLiteral("administrator-demo");
const QString Officer = QStringLiteral("officer");
const QString OfficerPassword = QStringLiteral("officer-demo");

// A person's pace: each key well apart, so the wedge filter (set to 10 ms
// below) never takes it for a scanner.
void typeInto(QWidget* field, const QString& text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text, Qt::NoModifier, 30);
}

void typeTwice(PasswordPair* pair, const QString& password)
{
    typeInto(pair->first(), password);
    typeInto(pair->second(), password);
}

} // namespace

class TestUsersDialog : public UiDeskTest
{
    Q_OBJECT

    MainWindow& window() { return *m_ui.window; }

    void showWindow()
    {
        m_ui.newWindow(QSize(1024, 728)).show();
        QVERIFY(QTest::qWaitForWindowExposed(m_ui.window.get()));
        window().wedgeFilter()->setMaxGapMs(10);
    }

    UsersDialog* openUsers()
    {
        window().usersAction()->trigger();
        UsersDialog* dialog = nullptr;
        if (!QTest::qWaitFor(
                [&] { return (dialog = window().findChild<UsersDialog*>()) && dialog->isVisible(); }))
            return nullptr;
        return dialog;
    }

    // Clicks the account's row, as an administrator picks it.
    static bool clickRow(UsersDialog* dialog, const QString& name)
    {
        const auto found = dialog->table()->findItems(name, Qt::MatchExactly);
        if (found.isEmpty())
            return false;
        QTableWidget* table = dialog->table();
        table->scrollToItem(found.first());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualItemRect(found.first()).center());
        return dialog->selectedName() == name;
    }

    std::optional<AccountRecord> account(const QString& name)
    {
        SqliteRecordsStore store(*m_ui.db);
        auto found = store.account(name);
        return found ? *found : std::nullopt;
    }

    QWidget* currentPage() { return window().findChild<QStackedWidget*>()->currentWidget(); }

    // A verification as the signed-in person, recorded by the door.
    bool verifies()
    {
        window().verifyText(m_ui.desk.sample(u"bw-genuine")->text);
        return !window().currentRecordId().isEmpty();
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        const Status built = m_ui.build(UiDesk::People::MadeByWindow);
        QVERIFY2(built.ok(), why(built));
    }

    void init()
    {
        const Status copied = m_ui.openCopy();
        QVERIFY2(copied.ok(), why(copied));
    }

    void cleanup() { m_ui.close(); }

    // A real desk starts with one administrator, who may not verify: they
    // add an officer in the window, who signs in and verifies.
    void administratorAddsAnOfficerWhoVerifies()
    {
        {
            SqliteRecordsStore store(*m_ui.db);
            DeskRecords door(store, m_ui.clock);
            QVERIFY(door.addFirstAdministrator(Session::forCommandLine(QStringLiteral("test")),
                                               QStringLiteral("root"), QStringLiteral("root-password-1"))
                        .ok());
        }
        showWindow();
        QVERIFY(window().signIn(QStringLiteral("root"), QStringLiteral("root-password-1")));
        // An administrator does no inspection: the scan is refused before
        // anything is verified, with the reason, and nothing waits to be saved.
        QSignalSpy refused(&window(), &MainWindow::scanRefused);
        QVERIFY(!verifies());
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.first().first().toString().contains(QStringLiteral("may not verify")),
                 qPrintable(refused.first().first().toString()));
        QVERIFY(!window().retrySaveButton()->isVisible());
        QVERIFY2(!window().inspectionView()->banner()->headline().contains(QStringLiteral("ACCEPT")),
                 qPrintable(window().inspectionView()->banner()->headline()));
        QVERIFY(window().usersAction()->isVisible());
        UsersDialog* dialog = openUsers();
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->rowCount(), 1);

        typeInto(dialog->newName(), QStringLiteral("ana"));
        QCOMPARE(dialog->newRole()->currentData().toInt(), int(Role::Officer));
        typeTwice(dialog->newPassword(), QStringLiteral("ana-password-1"));
        QTest::keyClick(dialog->newPassword()->second(), Qt::Key_Return);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        QCOMPARE(dialog->table()->rowCount(), 2);
        QVERIFY(dialog->newPassword()->first()->text().isEmpty()); // never left on screen
        QVERIFY(dialog->isVisible());                              // Enter added, did not close
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!window().findChild<UsersDialog*>() || !window().findChild<UsersDialog*>()->isVisible());

        const auto ana = account(QStringLiteral("ana"));
        QVERIFY(ana && ana->role == Role::Officer && !ana->disabled);
        window().signOut();
        QVERIFY(window().signIn(QStringLiteral("ana"), QStringLiteral("ana-password-1")));
        QVERIFY(!window().usersAction()->isVisible());
        QVERIFY(verifies());
    }

    // Reset: the owner signs in with it once, then must choose a new one
    // before anything else; the desk is not theirs until then.
    void resetPasswordForcesAChangeAtNextSignIn()
    {
        showWindow();
        QVERIFY(window().signIn(Admin, AdminPassword));
        UsersDialog* dialog = openUsers();
        QVERIFY(dialog);
        QVERIFY(clickRow(dialog, Officer));
        typeTwice(dialog->resetFields(), QStringLiteral("temporary-pass-1"));
        QTest::mouseClick(dialog->resetButton(), Qt::LeftButton);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        QVERIFY(account(Officer)->mustChangePassword);
        window().signOut();

        QVERIFY(!window().signIn(Officer, OfficerPassword)); // the old one is gone
        QVERIFY(!window().signIn(Officer, QStringLiteral("temporary-pass-1")));
        NewPasswordPage* page = window().newPasswordPage();
        QCOMPARE(currentPage(), page);
        QVERIFY(!window().session()); // nobody at the desk yet
        QVERIFY(!verifies());
        QVERIFY(!window().findChild<QAction*>(QStringLiteral("lockAction"))->isEnabled());

        // Two different passwords: said, nothing changed.
        typeInto(page->fields()->first(), QStringLiteral("officer-own-pass-1"));
        typeInto(page->fields()->second(), QStringLiteral("officer-own-pass-2"));
        QTest::keyClick(page->fields()->second(), Qt::Key_Return);
        QVERIFY2(page->message().contains(QStringLiteral("not the same")), qPrintable(page->message()));
        QCOMPARE(currentPage(), page);
        // Too short: the door's rule, in its words.
        typeTwice(page->fields(), QStringLiteral("short"));
        QTest::mouseClick(page->chooseButton(), Qt::LeftButton);
        QVERIFY(!page->message().isEmpty());
        QCOMPARE(currentPage(), page);

        typeTwice(page->fields(), QStringLiteral("officer-own-pass-1"));
        QTest::keyClick(page->fields()->second(), Qt::Key_Return);
        QVERIFY2(window().session().has_value(), qPrintable(page->message()));
        QCOMPARE(window().session()->name, Officer);
        QVERIFY(currentPage() != page);
        QVERIFY(!account(Officer)->mustChangePassword);
        QVERIFY(verifies());

        window().signOut();
        QVERIFY(!window().signIn(Officer, QStringLiteral("temporary-pass-1")));
        QCOMPARE(currentPage(), window().signInPage());
        QVERIFY(window().signIn(Officer, QStringLiteral("officer-own-pass-1")));
    }

    // Signing out from the new-password page leaves the account as it was.
    void signOutFromTheNewPasswordPage()
    {
        showWindow();
        QVERIFY(window().signIn(Admin, AdminPassword));
        UsersDialog* dialog = openUsers();
        QVERIFY(dialog && clickRow(dialog, Officer));
        typeTwice(dialog->resetFields(), QStringLiteral("temporary-pass-1"));
        QTest::keyClick(dialog->resetFields()->second(), Qt::Key_Return);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        window().signOut();
        QVERIFY(!window().signIn(Officer, QStringLiteral("temporary-pass-1")));
        QTest::mouseClick(window().newPasswordPage()->signOutButton(), Qt::LeftButton);
        QCOMPARE(currentPage(), window().signInPage());
        QVERIFY(!window().session());
        QVERIFY(account(Officer)->mustChangePassword);
    }

    // Disable, enable and a new role, each in force at the next sign-in.
    void disableEnableAndChangeRole()
    {
        showWindow();
        QVERIFY(window().signIn(Admin, AdminPassword));
        UsersDialog* dialog = openUsers();
        QVERIFY(dialog && clickRow(dialog, Officer));
        QVERIFY(!dialog->enableButton()->isEnabled());
        QTest::mouseClick(dialog->disableButton(), Qt::LeftButton);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        QVERIFY(account(Officer)->disabled);
        QCOMPARE(dialog->selectedName(), Officer);
        QVERIFY(dialog->enableButton()->isEnabled());
        QVERIFY(!dialog->disableButton()->isEnabled());

        window().signOut();
        QVERIFY(!window().signIn(Officer, OfficerPassword));
        QVERIFY(window().signIn(Admin, AdminPassword));
        dialog = openUsers();
        QVERIFY(dialog && clickRow(dialog, Officer));
        QTest::mouseClick(dialog->enableButton(), Qt::LeftButton);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        QVERIFY(!account(Officer)->disabled);

        // The officer becomes a supervisor: the Cases action is theirs.
        dialog->roleBox()->setFocus();
        QTest::keyClick(dialog->roleBox(), Qt::Key_Down); // Officer -> Supervisor
        QCOMPARE(dialog->roleBox()->currentData().toInt(), int(Role::Supervisor));
        QTest::mouseClick(dialog->changeRoleButton(), Qt::LeftButton);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        QCOMPARE(account(Officer)->role, Role::Supervisor);
        window().signOut();
        QVERIFY(window().signIn(Officer, OfficerPassword));
        QVERIFY(window().casesAction()->isVisible());
    }

    // Four eyes: an administrator does not change the role of, or disable,
    // their own account; the door refuses and says so, nothing changes.
    void fourEyesOnOwnAccount()
    {
        showWindow();
        QVERIFY(window().signIn(Admin, AdminPassword));
        UsersDialog* dialog = openUsers();
        QVERIFY(dialog && clickRow(dialog, Admin));
        dialog->roleBox()->setFocus();
        QTest::keyClick(dialog->roleBox(), Qt::Key_Up); // Administrator -> Supervisor
        QCOMPARE(dialog->roleBox()->currentData().toInt(), int(Role::Supervisor));
        QTest::mouseClick(dialog->changeRoleButton(), Qt::LeftButton);
        QVERIFY(dialog->messageIsError());
        QVERIFY2(dialog->message().contains(QStringLiteral("Four eyes")), qPrintable(dialog->message()));
        QCOMPARE(account(Admin)->role, Role::Administrator);
        QTest::mouseClick(dialog->disableButton(), Qt::LeftButton);
        QVERIFY(dialog->messageIsError());
        QVERIFY(!account(Admin)->disabled);

        // A second administrator may; the desk keeps one who can sign in.
        typeInto(dialog->newName(), QStringLiteral("second"));
        dialog->newRole()->setCurrentIndex(dialog->newRole()->findData(int(Role::Administrator)));
        typeTwice(dialog->newPassword(), QStringLiteral("second-admin-1"));
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        window().signOut();
        QVERIFY(window().signIn(QStringLiteral("second"), QStringLiteral("second-admin-1")));
        dialog = openUsers();
        QVERIFY(dialog && clickRow(dialog, Admin));
        QTest::mouseClick(dialog->disableButton(), Qt::LeftButton);
        QVERIFY2(!dialog->messageIsError(), qPrintable(dialog->message()));
        QVERIFY(account(Admin)->disabled);
    }

    // Officers and supervisors have no Users or Audit trail action, and
    // calling them opens nothing; a locked desk hides them and closes the dialog.
    void onlyAdministratorsSeeTheMenus()
    {
        showWindow();
        for (const auto& [name, password] :
             {std::pair{Officer, OfficerPassword},
              std::pair{QStringLiteral("supervisor"), QStringLiteral("supervisor-demo")}}) {
            QVERIFY(window().signIn(name, password));
            QVERIFY(!window().usersAction()->isVisible());
            QVERIFY(!window().auditTrailAction()->isVisible());
            window().showUsers();
            window().showAuditTrail();
            QVERIFY(!window().findChild<QDialog*>(QStringLiteral("usersDialog")));
            QVERIFY(!window().findChild<QDialog*>(QStringLiteral("auditTrailDialog")));
            window().signOut();
        }
        QVERIFY(!window().usersAction()->isVisible());
        QVERIFY(window().signIn(Admin, AdminPassword));
        QVERIFY(window().usersAction()->isVisible() && window().auditTrailAction()->isVisible());
        UsersDialog* dialog = openUsers();
        QVERIFY(dialog);
        window().lockNow();
        QVERIFY(!window().usersAction()->isVisible());
        QTRY_VERIFY(!window().findChild<UsersDialog*>() || !window().findChild<UsersDialog*>()->isVisible());
    }
};

QTEST_MAIN(TestUsersDialog)
#include "test_users_dialog.moc"
