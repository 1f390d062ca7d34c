#pragma once

// Internal to the cache module: how a connection waits for SQLite's write
// lock. SQLite's own busy handler sleeps ever longer between tries (up to
// 100 ms); a staged sync (CacheWriter) leaves the lock free only for a few
// milliseconds between its short transactions, and an officer's save must
// get in then. This one looks every 2 ms, until the connection's write wait.

#include <QElapsedTimer>

#include <atomic>

struct sqlite3;

namespace kp {

class BusyWait
{
public:
    explicit BusyWait(int timeoutMs) : m_timeoutMs(timeoutMs) {}
    BusyWait(const BusyWait&) = delete;
    BusyWait& operator=(const BusyWait&) = delete;

    // Replaces the connection's busy handler; `this` must outlive it.
    void install(sqlite3* handle);
    void setTimeout(int ms) { m_timeoutMs = ms; }

    static constexpr unsigned PollMicroseconds = 2000;

private:
    static int onBusy(void* self, int tries);

    std::atomic<int> m_timeoutMs;
    QElapsedTimer m_waiting; // since the first try of the current wait
};

} // namespace kp
