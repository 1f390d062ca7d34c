#pragma once

// Internal to the cache module: how a connection waits for SQLite's write
// lock. SQLite's own busy handler sleeps ever longer between tries (up to
// 100 ms); a staged sync (CacheWriter) leaves the lock free only for a few
// milliseconds between its short transactions, and an officer's save must
// get in then. This one looks every 2 ms, until the connection's write wait,
// and tells the desk's staged sync that it waits (WriteWaitSignal_p.h) at
// every try.

#include <QElapsedTimer>

#include <atomic>

struct sqlite3;

namespace kp {

class WriteWaitSignal;

class BusyWait
{
public:
    // `signal` (may be null) must outlive this.
    BusyWait(int timeoutMs, WriteWaitSignal* signal) : m_timeoutMs(timeoutMs), m_signal(signal) {}
    BusyWait(const BusyWait&) = delete;
    BusyWait& operator=(const BusyWait&) = delete;

    // Replaces the connection's busy handler; `this` must outlive it.
    void install(sqlite3* handle);
    void setTimeout(int ms) { m_timeoutMs = ms; }
    // Off while this connection is itself the staged sync that reads the
    // signal: its own waits must not make it pause for itself.
    void setAnnouncing(bool on) { m_announcing = on; }

    static constexpr unsigned PollMicroseconds = 2000;

private:
    static int onBusy(void* self, int tries);

    std::atomic<int> m_timeoutMs;
    WriteWaitSignal* m_signal;
    std::atomic<bool> m_announcing{true};
    QElapsedTimer m_waiting; // since the first try of the current wait
};

} // namespace kp
