#pragma once

// A banner that stays hidden while the desk's data can be read. The window
// checks the whole cache (the verdict tables against their indexes, then
// PRAGMA quick_check) on a worker thread with its own connection when it
// opens, and shows this banner with a Repair action when the cache is
// damaged, or when a verification met data it could not read or trust.
// (The second connection is safe beside the window's own because nothing
// but SQLite opens the file: CacheDatabase::open reads its header through
// SQLite.)

#include "cache/HealthCheckStop.h"
#include <QFrame>

#include <QFutureWatcher>

#include <memory>

class QLabel;
class QPushButton;

namespace kp::ui {

class HealthMonitor : public QFrame
{
    Q_OBJECT

public:
    explicit HealthMonitor(QWidget* parent = nullptr);
    ~HealthMonitor() override;

    // The Full check of the cache at dbPath, in the background; the result
    // shows (or hides) the banner and is signalled by checked().
    void checkInBackground(const QString& dbPath);
    bool checkRunning() const { return m_watcher.isRunning(); }
    void waitForCheck();

    void showProblem(const QString& message);
    void clearProblem();
    bool problemShown() const;
    QString problem() const { return m_problem; }
    QPushButton* repairButton() const { return m_repair; }

signals:
    void checked(bool healthy, const QString& message);
    void repairRequested();

private:
    QLabel* m_text;
    QPushButton* m_repair;
    QString m_problem;
    QFutureWatcher<QString> m_watcher; // empty result: healthy
    // Set when the window goes: the running quick_check stops instead of
    // keeping the closing program alive for seconds on a large cache.
    std::shared_ptr<HealthCheckStop> m_stop = std::make_shared<HealthCheckStop>();
};

} // namespace kp::ui
