#pragma once

// The desk's accounts, for an administrator (issue 21 item 7): add one,
// disable and enable it, reset its password (its owner chooses a new one at
// the next sign-in) and change its role. Every change goes through the
// records door, which checks the role, four eyes and writes the trail entry;
// the dialog says the door's words when it refuses.

#include "records/DeskRecords.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace kp {
class Clock;
}

namespace kp::ui {

class PasswordPair;

class UsersDialog : public QDialog
{
    Q_OBJECT

public:
    UsersDialog(DeskRecords& door, const Session& session, const Clock& clock, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    // The selected account's part.
    QComboBox* roleBox() const { return m_role; }
    QPushButton* changeRoleButton() const { return m_changeRole; }
    QPushButton* disableButton() const { return m_disable; }
    QPushButton* enableButton() const { return m_enable; }
    PasswordPair* resetFields() const { return m_reset; }
    QPushButton* resetButton() const { return m_resetButton; }
    // The new account's part.
    QLineEdit* newName() const { return m_newName; }
    QComboBox* newRole() const { return m_newRole; }
    PasswordPair* newPassword() const { return m_newPassword; }
    QPushButton* addButton() const { return m_add; }
    // What the last action did, or why the door refused it.
    QString message() const;
    bool messageIsError() const { return m_error; }

    // Selects the row of the account named so; false when there is none.
    bool select(const QString& name);
    QString selectedName() const;

private:
    void reload(const QString& keepSelected);
    void selectionChanged();
    void addAccount();
    void changeRole();
    void setDisabled(bool disabled);
    void resetPassword();
    // Shows the outcome; on success reloads the list keeping `name` selected.
    void reportOutcome(const Status& s, const QString& name, const QString& success);
    void say(const QString& text, bool error);

    DeskRecords& m_door;
    const Session m_session;
    const Clock& m_clock;
    QTableWidget* m_table;
    QComboBox* m_role;
    QPushButton* m_changeRole;
    QPushButton* m_disable;
    QPushButton* m_enable;
    PasswordPair* m_reset;
    QPushButton* m_resetButton;
    QLineEdit* m_newName;
    QComboBox* m_newRole;
    PasswordPair* m_newPassword;
    QPushButton* m_add;
    QLabel* m_message;
    bool m_error = false;
};

} // namespace kp::ui
