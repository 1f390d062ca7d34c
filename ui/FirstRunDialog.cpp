#include "FirstRunDialog.h"

#include "FileDialogs.h"
#include "PlaceholderFit.h"

#include "accounts/PasswordHash.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace kp::ui {

FirstRunDialog::FirstRunDialog(QWidget* parent)
    : QDialog(parent), m_participant(new QLineEdit(this)), m_key(new QLineEdit(this)),
      m_source(new QLineEdit(this)), m_adminName(new QLineEdit(this)), m_adminPassword(new QLineEdit(this)),
      m_adminAgain(new QLineEdit(this))
{
    setObjectName(QStringLiteral("firstRunDialog"));
    setWindowTitle(tr("Set up this desk"));
    auto* intro =
        new QLabel(tr("This desk has no data yet. Set it up with the files from your KP authority, or try "
                      "KP Desk on a demo desk with demo certificates."),
                   this);
    intro->setWordWrap(true);
    m_participant->setPlaceholderText(tr("e.g. EU, CA, NA"));
    m_participant->setMaxLength(2);
    m_participant->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,2}")), this));
    m_key->setPlaceholderText(tr("bundle-cert.pem from your authority"));
    fitPlaceholder(m_key);
    auto* browse = new QPushButton(tr("&Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = FileDialogs::openFile(this, tr("The authority's bundle key certificate"),
                                                tr("Certificates (*.pem *.crt)"));
        if (!f.isEmpty())
            m_key->setText(f);
    });
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(browse);
    m_source->setPlaceholderText(tr("https://... or a folder (USB stick)"));
    fitPlaceholder(m_source);
    auto* form = new QFormLayout;
    form->addRow(tr("&Participant:"), m_participant);
    form->addRow(tr("Bundle &key:"), keyRow);
    // The row holds the field and its Browse button: Alt+K goes to the field.
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(keyRow)))
        label->setBuddy(m_key);
    form->addRow(tr("Sync &source:"), m_source);
    // The first account: the administrator, who makes the others.
    m_adminName->setObjectName(QStringLiteral("adminName"));
    m_adminName->setAccessibleName(tr("Administrator's name"));
    m_adminPassword->setObjectName(QStringLiteral("adminPassword"));
    m_adminPassword->setAccessibleName(tr("Administrator's password"));
    m_adminPassword->setEchoMode(QLineEdit::Password);
    m_adminAgain->setObjectName(QStringLiteral("adminPasswordAgain"));
    m_adminAgain->setAccessibleName(tr("Administrator's password again"));
    m_adminAgain->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Administrator's &name:"), m_adminName);
    form->addRow(tr("Pass&word:"), m_adminPassword);
    form->addRow(tr("Password &again:"), m_adminAgain);

    auto* buttons = new QDialogButtonBox(this);
    auto* setUp = buttons->addButton(tr("&Set up"), QDialogButtonBox::AcceptRole);
    auto* demo = buttons->addButton(tr("Try the &demo desk"), QDialogButtonBox::ActionRole);
    demo->setObjectName(QStringLiteral("demoButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(setUp, &QPushButton::clicked, this, [this] {
        if (participant().size() != 2 || bundleKeyPath().isEmpty()) {
            QMessageBox::warning(this, windowTitle(),
                                 tr("Give the participant code and the bundle key file."));
            return;
        }
        if (adminName().isEmpty() || adminName().startsWith(QLatin1String("cli:"), Qt::CaseInsensitive)) {
            QMessageBox::warning(this, windowTitle(), tr("Give the administrator's name."));
            return;
        }
        if (m_adminPassword->text() != m_adminAgain->text()) {
            QMessageBox::warning(this, windowTitle(), tr("The two passwords differ. Type them again."));
            m_adminPassword->clear();
            m_adminAgain->clear();
            m_adminPassword->setFocus();
            return;
        }
        if (const Status rules = PasswordRules{}.check(adminPassword(), adminName()); !rules) {
            QMessageBox::warning(this, windowTitle(), rules.error().message);
            return;
        }
        accept();
    });
    connect(demo, &QPushButton::clicked, this, [this] {
        m_demo = true;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString FirstRunDialog::participant() const
{
    return m_participant->text().trimmed().toUpper();
}

QString FirstRunDialog::bundleKeyPath() const
{
    return m_key->text().trimmed();
}

QString FirstRunDialog::adminName() const
{
    return m_adminName->text().trimmed();
}

QString FirstRunDialog::adminPassword() const
{
    return m_adminPassword->text();
}

QString FirstRunDialog::source() const
{
    return m_source->text().trimmed();
}

} // namespace kp::ui
