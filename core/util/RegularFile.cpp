#include "util/RegularFile.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::RegularFile)
};

constexpr qint64 Chunk = 1 << 20;

} // namespace

RegularFile::RegularFile(const QString& path, int fd, qint64 size, quint64 device, quint64 inode)
    : m_path(path), m_file(std::make_shared<QFile>()), m_size(size), m_device(device), m_inode(inode)
{
    m_file->open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle);
}

Result<RegularFile> RegularFile::open(const QString& path, Links links)
{
    const QByteArray name = QFile::encodeName(path);
    int fd = -1;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const int noFollow = links == Links::Refuse ? O_NOFOLLOW : 0;
    do {
        fd = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | noFollow);
    } while (fd < 0 && errno == EINTR);
    const bool refusedLink = fd < 0 && errno == ELOOP && links == Links::Refuse;
    if (fd < 0 && !refusedLink)
        return makeError(
            QStringLiteral("file.open"),
            Tr::tr("Cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat st = {};
    if (refusedLink || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            ::close(fd);
        return makeError(QStringLiteral("file.not-regular"),
                         Tr::tr("%1 is not a regular file (a folder, a device, a pipe or a socket); it is "
                                "not read.")
                             .arg(path));
    }
    // Back to blocking reads: a regular file ignores the flag, but be plain.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return RegularFile(path, fd, qint64(st.st_size), quint64(st.st_dev), quint64(st.st_ino));
}

Result<QByteArray> RegularFile::read(qint64 max)
{
    const QByteArray chunk = m_file->read(max);
    if (chunk.isEmpty() && m_file->error() != QFileDevice::NoError)
        return makeError(QStringLiteral("file.read"),
                         Tr::tr("Cannot read %1: %2").arg(m_path, m_file->errorString()));
    return chunk;
}

Result<QByteArray> RegularFile::readAll(qint64 maxBytes, QDeadlineTimer deadline)
{
    QByteArray all;
    all.reserve(qMin(m_size, maxBytes));
    for (;;) {
        if (deadline.hasExpired())
            return makeError(QStringLiteral("file.deadline"),
                             Tr::tr("Reading %1 took too long; it was given up.").arg(m_path));
        // One byte beyond the limit tells a file that is too large.
        auto chunk = read(qMin(Chunk, maxBytes + 1 - all.size()));
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty())
            return all;
        all += *chunk;
        if (all.size() > maxBytes)
            return makeError(QStringLiteral("file.too-large"),
                             Tr::tr("%1 is larger than %2 bytes; it is not read.").arg(m_path).arg(maxBytes));
    }
}

} // namespace kp
