#include "sync/SyncSource_p.h"

#include "crypto/Sha256.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::SyncSource)
};

} // namespace

bool hashFile(const QString& path, QByteArray& sha256, qint64& size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    Sha256 hash; // OpenSSL: a big bundle is hashed at disk speed
    size = 0;
    while (!f.atEnd()) {
        const QByteArray chunk = f.read(1 << 20);
        if (chunk.isEmpty())
            return false;
        hash.addData(chunk);
        size += chunk.size();
    }
    sha256 = hash.result();
    return true;
}

Status checkEntry(const QString& path, const IndexEntry& entry)
{
    QByteArray sha;
    qint64 size = 0;
    if (!hashFile(path, sha, size))
        return makeError(QStringLiteral("sync.fetch"), Tr::tr("Cannot read %1.").arg(path));
    if (quint64(size) != entry.length)
        return makeError(
            QStringLiteral("sync.hash"),
            Tr::tr("%1 has %2 bytes; the index says %3.").arg(entry.file).arg(size).arg(entry.length));
    if (sha != entry.sha256)
        return makeError(
            QStringLiteral("sync.hash"),
            Tr::tr("%1 does not match its SHA-256 in the index: damaged or altered.").arg(entry.file));
    return success();
}

FolderSource::FolderSource(const QString& folder) : m_folder(QDir(folder).absolutePath()) {}

QString FolderSource::describe() const
{
    return m_folder;
}

Result<QByteArray> FolderSource::fetchIndex()
{
    QFile f(m_folder + QStringLiteral("/index"));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("sync.fetch"), Tr::tr("There is no sync index in %1.").arg(m_folder));
    if (f.size() > SyncIndex::MaxSize)
        return makeError(QStringLiteral("index.invalid"),
                         Tr::tr("The sync index in %1 is too large.").arg(m_folder));
    return f.readAll();
}

Result<QString> FolderSource::fetchFile(const IndexEntry& entry)
{
    const QString path = m_folder + QLatin1Char('/') + entry.file;
    if (auto s = checkEntry(path, entry); !s)
        return s.error();
    return path;
}

} // namespace kp
