#include "cache/BusyWait_p.h"

#include "cache/WriteWaitSignal_p.h"

#include <sqlite3.h>

#include <unistd.h>

namespace kp {

void BusyWait::install(sqlite3* handle)
{
    sqlite3_busy_handler(handle, &BusyWait::onBusy, this);
}

int BusyWait::onBusy(void* self, int tries)
{
    auto* wait = static_cast<BusyWait*>(self);
    if (tries == 0)
        wait->m_waiting.start();
    if (wait->m_waiting.elapsed() >= wait->m_timeoutMs.load())
        return 0; // SQLITE_BUSY to the caller: the write wait is over
    if (wait->m_signal && wait->m_announcing.load())
        wait->m_signal->announce();
    ::usleep(PollMicroseconds);
    return 1;
}

} // namespace kp
