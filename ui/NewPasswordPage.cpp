#include "NewPasswordPage.h"

#include "CentredBox.h"
#include "PasswordPair.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kp::ui {

NewPasswordPage::NewPasswordPage(QWidget* parent)
    : QWidget(parent), m_text(new QLabel(this)), m_fields(new PasswordPair(this)),
      m_choose(new QPushButton(tr("&Set my password"), this)),
      m_signOut(new QPushButton(tr("Sign &out"), this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("newPasswordPage"));
    auto* title = new QLabel(tr("Choose a new password"), this);
    makeTitle(title);
    m_text->setWordWrap(true);
    m_choose->setObjectName(QStringLiteral("choosePasswordButton"));
    m_choose->setAccessibleName(tr("Set my password"));
    m_signOut->setObjectName(QStringLiteral("newPasswordSignOut"));
    m_signOut->setAccessibleName(tr("Sign out"));
    m_message->setObjectName(QStringLiteral("newPasswordMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_message->setAccessibleName(tr("Password message"));

    connect(m_fields, &PasswordPair::submitted, this, &NewPasswordPage::submit);
    connect(m_choose, &QPushButton::clicked, this, &NewPasswordPage::submit);
    connect(m_signOut, &QPushButton::clicked, this, &NewPasswordPage::signOutRequested);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_signOut);
    buttons->addStretch();
    buttons->addWidget(m_choose);
    auto* inner = new QVBoxLayout(centredBox(this));
    inner->addWidget(title);
    inner->addWidget(m_text);
    inner->addWidget(m_fields);
    inner->addLayout(buttons);
    inner->addWidget(m_message);
    setFocusProxy(m_fields);
}

void NewPasswordPage::setPerson(const QString& name)
{
    m_text->setText(tr("%1, your password was set by an administrator. Choose a new one that only you "
                       "know before you go on.")
                        .arg(name));
}

void NewPasswordPage::showMessage(const QString& message)
{
    m_message->setText(message);
}

QString NewPasswordPage::message() const
{
    return m_message->text();
}

void NewPasswordPage::reset()
{
    m_fields->clear();
    m_message->clear();
    m_fields->first()->setFocus();
}

void NewPasswordPage::submit()
{
    auto password = m_fields->take();
    if (!password) {
        showMessage(password.error().message);
        m_fields->first()->setFocus();
        return;
    }
    emit passwordChosen(*password);
}

} // namespace kp::ui
