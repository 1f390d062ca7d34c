#pragma once

// Office replication status (docs/office.md): for a desk linked to an
// office, an OfficeWorker polls in its own thread, signing the desk's
// events with its key when the desk is enrolled; its state goes to whoever
// shows it (the cases queue).

#include <QObject>

class QThread;

namespace kp {
class CacheDatabase;
struct OfficeState;
} // namespace kp

namespace kp::ui {

class OfficeReplication : public QObject
{
    Q_OBJECT

public:
    OfficeReplication(CacheDatabase& db, QObject* parent = nullptr);
    ~OfficeReplication() override; // stops the thread

    // Polling every intervalMs; once (later calls do nothing).
    void start(int intervalMs = 5000);
    // Started when the desk is linked to an office.
    void startIfLinked();
    bool running() const { return m_thread != nullptr; }

signals:
    void stateChanged(const kp::OfficeState& state);
    // A round now (the administrator linked the desk to another office).
    void runOnce();

private:
    CacheDatabase& m_db;
    QThread* m_thread = nullptr;
};

} // namespace kp::ui
