#include "cache/DeskInUseLock_p.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheDatabase)
};

} // namespace

QString DeskInUseLock::lockPath(const QString& cachePath)
{
    return cachePath + QStringLiteral(".inuse");
}

Result<std::unique_ptr<DeskInUseLock>> DeskInUseLock::acquire(const QString& cachePath, Mode mode)
{
    const QByteArray file = QFile::encodeName(lockPath(cachePath));
    int fd;
    do {
        fd = ::open(file.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0660);
    } while (fd < 0 && errno == EINTR);
    // No lock, no work: without it a repair could swap the file under a
    // window or a command that is writing a release, and the release is lost.
    if (fd < 0) {
        const int why = errno;
        const QString reason = QString::fromLocal8Bit(std::strerror(why));
        if (why == EACCES || why == EPERM || why == EROFS)
            return makeError(QStringLiteral("cache.readonly"),
                             Tr::tr("The desk cache %1 cannot be written: its lock file %2 cannot be made "
                                    "(%3). Nothing was changed; check the permissions of the folder.")
                                 .arg(cachePath, lockPath(cachePath), reason));
        return makeError(QStringLiteral("cache.lock"),
                         Tr::tr("The desk cache %1 cannot be used: its lock file %2 cannot be opened (%3). "
                                "Nothing was changed. Remove %2 if it is not a plain file, then try again.")
                             .arg(cachePath, lockPath(cachePath), reason));
    }
    int rc;
    do {
        rc = ::flock(fd, (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        ::close(fd);
        if (mode == Mode::Shared)
            return makeError(QStringLiteral("cache.in-use"),
                             Tr::tr("The desk cache %1 is being repaired; try again when the repair has "
                                    "finished.")
                                 .arg(cachePath));
        return makeError(QStringLiteral("cache.in-use"),
                         Tr::tr("The desk cache %1 is open in another program (a KP Desk window, a sync or "
                                "a command): close it first, so that no record is written to the old file.")
                             .arg(cachePath));
    }
    return std::unique_ptr<DeskInUseLock>(new DeskInUseLock(fd));
}

DeskInUseLock::~DeskInUseLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
}

} // namespace kp
