#pragma once

// A sync on a worker thread, for the window's Sync now and the end of the
// first run: the desk's sources tried in order (kp::syncFromSources, as
// kpdesk-cli sync does), each attempt noted in the audit trail, progress and
// one result for a person to read, back on the GUI thread.

#include "records/DeskRecords.h"
#include "sync/SyncClient.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace kp {
class Clock;
}

namespace kp::ui {

class SyncController : public QObject
{
    Q_OBJECT

public:
    // What a sync came to, in words for the person who asked for it.
    struct Report
    {
        bool ok = false;
        QString message;      // the result; with the sources passed over, when some were
        QStringList failures; // "source: reason", one per source that failed, in order
    };

    // The worker opens its own connection to dbPath (SQLite connections
    // belong to one thread). The clock must outlive this object.
    SyncController(const QString& dbPath, const Clock& clock, QObject* parent = nullptr);
    ~SyncController() override; // cancels a running sync and waits for it

    // False (and nothing started) while a sync runs. `who` answers for it in
    // the trail; nobody signed in: the desk's own ("cli:kpdesk").
    bool start(const QStringList& sources, const std::optional<Session>& who);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    void waitForFinished() { m_watcher.waitForFinished(); }
    Report lastReport() const { return m_last; }

    // The words for what syncFromSources did (one place for the window, the
    // first run and their tests).
    static Report describe(const QList<SyncAttempt>& attempts, const QString& trailProblem = {});

signals:
    void progress(const QString& file, qint64 done, qint64 total);
    void finished(bool ok, const QString& message);

private:
    QString m_dbPath;
    const Clock& m_clock;
    QFutureWatcher<Report> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    Report m_last;
};

} // namespace kp::ui
