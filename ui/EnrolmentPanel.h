#pragma once

// The desk's enrolment with its home authority by file exchange
// (kp-outbox.md, "The desk's key"), for an administrator: the desk id, the
// key and its request saved to a file, later the certificate the authority
// returns installed. The same core steps, checks and messages as
// `kpdesk-cli enrol` (DeskEnrolment::requestToFile, installFromFile). In the
// first-run dialog and in the settings.

#include "records/DeskRecords.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kp {
class CacheDatabase;
class Clock;
} // namespace kp

namespace kp::ui {

class EnrolmentPanel : public QWidget
{
    Q_OBJECT

public:
    EnrolmentPanel(CacheDatabase& db, DeskRecords& door, const Session& admin, const Clock& clock,
                   QWidget* parent = nullptr);

    // Each asks for its file (FileDialog); false, with the reason shown, when
    // nothing was done.
    bool saveRequest();
    bool installCertificate();

    // What the panel says now: the state, or what the last step did or why not.
    QString message() const;
    void refresh();

private:
    void say(const QString& text, bool problem);

    CacheDatabase& m_db;
    DeskRecords& m_door;
    Session m_admin;
    const Clock& m_clock;
    QLineEdit* m_deskId;
    QPushButton* m_request;
    QPushButton* m_install;
    QLabel* m_state;
};

} // namespace kp::ui
