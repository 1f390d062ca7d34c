#include "authority/MessageInboxFile.h"

#include "util/RegularFile.h"

#include <QCoreApplication>
#include <QFile>

#include <sys/stat.h>

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

Error readError(const Error& error)
{
    return makeError(QStringLiteral("inbox.read"), Tr::tr("Cannot read the file: %1").arg(error.message));
}

} // namespace

Result<InboxFile> readInboxFile(const QString& path, qint64 limit)
{
    // A link is refused, never followed; a FIFO does not block the open.
    auto file = RegularFile::open(path, RegularFile::Links::Refuse);
    if (!file)
        return file.error().code == QLatin1String("file.not-regular") ? notAFile() : readError(file.error());
    if (file->size() > limit)
        return tooLarge(limit, file->size());
    // What the file holds now, at most limit + 1 bytes: it may still grow.
    auto bytes = file->readAll(limit);
    if (!bytes)
        return bytes.error().code == QLatin1String("file.too-large") ? tooLarge(limit, limit + 1)
                                                                     : readError(bytes.error());
    return InboxFile{*bytes, file->device(), file->inode()};
}

bool isSameInboxFile(const QString& path, const InboxFile& read)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode) &&
           quint64(st.st_dev) == read.device && quint64(st.st_ino) == read.inode;
}

} // namespace kp
