#include "cache/WriteWaitSignal_p.h"

#include "cache/DeskInUseLock_p.h"

#include <QFile>

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

namespace kp {

WriteWaitSignal::WriteWaitSignal(const QString& cachePath)
{
    const QByteArray file = QFile::encodeName(DeskInUseLock::lockPath(cachePath));
    do {
        m_fd = ::open(file.constData(), O_RDWR | O_CLOEXEC);
    } while (m_fd < 0 && errno == EINTR);
}

WriteWaitSignal::~WriteWaitSignal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::int64_t WriteWaitSignal::nowMicroseconds()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now); // one clock for every process of the machine
    return std::int64_t(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
}

void WriteWaitSignal::announce()
{
    if (m_fd < 0)
        return; // the reader, who cannot read it either, takes someone to wait
    const std::int64_t stamp = nowMicroseconds();
    // Eight bytes at the start of the lock file, which holds nothing else
    // (its flock is what locks); the last writer wins, which is all it needs.
    [[maybe_unused]] const ssize_t written = ::pwrite(m_fd, &stamp, sizeof stamp, 0);
}

std::optional<std::int64_t> WriteWaitSignal::lastWait() const
{
    if (m_fd < 0)
        return std::nullopt;
    const std::int64_t now = nowMicroseconds();
    std::int64_t stamp = 0;
    ssize_t got;
    do {
        got = ::pread(m_fd, &stamp, sizeof stamp, 0);
    } while (got < 0 && errno == EINTR);
    if (got == 0)
        return 0; // nobody has ever waited on this desk
    if (got != ssize_t(sizeof stamp))
        return std::nullopt;
    if (stamp > now)
        return now;
    return now - stamp <= FreshMs * 1000 ? stamp : 0;
}

} // namespace kp
