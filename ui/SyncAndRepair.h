#pragma once

// The desk's authority data in the window: Sync now (the configured sources
// in turn, or one asked for; a progress dialog; a sync on a worker thread,
// SyncController), Repair the desk's data, and the status panel's figures
// (participant, last sync) with any problem reading them.

#include <QObject>
#include <QStringList>

class QProgressDialog;
class QWidget;

namespace kp {
class CacheDatabase;
class Clock;
} // namespace kp

namespace kp::ui {

class DeskSession;
class DeskWidget;
class SyncController;

class SyncAndRepair : public QObject
{
    Q_OBJECT

public:
    // window: the owner of the dialogs.
    SyncAndRepair(CacheDatabase& db, const Clock& clock, DeskSession& session, DeskWidget& desk,
                  QWidget* window);
    ~SyncAndRepair() override; // a running sync is cancelled and waited for

    SyncController* sync() const { return m_sync; }
    void syncNow();
    void startSync(const QStringList& sources);
    void cancelAndWait();
    bool repairData(bool confirm);
    void refreshStatus();

signals:
    void syncFinished(bool ok, const QString& message);
    // The desk's file was replaced: what is read from it, again.
    void dataReplaced();
    void error(const QString& message);
    void status(const QString& message, int timeoutMs);

private:
    CacheDatabase& m_db;
    const Clock& m_clock;
    DeskSession& m_session;
    DeskWidget& m_desk;
    QWidget* m_window;
    SyncController* m_sync;
    QProgressDialog* m_progress = nullptr;
};

} // namespace kp::ui
