#pragma once

// The window's first page: who works at the desk (name, password). Keyboard
// first: the name has the focus, Enter in the name goes to the password,
// Enter in the password signs in. The door's words say what went wrong.

#include "DemoAccounts.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kp::ui {

class SignInPage : public QWidget
{
    Q_OBJECT

public:
    explicit SignInPage(QWidget* parent = nullptr);

    QLineEdit* nameField() const { return m_name; }
    QLineEdit* passwordField() const { return m_password; }
    QPushButton* signInButton() const { return m_button; }
    QString message() const;

    // The demo desk's accounts, shown marked DEMO; empty: none shown.
    void setDemoAccounts(const QList<DemoAccount>& accounts);
    // A standing notice (e.g. the desk has no account yet); empty: none.
    void setNotice(const QString& notice);
    void showMessage(const QString& message);
    // Empty fields and no message; the focus on the name.
    void reset();

signals:
    void signInRequested(const QString& name, const QString& password);

private:
    void submit();

    QLineEdit* m_name;
    QLineEdit* m_password;
    QPushButton* m_button;
    QLabel* m_message;
    QLabel* m_notice;
    QLabel* m_demo;
};

} // namespace kp::ui
