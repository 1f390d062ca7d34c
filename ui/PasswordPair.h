#pragma once

// A new password typed twice (issue 21 item 7): for a new account, a reset
// and the change at sign-in. What was typed is cleared as soon as it is
// taken, whatever happens next; the door's rules judge the password itself.

#include "util/Result.h"

#include <QWidget>

class QLineEdit;

namespace kp::ui {

class PasswordPair : public QWidget
{
    Q_OBJECT

public:
    // The fields' labels, with their Alt keys (empty: "New password", "Again").
    explicit PasswordPair(QWidget* parent = nullptr, const QString& firstLabel = {},
                          const QString& secondLabel = {});

    QLineEdit* first() const { return m_first; }
    QLineEdit* second() const { return m_second; }
    // The password when both fields agree and are not empty; clears both.
    Result<QString> take();
    void clear();

signals:
    // Enter in the second field.
    void submitted();

private:
    QLineEdit* m_first;
    QLineEdit* m_second;
};

} // namespace kp::ui
