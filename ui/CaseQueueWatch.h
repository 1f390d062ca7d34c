#pragma once

// Tells the supervisor's queue when a case changed, whoever changed it: a
// decision or a flag in this window, `kpdesk-cli` in another process on the
// same desk, a row pulled from the office (issue 21 item 10). It polls the
// store's case change mark (the newest case event: one cheap read) on a short
// timer while it runs, and says `changed` when the mark moves.

#include "util/Result.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace kp {
class RecordsStore;
}

namespace kp::ui {

class CaseQueueWatch : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 1000;

    explicit CaseQueueWatch(RecordsStore& store, QObject* parent = nullptr);

    // Polls now, then every intervalMs; what changed while stopped is told at once.
    void start(int intervalMs = DefaultIntervalMs);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // One look at the mark; true when it moved (or could no longer, or again, be read).
    bool poll();

signals:
    void changed();

private:
    RecordsStore& m_store;
    QTimer m_timer;
    std::optional<qint64> m_mark; // the last mark read; empty before the first
    bool m_failing = false;       // the last read failed (told once, not every second)
};

} // namespace kp::ui
