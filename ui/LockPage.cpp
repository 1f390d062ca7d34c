#include "LockPage.h"

#include "CentredBox.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kp::ui {

LockPage::LockPage(QWidget* parent)
    : QWidget(parent), m_who(new QLabel(this)), m_password(new QLineEdit(this)),
      m_unlock(new QPushButton(tr("&Unlock"), this)),
      m_other(new QPushButton(tr("Sign in as &someone else"), this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("lockPage"));
    auto* title = new QLabel(tr("The desk is locked"), this);
    makeTitle(title);
    m_who->setObjectName(QStringLiteral("lockWho"));
    m_who->setWordWrap(true);
    m_password->setObjectName(QStringLiteral("lockPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_unlock->setObjectName(QStringLiteral("unlockButton"));
    m_unlock->setAccessibleName(tr("Unlock"));
    m_other->setObjectName(QStringLiteral("someoneElseButton"));
    m_other->setAccessibleName(tr("Sign in as someone else"));
    m_message->setObjectName(QStringLiteral("lockMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));

    connect(m_password, &QLineEdit::returnPressed, this, &LockPage::submit);
    connect(m_unlock, &QPushButton::clicked, this, &LockPage::submit);
    connect(m_other, &QPushButton::clicked, this, &LockPage::someoneElseRequested);

    auto* form = new QFormLayout;
    form->addRow(tr("&Password:"), m_password);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_other);
    buttons->addStretch();
    buttons->addWidget(m_unlock);

    // As the sign-in page: centred by stretches, not by an alignment, which
    // cut the wrapped "Signed in: ..." line short (its height-for-width lost).
    auto* inner = new QVBoxLayout(centredBox(this));
    inner->addWidget(title);
    inner->addWidget(m_who);
    inner->addLayout(form);
    inner->addLayout(buttons);
    inner->addWidget(m_message);
    setFocusProxy(m_password);
}

void LockPage::setPerson(const QString& name, Role role)
{
    m_who->setText(tr("Signed in: %1 (%2). Type your password to go on.").arg(name, roleTitle(role)));
}

QString LockPage::who() const
{
    return m_who->text();
}

QString LockPage::message() const
{
    return m_message->text();
}

void LockPage::showMessage(const QString& message)
{
    m_message->setText(message);
}

void LockPage::reset()
{
    m_password->clear();
    m_message->clear();
    m_password->setFocus();
}

void LockPage::submit()
{
    const QString password = m_password->text();
    m_password->clear();
    emit unlockRequested(password);
}

} // namespace kp::ui
