#pragma once

// Enter in a dialog's text field never presses the dialog's default button:
// a dialog that sends something (an escalation to authorities) sends it only
// when its button is pressed. The field still sees its Enter (returnPressed:
// "Also to" adds the code typed); the dialog does not.

#include <QObject>

class QDialog;

namespace kp::ui {

class EnterStaysInField : public QObject
{
    Q_OBJECT

public:
    // Guards the dialog (owned by it) for as long as it lives.
    static void install(QDialog* dialog);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit EnterStaysInField(QDialog* dialog);
    QDialog* m_dialog;
};

} // namespace kp::ui
