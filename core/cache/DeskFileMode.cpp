#include "cache/DeskFileMode.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace kp::DeskFileMode {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheDatabase)
};
} // namespace

Status makeFolder(const QString& folder)
{
    const QString absolute = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    QStringList missing;
    for (QString f = absolute; !QFileInfo::exists(f); f = QFileInfo(f).path()) {
        missing.prepend(f);
        if (f == QFileInfo(f).path())
            break;
    }
    for (const QString& f : std::as_const(missing))
        if (::mkdir(QFile::encodeName(f).constData(), 0700) != 0 && errno != EEXIST)
            return makeError(QStringLiteral("cache.open"), Tr::tr("Cannot create the folder %1.").arg(f));
    if (!QFileInfo(absolute).isDir())
        return makeError(QStringLiteral("cache.open"), Tr::tr("Cannot create the folder %1.").arg(absolute));
    return success();
}

Status restrictToOwner(const QString& path)
{
    for (const QString& f : QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        const QByteArray name = QFile::encodeName(f);
        struct stat st
        {
        };
        if (::stat(name.constData(), &st) != 0)
            continue; // not there (yet)
        if (!S_ISREG(st.st_mode) || (st.st_mode & 077) == 0)
            continue;
        if (st.st_uid != ::geteuid() || ::chmod(name.constData(), st.st_mode & 0700) != 0)
            return makeError(QStringLiteral("cache.permissions"),
                             Tr::tr("%1 can be read by other users of this computer, and this user cannot "
                                    "change that. Its owner must run: chmod 600 %1")
                                 .arg(f));
    }
    return success();
}

} // namespace kp::DeskFileMode
