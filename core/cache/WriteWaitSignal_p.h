#pragma once

// Internal to the cache module: whether another connection to the desk is
// waiting for SQLite's write lock right now, told through the desk's
// "<cache>.inuse" file (DeskInUseLock_p.h), which every program that has the
// desk open holds. A connection whose write waits (BusyWait) writes the time
// of each of its tries there; a staged sync (CacheWriter::pace) reads it and
// leaves the lock free when someone waits, instead of every 60 ms whether
// anyone waits or not (issue 22: those pauses were a tenth of a big apply).
//
// Fail closed: when the file cannot be read, someone is taken to wait (the
// sync pauses as it did before); a stamp from the future (a torn read, a
// clock that stepped) counts as waiting too.

#include <QString>

#include <cstdint>

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
    // failed within the last FreshMs, 0 when there was none; on a read
    // error, now (someone is taken to wait).
    std::int64_t waitingSince() const;

    // A waiting connection tries every 2 ms (BusyWait); a stamp older than
    // this is of a wait that has ended (less than the sync's hold, 60 ms, so
    // a wait that ended in one pause does not make the next one).
    static constexpr std::int64_t FreshMs = 50;
    static std::int64_t nowMicroseconds();

private:
    int m_fd = -1;
};

} // namespace kp
