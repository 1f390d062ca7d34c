#include "PasswordPair.h"

#include <QFormLayout>
#include <QLineEdit>

namespace kp::ui {

PasswordPair::PasswordPair(QWidget* parent, const QString& firstLabel, const QString& secondLabel)
    : QWidget(parent), m_first(new QLineEdit(this)), m_second(new QLineEdit(this))
{
    for (QLineEdit* field : {m_first, m_second}) {
        field->setEchoMode(QLineEdit::Password);
        field->setAttribute(Qt::WA_InputMethodEnabled, false);
    }
    m_first->setObjectName(QStringLiteral("newPassword"));
    m_first->setAccessibleName(tr("New password"));
    m_second->setObjectName(QStringLiteral("repeatPassword"));
    m_second->setAccessibleName(tr("New password again"));
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(firstLabel.isEmpty() ? tr("New pass&word:") : firstLabel, m_first);
    form->addRow(secondLabel.isEmpty() ? tr("A&gain:") : secondLabel, m_second);
    connect(m_first, &QLineEdit::returnPressed, m_second, qOverload<>(&QWidget::setFocus));
    connect(m_second, &QLineEdit::returnPressed, this, &PasswordPair::submitted);
    setFocusProxy(m_first);
}

Result<QString> PasswordPair::take()
{
    const QString first = m_first->text();
    const QString second = m_second->text();
    clear();
    if (first.isEmpty())
        return makeError(QStringLiteral("ui.no-password"), tr("Type the new password twice."));
    if (first != second)
        return makeError(QStringLiteral("ui.passwords-differ"),
                         tr("The two passwords are not the same: type them again."));
    return first;
}

void PasswordPair::clear()
{
    m_first->clear();
    m_second->clear();
}

} // namespace kp::ui
