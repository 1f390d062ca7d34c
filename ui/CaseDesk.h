#pragma once

// The supervisor's cases: the queue in a dock (a tab beside today's
// inspections; the Cases... action, Ctrl+K) and each case in its own
// dialog, with its recheck, escalation and confirmation. Only for a
// supervisor signed in at an unlocked desk. The queue and the open cases
// follow every change of a case, wherever it was made (CaseQueueWatch); the
// dock's height and the queue's columns are this machine's (LocalSettings).

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
class CaseQueueWatch;
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
    QDockWidget* dock() const { return m_dock; }
    CaseQueueWatch* watch() const { return m_watch; }
    // Keeps the dock's height (when it is docked and shown) and the queue's
    // columns for the next start; the window calls it when it closes.
    void rememberLayout();

private:
    // A case changed somewhere: the queue and the open cases read it again.
    void caseChanged();
    int dockHeightToOpen() const;
    // Gives the docked dock this height (asking `extra` more of the window).
    void sizeDock(int height, int extra);

    CacheDatabase& m_db;
    const Clock& m_clock;
    DeskRecords& m_door;
    DeskSession& m_session;
    OutboxController& m_outbox;
    QMainWindow* m_window;
    CaseQueue* m_queue;
    QDockWidget* m_dock;
    CaseQueueWatch* m_watch;
    bool m_columnsSet = false; // restored, or sized to their contents once
};

} // namespace kp::ui
