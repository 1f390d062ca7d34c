#pragma once

// The audit trail's state, for administrators (issue 10): how many entries,
// the head, whether the chain holds, and where it breaks when it does not.
// The chain is recomputed on a worker thread with its own connection (a
// million entries take a couple of seconds), never on the window's thread.

#include <QDateTime>
#include <QFrame>
#include <QFutureWatcher>

class QLabel;
class QPushButton;

namespace kp::ui {

struct TrailState
{
    bool read = false;  // the trail could be read at all
    bool holds = false; // every entry links to the one before
    quint64 count = 0;  // entries that hold
    QString head;       // the last holding entry's hash, hex
    quint64 failedAt = 0;
    QString message; // why it could not be read, or why it breaks
    QDateTime checkedAt;
};

class TrailPanel : public QFrame
{
    Q_OBJECT

public:
    explicit TrailPanel(QWidget* parent = nullptr);
    ~TrailPanel() override;

    void checkInBackground(const QString& dbPath);
    bool checkRunning() const { return m_watcher.isRunning(); }
    void waitForCheck();
    // What the panel says; also what the tests read.
    QString text() const;
    const TrailState& state() const { return m_state; }
    QPushButton* checkButton() const { return m_check; }

signals:
    void checked(const kp::ui::TrailState& state);

private:
    void show(const TrailState& state);

    QLabel* m_text;
    QPushButton* m_check;
    QString m_path;
    TrailState m_state;
    QFutureWatcher<TrailState> m_watcher;
};

} // namespace kp::ui
