#include "cache/HealthCheckStop.h"

#include <sqlite3.h>

namespace kp {

void HealthCheckStop::stop()
{
    const std::lock_guard lock(m_mutex);
    m_stopped = true;
    // The checking thread detaches under the same lock before it closes or
    // reuses the connection, so the handle is open here.
    if (m_handle)
        sqlite3_interrupt(m_handle);
}

bool HealthCheckStop::stopped() const
{
    const std::lock_guard lock(m_mutex);
    return m_stopped;
}

bool HealthCheckStop::attach(sqlite3* handle)
{
    const std::lock_guard lock(m_mutex);
    if (m_stopped)
        return false;
    m_handle = handle;
    return true;
}

void HealthCheckStop::detach()
{
    const std::lock_guard lock(m_mutex);
    m_handle = nullptr;
}

} // namespace kp
