#pragma once

// Ends an office connection whose answer never comes (docs/office.md,
// "Network cuts"). libpq waits for a reply without a deadline; keepalives and
// tcp_user_timeout end it when nothing acknowledges our packets, but a
// middlebox that acknowledges and forwards nothing (a proxy, a NAT, a VPN
// gateway gone deaf) leaves it waiting forever. This watches the socket from
// its own thread: when a request went out, nothing came back, and nothing moved
// either way for `timeoutMs`, it shuts the socket down, so the blocked call
// returns "connection lost" and the round fails (the desk's queue keeps what
// did not go up). The server's statement_timeout, set shorter, answers a slow
// statement before this fires. Linux TCP sockets only; otherwise it does nothing.

#include <QSqlDatabase>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace kp {

class OfficeWatchdog
{
public:
    // `connection` must be open and outlive this object.
    OfficeWatchdog(const QSqlDatabase& connection, int timeoutMs);
    ~OfficeWatchdog(); // stops watching (before the connection closes)
    OfficeWatchdog(const OfficeWatchdog&) = delete;
    OfficeWatchdog& operator=(const OfficeWatchdog&) = delete;

    bool watching() const { return m_fd >= 0; }
    // While suspended it never cuts (a schema migration may be long and silent).
    void setSuspended(bool suspended) { m_suspended = suspended; }
    // Whether it cut the connection.
    bool fired() const { return m_fired.load(); }
    // libpq's own view: the connection is broken (lost or cut).
    static bool connectionBroken(const QSqlDatabase& connection);

private:
    void run();

    int m_fd = -1;
    int m_timeoutMs;
    std::atomic<bool> m_fired{false};
    std::atomic<bool> m_suspended{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace kp
