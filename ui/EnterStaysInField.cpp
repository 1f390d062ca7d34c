#include "EnterStaysInField.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDialog>
#include <QKeyEvent>
#include <QLineEdit>

namespace kp::ui {

EnterStaysInField::EnterStaysInField(QDialog* dialog) : QObject(dialog), m_dialog(dialog) {}

void EnterStaysInField::install(QDialog* dialog)
{
    dialog->installEventFilter(new EnterStaysInField(dialog));
}

bool EnterStaysInField::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_dialog || event->type() != QEvent::KeyPress)
        return false;
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter)
        return false;
    // An Enter a text field passed on reaches the dialog here, before
    // QDialog would press its default button with it.
    QWidget* focus = m_dialog->focusWidget();
    const bool inField = qobject_cast<QLineEdit*>(focus) || qobject_cast<QAbstractSpinBox*>(focus) ||
                         qobject_cast<QComboBox*>(focus) ||
                         (focus && qobject_cast<QAbstractSpinBox*>(focus->parentWidget())) ||
                         (focus && qobject_cast<QComboBox*>(focus->parentWidget()));
    return inField;
}

} // namespace kp::ui
