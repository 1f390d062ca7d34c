#pragma once

// Stops a running Full health check (PRAGMA quick_check) from another
// thread: a window that closes does not wait for seconds of reading a large
// cache. SQLite's quick_check is one long step that a progress handler never
// sees, so the stop interrupts the connection (sqlite3_interrupt, which may
// be called from any thread while the connection is open).

#include <mutex>

struct sqlite3;

namespace kp {

class HealthCheckStop
{
public:
    // Any thread. A check running now returns "cache.cancelled"; a check
    // started later returns it at once.
    void stop();
    bool stopped() const;

private:
    friend class CacheDatabase;
    // The checking thread: the connection to interrupt while the check runs.
    // false when stop() came first.
    bool attach(sqlite3* handle);
    void detach();

    mutable std::mutex m_mutex;
    sqlite3* m_handle = nullptr;
    bool m_stopped = false;
};

} // namespace kp
