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

RegularFile::RegularFile(const QString& path, int fd, qint64 size)
    : m_path(path), m_file(std::make_shared<QFile>()), m_size(size)
{
    m_file->open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle);
}

Result<RegularFile> RegularFile::open(const QString& path)
{
    const QByteArray name = QFile::encodeName(path);
    int fd = -1;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    do {
        fd = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return makeError(
            QStringLiteral("file.open"),
            Tr::tr("Cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
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
    return RegularFile(path, fd, qint64(st.st_size));
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
