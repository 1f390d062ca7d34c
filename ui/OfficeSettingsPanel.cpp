#include "OfficeSettingsPanel.h"

#include "cache/CacheDatabase.h"
#include "crypto/ThreadCryptoState.h"
#include "office/OfficeDatabase.h"
#include "office/OfficeLink.h"
#include "office/Replicator.h"

#include <QCborMap>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace kp::ui {

OfficeSettingsPanel::OfficeSettingsPanel(CacheDatabase& db, DeskRecords& door, const Session& admin,
                                         QWidget* parent)
    : QWidget(parent), m_db(db), m_door(door), m_admin(admin), m_url(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_testButton(new QPushButton(tr("&Test connection"), this)),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("officeSettings"));
    m_url->setObjectName(QStringLiteral("officeUrl"));
    m_url->setAccessibleName(tr("Office URL"));
    m_url->setPlaceholderText(tr("postgresql://desk@office.example/kpoffice?sslmode=verify-full"));
    m_password->setObjectName(QStringLiteral("officePassword"));
    m_password->setAccessibleName(tr("Office password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_testButton->setObjectName(QStringLiteral("officeTestButton"));
    m_status->setObjectName(QStringLiteral("officeStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QString problem;
    if (auto link = OfficeLink::load(db); !link)
        problem = link.error().message;
    else
        m_stored = *link;
    if (m_stored) {
        m_url->setText(m_stored->redacted()); // never the password
        if (!m_stored->password.isEmpty())
            m_password->setPlaceholderText(tr("kept; type a new one to change it"));
    }

    connect(m_testButton, &QPushButton::clicked, this, &OfficeSettingsPanel::testConnection);
    connect(&m_test, &QFutureWatcher<QString>::finished, this, [this] {
        const QString why = m_test.result();
        m_testButton->setEnabled(true);
        showStatus(why.isEmpty() ? tr("Connected to the office.") : why);
        emit tested(why.isEmpty());
    });

    auto* test = new QHBoxLayout;
    test->addWidget(m_testButton);
    test->addStretch(1);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Office &URL:"), m_url);
    form->addRow(tr("Office pass&word:"), m_password);
    form->addRow(QString(), test);
    form->addRow(tr("Status:"), m_status);
    showStatus(!problem.isEmpty() ? problem
               : m_stored         ? tr("Not tested yet (the window replicates in the background).")
                                  : tr("This desk works alone: no office."));
}

Result<std::optional<OfficeUrl>> OfficeSettingsPanel::enteredUrl() const
{
    const QString text = m_url->text().trimmed();
    if (text.isEmpty())
        return std::optional<OfficeUrl>();
    auto url = OfficeUrl::parse(text);
    if (!url)
        return url.error();
    if (!m_password->text().isEmpty())
        url->password = m_password->text();
    else if (url->password.isEmpty() && m_stored && m_stored->redacted() == url->redacted())
        url->password = m_stored->password; // the same office: its kept password
    return std::optional<OfficeUrl>(*url);
}

void OfficeSettingsPanel::testConnection()
{
    if (testing())
        return;
    auto url = enteredUrl();
    if (!url || !url->has_value()) {
        showStatus(url ? tr("No office URL to test.") : url.error().message);
        emit tested(false);
        return;
    }
    m_testButton->setEnabled(false);
    showStatus(tr("Trying %1…").arg((*url)->redacted()));
    m_test.setFuture(QtConcurrent::run([office = **url]() -> QString {
        const ThreadCryptoState cryptoState; // libpq's TLS
        auto db = OfficeDatabase::connect(office);
        return db ? QString() : db.error().message;
    }));
}

bool OfficeSettingsPanel::save()
{
    auto url = enteredUrl();
    if (!url) {
        showStatus(url.error().message);
        return false;
    }
    const bool same = url->has_value() == m_stored.has_value() &&
                      (!m_stored || ((*url)->toString() == m_stored->toString()));
    if (same)
        return true;
    const Status s = url->has_value() ? OfficeLink::save(m_db, **url) : OfficeLink::remove(m_db);
    if (!s) {
        showStatus(s.error().message);
        return false;
    }
    // The trail says which office, never with its password.
    const QString redacted = url->has_value() ? (*url)->redacted() : QString();
    if (const Status noted =
            m_door.note(m_admin, QStringLiteral("office_set"), QCborMap{{QStringLiteral("url"), redacted}});
        !noted) {
        showStatus(noted.error().message);
        return false;
    }
    m_stored = *url;
    m_password->clear();
    m_url->setText(m_stored ? m_stored->redacted() : QString());
    m_changed = true;
    showStatus(m_stored ? tr("Saved: the window replicates with %1.").arg(m_stored->redacted())
                        : tr("Saved: this desk works alone."));
    return true;
}

QString OfficeSettingsPanel::status() const
{
    return m_status->text();
}

QString OfficeSettingsPanel::waitingText() const
{
    // The desk's own file, read here: quick, and no network.
    auto waiting = Replicator::waiting(m_db);
    if (!waiting)
        return waiting.error().message;
    return tr("%Ln record(s) of this desk wait to go up.", nullptr, int(*waiting));
}

void OfficeSettingsPanel::showStatus(const QString& connection)
{
    m_status->setText(connection + QLatin1Char('\n') + waitingText());
}

} // namespace kp::ui
