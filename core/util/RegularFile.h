#pragma once

// A file read from a place the desk does not own (a USB stick, a share, a
// file an officer picks) is trusted to be nothing: a link to /dev/zero never
// ends, a FIFO blocks its open. RegularFile opens only a regular file (a
// link to one is followed), without blocking, and reads it once with a size
// limit and a deadline, so the bytes checked are the bytes used.

#include "util/Result.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>

#include <memory>

namespace kp {

class RegularFile
{
public:
    // Whether a symbolic link is followed to its file, or refused as not a
    // regular file (a folder others can write, such as an intake).
    enum class Links { Follow, Refuse };

    // Error codes: "file.open" (missing, unreadable), "file.not-regular" (a
    // directory, a FIFO, a device, a socket; a link when refused).
    static Result<RegularFile> open(const QString& path, Links links = Links::Follow);

    // The file opened (device and inode): whether a name still names it.
    quint64 device() const { return m_device; }
    quint64 inode() const { return m_inode; }

    // The size when it was opened; reads may still find more or less.
    qint64 size() const { return m_size; }
    QString path() const { return m_path; }

    // The next at most `max` bytes; empty at the end. Error "file.read".
    Result<QByteArray> read(qint64 max);

    // The rest of the file when it holds at most `maxBytes`. Error codes:
    // "file.too-large", "file.deadline" (checked between chunks), "file.read".
    Result<QByteArray> readAll(qint64 maxBytes,
                               QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

private:
    RegularFile(const QString& path, int fd, qint64 size, quint64 device, quint64 inode);

    QString m_path;
    std::shared_ptr<QFile> m_file; // shared: a Result must be copyable
    qint64 m_size = 0;
    quint64 m_device = 0;
    quint64 m_inode = 0;
};

} // namespace kp
