#include "authority/MessageInboxFile.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::MessageInbox)
};

Error tooLarge(qint64 limit, qint64 size)
{
    return makeError(QStringLiteral("kpmsg.too-large"),
                     Tr::tr("A message may be at most %1 MiB; this file holds %2 bytes or more.")
                         .arg(limit / (1024 * 1024))
                         .arg(size));
}

Error notAFile()
{
    return makeError(QStringLiteral("inbox.not-a-file"),
                     Tr::tr("Not a regular file (a link, a folder, a pipe or a device)."));
}

Error readError(int error)
{
    return makeError(QStringLiteral("inbox.read"),
                     Tr::tr("Cannot read the file: %1").arg(QString::fromLocal8Bit(std::strerror(error))));
}

// Closes the descriptor whatever way the read ends.
struct Descriptor
{
    int fd;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

Result<InboxFile> readInboxFile(const QString& path, qint64 limit)
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused
    // just after, by fstat). O_NOFOLLOW: a link is refused, never followed.
    Descriptor file{
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)};
    if (file.fd < 0)
        return errno == ELOOP ? Result<InboxFile>(notAFile()) : Result<InboxFile>(readError(errno));
    struct stat st;
    if (::fstat(file.fd, &st) != 0)
        return readError(errno);
    if (!S_ISREG(st.st_mode))
        return notAFile();
    if (st.st_size > limit)
        return tooLarge(limit, st.st_size);
    InboxFile read;
    read.device = quint64(st.st_dev);
    read.inode = quint64(st.st_ino);
    // What the file holds now, at most limit + 1 bytes: it may still grow.
    read.bytes.reserve(qsizetype(st.st_size));
    char chunk[64 * 1024];
    for (;;) {
        const qint64 room = limit + 1 - read.bytes.size();
        if (room <= 0)
            return tooLarge(limit, read.bytes.size());
        const ssize_t got = ::read(file.fd, chunk, size_t(qMin<qint64>(qint64(sizeof chunk), room)));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return readError(errno);
        if (got == 0)
            break;
        read.bytes.append(chunk, qsizetype(got));
    }
    return read;
}

bool isSameInboxFile(const QString& path, const InboxFile& read)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode) &&
           quint64(st.st_dev) == read.device && quint64(st.st_ino) == read.inode;
}

} // namespace kp
