#pragma once

// Internal to the sync module: one sync at a time per desk (kp-sync.md
// "Applying a bundle"), whichever process runs it (the window, kpdesk-cli).
// The lock is an flock() on "<cache>.sync.lock": the kernel releases it when
// its holder ends, however it ends (a kill -9 or a power cut leaves no lock
// behind), and a second open of the file conflicts even inside one process.

#include "util/Result.h"

#include <QString>

#include <memory>

namespace kp {

class SyncLock
{
public:
    // Error codes: "sync.busy" (another sync of this desk is running),
    // "sync.lock" (the lock file cannot be made next to the cache).
    static Result<std::unique_ptr<SyncLock>> acquire(const QString& cachePath);
    ~SyncLock();
    SyncLock(const SyncLock&) = delete;
    SyncLock& operator=(const SyncLock&) = delete;

    static QString lockPath(const QString& cachePath);

private:
    explicit SyncLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

class CacheDatabase;
class Clock;
struct ApplyReport;

// applyBundleFile() for a caller that already holds the desk's SyncLock.
Result<ApplyReport> applyBundleFileLocked(CacheDatabase& db, const QString& path, const Clock& clock);

} // namespace kp
