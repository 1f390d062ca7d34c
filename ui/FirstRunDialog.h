#pragma once

// First run: set up the desk (participant, the home authority's bundle key,
// a sync source, the administrator's account), or make a demo desk in one
// click. Once set up, the desk syncs once from its source (on a worker
// thread, with progress and the result on screen) and the administrator may
// enrol it with the home authority (EnrolmentPanel) before starting.

#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"

#include <QDialog>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace kp {
class CacheDatabase;
class Clock;
} // namespace kp

namespace kp::ui {

class EnrolmentPanel;
class SyncController;

class FirstRunDialog : public QDialog
{
    Q_OBJECT

public:
    FirstRunDialog(CacheDatabase& db, const Clock& clock, QWidget* parent = nullptr);
    ~FirstRunDialog() override;

    bool demoChosen() const { return m_demo; }
    // The desk was set up (it opens next, even if the dialog is closed after).
    bool deskSetUp() const { return m_admin.has_value(); }
    QString participant() const;
    QString bundleKeyPath() const;
    QString source() const;
    QString adminName() const;
    QString adminPassword() const;

    // Checks what was typed and sets the desk up, then syncs it once; false,
    // with the reason on screen, when nothing was set up. The Set up button.
    bool setUp();
    // What the dialog says now: why it refused, or the sync's progress and result.
    QString message() const;
    SyncController* sync() const { return m_sync; }
    EnrolmentPanel* enrolment() const { return m_enrolment; }

private:
    void say(const QString& text);
    QWidget* makeFinishPage();

    CacheDatabase& m_db;
    const Clock& m_clock;
    SqliteRecordsStore m_store;
    DeskRecords m_door;
    QStackedWidget* m_pages;
    QLineEdit* m_participant;
    QLineEdit* m_key;
    QLineEdit* m_source;
    QLineEdit* m_adminName;
    QLineEdit* m_adminPassword;
    QLineEdit* m_adminAgain;
    QLabel* m_message;
    SyncController* m_sync;
    QLabel* m_syncState = nullptr;
    QProgressBar* m_syncProgress = nullptr;
    QPushButton* m_start = nullptr;
    EnrolmentPanel* m_enrolment = nullptr;
    std::optional<Session> m_admin;
    bool m_demo = false;
};

} // namespace kp::ui
