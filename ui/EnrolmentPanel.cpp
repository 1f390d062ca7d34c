#include "EnrolmentPanel.h"

#include "FileDialogs.h"

#include "cache/CacheDatabase.h"
#include "outbox/EnrolmentFiles.h"
#include "util/Clock.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace kp::ui {

EnrolmentPanel::EnrolmentPanel(CacheDatabase& db, DeskRecords& door, const Session& admin, const Clock& clock,
                               QWidget* parent)
    : QWidget(parent), m_db(db), m_door(door), m_admin(admin), m_clock(clock), m_deskId(new QLineEdit(this)),
      m_request(new QPushButton(tr("Make the key and sa&ve the request..."), this)),
      m_install(new QPushButton(tr("Install the &certificate..."), this)), m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("enrolmentPanel"));
    m_deskId->setObjectName(QStringLiteral("deskId"));
    m_deskId->setAccessibleName(tr("Desk id"));
    m_deskId->setPlaceholderText(tr("participant, post and desk, e.g. EU-ANR-03"));
    m_deskId->setMaxLength(64);
    m_deskId->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9-]*")), this));
    m_request->setObjectName(QStringLiteral("saveRequestButton"));
    m_install->setObjectName(QStringLiteral("installCertificateButton"));
    m_state->setObjectName(QStringLiteral("enrolmentState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_request, &QPushButton::clicked, this, &EnrolmentPanel::saveRequest);
    connect(m_install, &QPushButton::clicked, this, &EnrolmentPanel::installCertificate);

    auto* intro = new QLabel(tr("The desk signs import confirmations and doubts with its own key. Save its "
                                "certificate request, give the file to your home authority, and install "
                                "the certificate it returns."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Desk &id:"), m_deskId);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_request);
    buttons->addWidget(m_install);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_state);
    refresh();
}

void EnrolmentPanel::refresh()
{
    const auto deskId = m_db.enrolledDeskId();
    const auto pem = m_db.deskCertificatePem();
    if (!deskId || !pem) {
        say((deskId ? pem.error() : deskId.error()).message, true);
        return;
    }
    if (m_deskId->text().isEmpty())
        m_deskId->setText(*deskId);
    if (deskId->isEmpty()) {
        say(tr("Not enrolled."), false);
        return;
    }
    if (pem->isEmpty()) {
        say(tr("Not enrolled: desk %1 is waiting for its certificate.").arg(*deskId), false);
        return;
    }
    const auto identity = DeskIdentity::load(m_db);
    if (!identity) {
        say(identity.error().message, true);
        return;
    }
    const auto revoked = DeskIdentity::revokedOn(m_db, identity->certificate);
    if (!revoked) {
        say(revoked.error().message, true);
        return;
    }
    if (revoked->isValid()) {
        say(tr("The home authority revoked the certificate of desk %1 on %2: other desks and the authority "
               "refuse what it signs. Enrol the desk again.")
                .arg(identity->deskId, revoked->toString(Qt::ISODate)),
            true);
        return;
    }
    say(tr("Enrolled as desk %1; the certificate is valid until %2 (UTC).")
            .arg(identity->deskId, identity->certificate.notAfter().toUTC().toString(Qt::ISODate)),
        false);
}

bool EnrolmentPanel::saveRequest()
{
    const QString deskId = m_deskId->text().trimmed().toUpper();
    if (deskId.isEmpty()) {
        say(tr("Give the desk's id first (from your home authority)."), true);
        m_deskId->setFocus();
        return false;
    }
    // An enrolled desk enrolled again gets a new key, and the old certificate goes.
    bool force = false;
    const auto pem = m_db.deskCertificatePem();
    if (pem && !pem->isEmpty()) {
        if (QMessageBox::question(this, tr("Enrol the desk again"),
                                  tr("This desk is enrolled. Enrolling it again makes a new key; the "
                                     "installed certificate is removed and the desk signs nothing until "
                                     "the new one is installed. Go on?")) != QMessageBox::Yes)
            return false;
        force = true;
    }
    const QString path = FileDialogs::saveFile(this, tr("Save the certificate request"),
                                               deskId + QStringLiteral(".csr.pem"), tr("Requests (*.pem)"));
    if (path.isEmpty())
        return false;
    auto written = DeskEnrolment::requestToFile(m_db, m_door, m_admin, deskId, force, path);
    if (!written) {
        say(written.error().message, true);
        return false;
    }
    say(tr("Wrote the certificate request of desk %1 to %2: give it to the home authority, then install "
           "the certificate it returns.")
            .arg(written->deskId, path),
        false);
    return true;
}

bool EnrolmentPanel::installCertificate()
{
    const QString path = FileDialogs::openFile(this, tr("The desk certificate from the authority"),
                                               tr("Certificates (*.pem *.crt)"));
    if (path.isEmpty())
        return false;
    auto identity = DeskEnrolment::installFromFile(m_db, m_door, m_admin, path, m_clock.nowUtc());
    if (!identity) {
        say(identity.error().message, true);
        return false;
    }
    say(tr("Installed the certificate of desk %1, valid until %2 (UTC).")
            .arg(identity->deskId, identity->certificate.notAfter().toUTC().toString(Qt::ISODate)),
        false);
    return true;
}

QString EnrolmentPanel::message() const
{
    return m_state->text();
}

void EnrolmentPanel::say(const QString& text, bool problem)
{
    m_state->setText(text);
    m_state->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
}

} // namespace kp::ui
