#pragma once

// Internal to the cache module: who has a desk file open. Every open
// CacheDatabase holds a shared flock() on "<cache>.inuse" for as long as its
// connection is open; a repair, which swaps the file for a new one, takes it
// exclusively first. Without it, a window left open on the desk would go on
// writing the desk's records into the old, renamed file, and they would be
// lost. The kernel drops the lock when its process ends, however it ends.

#include "util/Result.h"

#include <QString>

#include <memory>

namespace kp {

class DeskInUseLock
{
public:
    enum class Mode { Shared, Exclusive };

    // Error code "cache.in-use": a repair is running (Shared), or the desk is
    // open elsewhere (Exclusive). "cache.lock": the lock file cannot be
    // opened or made (a read-only folder, a directory in its place): no lock,
    // no work, whoever asks.
    static Result<std::unique_ptr<DeskInUseLock>> acquire(const QString& cachePath, Mode mode);
    ~DeskInUseLock();
    DeskInUseLock(const DeskInUseLock&) = delete;
    DeskInUseLock& operator=(const DeskInUseLock&) = delete;

    static QString lockPath(const QString& cachePath);

private:
    explicit DeskInUseLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace kp
