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
    // Error codes: "file.open" (missing, unreadable), "file.not-regular" (a
    // directory, a FIFO, a device, a socket).
    static Result<RegularFile> open(const QString& path);

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
    RegularFile(const QString& path, int fd, qint64 size);

    QString m_path;
    std::shared_ptr<QFile> m_file; // shared: a Result must be copyable
    qint64 m_size = 0;
};

} // namespace kp
