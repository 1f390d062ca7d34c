#pragma once

// One intake file read once (HELPERS: "a file is read once and what was
// checked is what is used"): opened without following a link and without
// waiting on a FIFO, checked to be a regular file on the open descriptor
// itself (not by its name, which may be swapped meanwhile), and read up to a
// limit. The bytes returned are the ones the inbox checks and the ledger keeps.

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace kp {

struct InboxFile
{
    QByteArray bytes;
    // The file read (device and inode): the inbox moves the entry to taken/
    // only while its name still names this file.
    quint64 device = 0;
    quint64 inode = 0;
};

// Error codes: "inbox.not-a-file" (a link, a folder, a FIFO, a device...),
// "kpmsg.too-large" (more than `limit` bytes, even if it grew while read),
// "inbox.read".
Result<InboxFile> readInboxFile(const QString& path, qint64 limit);

// Whether `path` (not followed if a link) is still the file `read` came from.
bool isSameInboxFile(const QString& path, const InboxFile& read);

} // namespace kp
