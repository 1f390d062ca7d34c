#pragma once

// The supervisor's cases: the queue in a dock (a tab beside today's
// inspections; the Cases... action, Ctrl+K) and each case in its own
// dialog, with its recheck, escalation and confirmation. Only for a
// supervisor signed in at an unlocked desk.

#include "util/Result.h"

#include <QObject>

class QDockWidget;
class QMainWindow;

namespace kp {
class CacheDatabase;
class Clock;
class DeskRecords;
} // namespace kp

namespace kp::ui {

class CaseDialog;
class CaseQueue;
class DeskSession;
class OutboxController;

class CaseDesk : public QObject
{
    Q_OBJECT

public:
    // The dock goes into window, tabbed with besideDock.
    CaseDesk(CacheDatabase& db, const Clock& clock, DeskRecords& door, DeskSession& session,
             OutboxController& outbox, QMainWindow* window, QDockWidget* besideDock);

    bool maySeeCases() const;
    void showQueue();
    CaseDialog* openCase(const QString& caseId);
    // Not the supervisor's desk now: the dock hides, the cases close.
    void hideAll();
    CaseQueue* queue() const { return m_queue; }

private:
    CacheDatabase& m_db;
    const Clock& m_clock;
    DeskRecords& m_door;
    DeskSession& m_session;
    OutboxController& m_outbox;
    QMainWindow* m_window;
    CaseQueue* m_queue;
    QDockWidget* m_dock;
};

} // namespace kp::ui
