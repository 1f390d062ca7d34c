#include "SignInPage.h"

#include "CentredBox.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kp::ui {

SignInPage::SignInPage(QWidget* parent)
    : QWidget(parent), m_name(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_button(new QPushButton(tr("&Sign in"), this)), m_message(new QLabel(this)),
      m_notice(new QLabel(this)), m_demo(new QLabel(this))
{
    setObjectName(QStringLiteral("signInPage"));
    auto* title = new QLabel(tr("Sign in to KP Desk"), this);
    makeTitle(title);

    m_name->setObjectName(QStringLiteral("signInName"));
    m_name->setAccessibleName(tr("Name"));
    m_password->setObjectName(QStringLiteral("signInPassword"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_button->setObjectName(QStringLiteral("signInButton"));
    m_button->setAccessibleName(tr("Sign in"));
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_message->setAccessibleName(tr("Sign-in message"));
    m_notice->setObjectName(QStringLiteral("signInNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_demo->setObjectName(QStringLiteral("demoAccounts"));
    m_demo->setWordWrap(true);
    m_demo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The padding as the label's own margin: a style sheet's padding is left
    // out of a word-wrapped label's height, which cut the last accounts off.
    m_demo->setStyleSheet(QStringLiteral("background: #fff3cd; border: 2px dashed #b8860b;"));
    m_demo->setMargin(8);
    m_demo->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Password:"), m_password);

    connect(m_name, &QLineEdit::returnPressed, this, [this] {
        if (m_password->text().isEmpty())
            m_password->setFocus();
        else
            submit();
    });
    connect(m_password, &QLineEdit::returnPressed, this, &SignInPage::submit);
    connect(m_button, &QPushButton::clicked, this, &SignInPage::submit);

    auto* inner = new QVBoxLayout(centredBox(this));
    inner->addWidget(title);
    inner->addWidget(m_notice);
    inner->addLayout(form);
    inner->addWidget(m_button, 0, Qt::AlignRight);
    inner->addWidget(m_message);
    inner->addWidget(m_demo);
    setFocusProxy(m_name);
}

QString SignInPage::message() const
{
    return m_message->text();
}

void SignInPage::setDemoAccounts(const QList<DemoAccount>& accounts)
{
    if (accounts.isEmpty()) {
        m_demo->hide();
        return;
    }
    QStringList lines{tr("DEMO desk: these accounts are for trying KP Desk only.")};
    for (const DemoAccount& a : accounts)
        lines << tr("DEMO %1: name \"%2\", password \"%3\"").arg(roleTitle(a.role), a.name, a.password);
    m_demo->setText(lines.join(u'\n'));
    m_demo->show();
}

void SignInPage::setNotice(const QString& notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void SignInPage::showMessage(const QString& message)
{
    m_message->setText(message);
}

void SignInPage::reset()
{
    m_name->clear();
    m_password->clear();
    m_message->clear();
    m_name->setFocus();
}

void SignInPage::submit()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        showMessage(tr("Type your name and password."));
        m_name->setFocus();
        return;
    }
    const QString password = m_password->text();
    m_password->clear(); // never left on screen, whatever happens next
    emit signInRequested(name, password);
}

} // namespace kp::ui
