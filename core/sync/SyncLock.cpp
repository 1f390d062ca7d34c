#include "sync/SyncLock_p.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::SyncLock)
};

} // namespace

QString SyncLock::lockPath(const QString& cachePath)
{
    return cachePath + QStringLiteral(".sync.lock");
}

Result<std::unique_ptr<SyncLock>> SyncLock::acquire(const QString& cachePath)
{
    const QString path = lockPath(cachePath);
    const QByteArray name = QFile::encodeName(path);
    int fd = -1;
    do {
        fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return makeError(QStringLiteral("sync.lock"),
                         Tr::tr("Cannot create the sync lock %1: %2")
                             .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    int rc = -1;
    do {
        rc = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int why = errno;
        ::close(fd);
        if (why == EWOULDBLOCK)
            return makeError(QStringLiteral("sync.busy"),
                             Tr::tr("A sync is already running for this desk; wait for it to finish, then "
                                    "sync again if it is still needed."));
        return makeError(QStringLiteral("sync.lock"),
                         Tr::tr("Cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(why))));
    }
    return std::unique_ptr<SyncLock>(new SyncLock(fd));
}

SyncLock::~SyncLock()
{
    // The file stays: removing it while another process waits to open it
    // would let two syncs hold "the" lock on two different files.
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

} // namespace kp
