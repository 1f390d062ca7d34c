#pragma once

// The page after signing in with a password someone else set (issue 21
// item 7): its owner chooses a new one before anything else, or signs out.
// The door refuses every other action of the account until then.

#include <QWidget>

class QLabel;
class QPushButton;

namespace kp::ui {

class PasswordPair;

class NewPasswordPage : public QWidget
{
    Q_OBJECT

public:
    explicit NewPasswordPage(QWidget* parent = nullptr);

    void setPerson(const QString& name);
    void showMessage(const QString& message);
    QString message() const;
    // Empty fields and no message; the focus on the first field.
    void reset();

    PasswordPair* fields() const { return m_fields; }
    QPushButton* chooseButton() const { return m_choose; }
    QPushButton* signOutButton() const { return m_signOut; }

signals:
    void passwordChosen(const QString& password);
    void signOutRequested();

private:
    void submit();

    QLabel* m_text;
    PasswordPair* m_fields;
    QPushButton* m_choose;
    QPushButton* m_signOut;
    QLabel* m_message;
};

} // namespace kp::ui
