#include "office/OfficeWatchdog.h"

#include "util/Logging.h"

#include <QSqlDriver>
#include <QVariant>

#include <algorithm>
#include <chrono>

#include <libpq-fe.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace kp {

namespace {

// Qt's QPSQL driver's own connection. The plugin links libpq.so.5 and so do
// we: one library in the process, whose functions take the plugin's PGconn.
PGconn* pgconnOf(const QSqlDatabase& connection)
{
    if (!connection.driver())
        return nullptr;
    const QVariant handle = connection.driver()->handle();
    // libpq's PGconn is `struct pg_conn`; the metatype's name is either.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn* const*>(handle.constData());
}

int socketOf(const QSqlDatabase& connection)
{
    PGconn* conn = pgconnOf(connection);
    if (!conn)
        return -1;
    const int fd = PQsocket(conn);
    tcp_info info{};
    socklen_t size = sizeof info;
    // A unix socket (a server on this machine) has no network to lose.
    if (fd < 0 || ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0)
        return -1;
    return fd;
}

} // namespace

bool OfficeWatchdog::connectionBroken(const QSqlDatabase& connection)
{
    PGconn* conn = pgconnOf(connection);
    return conn && PQstatus(conn) == CONNECTION_BAD;
}

OfficeWatchdog::OfficeWatchdog(const QSqlDatabase& connection, int timeoutMs)
    : m_fd(socketOf(connection)), m_timeoutMs(timeoutMs)
{
    if (m_fd >= 0 && m_timeoutMs > 0)
        m_thread = std::thread([this] { run(); });
}

OfficeWatchdog::~OfficeWatchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void OfficeWatchdog::run()
{
    const auto tick = std::chrono::milliseconds(std::clamp(m_timeoutMs / 8, 50, 500));
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, tick, [this] { return m_stop; })) {
        tcp_info info{};
        socklen_t size = sizeof info;
        if (::getsockopt(m_fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0)
            return;
        // Milliseconds since data last went out / came in.
        const qint64 sent = info.tcpi_last_data_sent;
        const qint64 received = info.tcpi_last_data_recv;
        // Millisecond clocks: a statement sent in the millisecond its predecessor's
        // answer came counts as awaiting. (A connection idle longer than the limit
        // after such a fast exchange may be given up: the next round reconnects.)
        const bool awaitingReply = sent <= received;
        if (awaitingReply && sent >= m_timeoutMs && !m_suspended) {
            qCWarning(lcSync) << "office: no answer for" << sent << "ms; the connection is given up";
            m_fired = true;
            // The descriptor stays libpq's (it closes it): only its traffic ends here.
            ::shutdown(m_fd, SHUT_RDWR);
            return;
        }
    }
}

} // namespace kp
