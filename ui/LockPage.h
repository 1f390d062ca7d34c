#pragma once

// The idle desk's locked screen: it hides the inspection, says who is
// signed in, and asks that person's password; or someone else signs in.

#include "accounts/Role.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kp::ui {

class LockPage : public QWidget
{
    Q_OBJECT

public:
    explicit LockPage(QWidget* parent = nullptr);

    void setPerson(const QString& name, Role role);
    QLineEdit* passwordField() const { return m_password; }
    QPushButton* unlockButton() const { return m_unlock; }
    QPushButton* someoneElseButton() const { return m_other; }
    QString who() const;
    QString message() const;
    void showMessage(const QString& message);
    // An empty password and no message; the focus on the password.
    void reset();

signals:
    void unlockRequested(const QString& password);
    void someoneElseRequested();

private:
    void submit();

    QLabel* m_who;
    QLineEdit* m_password;
    QPushButton* m_unlock;
    QPushButton* m_other;
    QLabel* m_message;
};

} // namespace kp::ui
