#pragma once

// The outbox in the window: how many messages wait (the label in the status
// bar), their delivery in the background (OutboxSending on a worker thread,
// never on the window's; only with someone signed in; again every five
// minutes), and a supervisor's escalation of a case into it.

#include "util/Result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

class QLabel;

namespace kp {
class CacheDatabase;
class Clock;
class DeskRecords;
} // namespace kp

namespace kp::ui {

class DeskSession;

class OutboxController : public QObject
{
    Q_OBJECT

public:
    // The label is made here, a child of statusParent.
    OutboxController(CacheDatabase& db, const Clock& clock, DeskRecords& door, DeskSession& session,
                     QWidget* statusParent);
    ~OutboxController() override;

    int waiting() const { return m_waiting; }
    QLabel* label() const { return m_label; }
    bool sending() const { return m_watcher.isRunning(); }
    void refresh();
    void sendInBackground();
    void waitForSending(); // and the window's events that follow
    void waitUntilIdle();  // no events: the window is going
    // The doubt (and the case's PDF) into the outbox, then sent.
    Result<QString> escalateCase(const QString& caseId, const QStringList& to);

signals:
    void status(const QString& message, int timeoutMs);

private:
    CacheDatabase& m_db;
    const Clock& m_clock;
    DeskRecords& m_door;
    DeskSession& m_session;
    QFutureWatcher<QString> m_watcher; // what stays waiting, and why
    QLabel* m_label;
    int m_waiting = 0;
};

} // namespace kp::ui
