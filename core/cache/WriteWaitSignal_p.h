#pragma once

// Internal to the cache module: whether another connection to the desk is
// waiting for SQLite's write lock right now, told through the desk's
// "<cache>.inuse" file (DeskInUseLock_p.h), which every program that has the
// desk open holds. A connection whose write waits (BusyWait) writes the time
// of each of its tries there; a staged sync (CacheWriter::pace) reads it and
// leaves the lock free when someone waits, instead of every 60 ms whether
// anyone waits or not (issue 22: those pauses were a tenth of a big apply).
//
// Fail closed: when the file cannot be read, the sync pauses after every
// hold as it did before; a stamp from the future (a torn read) counts as a
// wait now.

#include <QString>

#include <cstdint>
#include <optional>

namespace kp {

class WriteWaitSignal
{
public:
    explicit WriteWaitSignal(const QString& cachePath); // opens "<cache>.inuse"
    ~WriteWaitSignal();
    WriteWaitSignal(const WriteWaitSignal&) = delete;
    WriteWaitSignal& operator=(const WriteWaitSignal&) = delete;

    // A try for the write lock failed: "I am waiting, now".
    void announce();
    // The time (CLOCK_MONOTONIC, microseconds) of the newest try that
    // failed within the last FreshMs, 0 when there was none; std::nullopt
    // when the file cannot be read (the caller cannot tell: fail closed).
    std::optional<std::int64_t> lastWait() const;

    // Older stamps are of waits long over (the reader pauses for a stamp
    // newer than its last pause, so a wait it missed once is not missed
    // again however slowly the waiter runs on a loaded machine).
    static constexpr std::int64_t FreshMs = 1000;
    static std::int64_t nowMicroseconds();

private:
    int m_fd = -1;
};

} // namespace kp
