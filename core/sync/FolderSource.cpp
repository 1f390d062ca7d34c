#include "sync/SyncSource_p.h"

#include "crypto/Sha256.h"
#include "util/RegularFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::SyncSource)
};

constexpr qint64 Chunk = 1 << 20;

Error lengthError(const IndexEntry& entry, qint64 size)
{
    return makeError(
        QStringLiteral("sync.hash"),
        Tr::tr("%1 has %2 bytes; the index says %3.").arg(entry.file).arg(size).arg(entry.length));
}

Error hashError(const IndexEntry& entry)
{
    return makeError(
        QStringLiteral("sync.hash"),
        Tr::tr("%1 does not match its SHA-256 in the index: damaged or altered.").arg(entry.file));
}

} // namespace

bool hashFile(const QString& path, QByteArray& sha256, qint64& size)
{
    auto f = RegularFile::open(path);
    if (!f)
        return false;
    Sha256 hash; // OpenSSL: a big bundle is hashed at disk speed
    size = 0;
    for (;;) {
        auto chunk = f->read(Chunk);
        if (!chunk)
            return false;
        if (chunk->isEmpty())
            break;
        hash.addData(*chunk);
        size += chunk->size();
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
        return lengthError(entry, size);
    if (sha != entry.sha256)
        return hashError(entry);
    return success();
}

Error deadlineError(const QString& source, const FetchOptions& options)
{
    return makeError(QStringLiteral("sync.deadline"),
                     Tr::tr("The sync from %1 took longer than its limit of %2 s and was given up; the next "
                            "sync takes it up again.")
                         .arg(source)
                         .arg(options.deadlineMs / 1000));
}

QDeadlineTimer syncDeadline(const FetchOptions& options)
{
    return options.deadlineMs > 0 ? QDeadlineTimer(options.deadlineMs)
                                  : QDeadlineTimer(QDeadlineTimer::Forever);
}

FolderSource::FolderSource(const QString& folder, FetchOptions options)
    : m_folder(QDir(folder).absolutePath()), m_options(std::move(options)),
      m_deadline(syncDeadline(m_options))
{}

FolderSource::~FolderSource()
{
    for (const QString& copy : std::as_const(m_copies))
        QFile::remove(copy);
}

QString FolderSource::describe() const
{
    return m_folder;
}

Result<QByteArray> FolderSource::fetchIndex()
{
    auto f = RegularFile::open(m_folder + QStringLiteral("/index"));
    if (!f) {
        if (f.error().code == QLatin1String("file.open"))
            return makeError(QStringLiteral("sync.fetch"),
                             Tr::tr("There is no sync index in %1.").arg(m_folder) + QLatin1Char(' ') +
                                 f.error().message);
        return makeError(QStringLiteral("sync.fetch"), f.error().message);
    }
    // Read once, within the limit: these bytes are the ones whose signature is checked.
    auto bytes = f->readAll(SyncIndex::MaxSize, m_deadline);
    if (bytes)
        return bytes;
    if (bytes.error().code == QLatin1String("file.too-large"))
        return makeError(QStringLiteral("index.invalid"),
                         Tr::tr("The sync index in %1 is too large.").arg(m_folder));
    if (bytes.error().code == QLatin1String("file.deadline"))
        return deadlineError(m_folder, m_options);
    return makeError(QStringLiteral("sync.fetch"), bytes.error().message);
}

Result<QString> FolderSource::scratchDir()
{
    if (!m_options.downloadDir.isEmpty()) {
        if (!QDir().mkpath(m_options.downloadDir))
            return makeError(QStringLiteral("sync.disk"),
                             Tr::tr("Cannot write %1.").arg(m_options.downloadDir));
        return m_options.downloadDir;
    }
    if (!m_scratch) {
        m_scratch = std::make_unique<QTemporaryDir>();
        if (!m_scratch->isValid())
            return makeError(QStringLiteral("sync.disk"),
                             Tr::tr("Cannot make a temporary folder: %1").arg(m_scratch->errorString()));
    }
    return m_scratch->path();
}

// The bundle is copied, read once, into a file of the desk's own while it is
// hashed: what the applier reads is what was checked, however the stick or
// share changes meanwhile, and the applier never waits on a slow medium.
Result<QString> FolderSource::fetchFile(const IndexEntry& entry)
{
    auto from = RegularFile::open(m_folder + QLatin1Char('/') + entry.file);
    if (!from)
        return makeError(QStringLiteral("sync.fetch"), from.error().message);
    if (quint64(from->size()) != entry.length)
        return lengthError(entry, from->size());
    auto dir = scratchDir();
    if (!dir)
        return dir.error();
    const QString copyPath = *dir + QLatin1Char('/') + entry.file + QStringLiteral(".part");
    QFile copy(copyPath);
    if (!copy.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(QStringLiteral("sync.disk"),
                         Tr::tr("Cannot write %1: %2").arg(copyPath, copy.errorString()));
    m_copies << copyPath;
    const auto fail = [&](Error e) -> Result<QString> {
        copy.close();
        QFile::remove(copyPath);
        return e;
    };
    Sha256 hash;
    const qint64 expected = qint64(entry.length);
    qint64 have = 0;
    for (;;) {
        if (m_deadline.hasExpired())
            return fail(deadlineError(m_folder, m_options));
        if (m_options.cancelled && m_options.cancelled())
            return fail(makeError(QStringLiteral("sync.cancelled"), Tr::tr("The sync was cancelled.")));
        // At most one byte beyond the index's length: enough to tell a file that grew.
        auto chunk = from->read(qMin(Chunk, expected + 1 - have));
        if (!chunk)
            return fail(makeError(QStringLiteral("sync.fetch"), chunk.error().message));
        if (chunk->isEmpty())
            break;
        have += chunk->size();
        if (have > expected)
            return fail(makeError(QStringLiteral("sync.hash"),
                                  Tr::tr("%1 is longer than the index says.").arg(entry.file)));
        hash.addData(*chunk);
        if (copy.write(*chunk) != chunk->size())
            return fail(makeError(
                QStringLiteral("sync.disk"),
                Tr::tr("Cannot save %1 (is the disk full?): %2").arg(entry.file, copy.errorString())));
        if (m_options.progress)
            m_options.progress(entry.file, have, expected);
    }
    if (!copy.flush())
        return fail(
            makeError(QStringLiteral("sync.disk"),
                      Tr::tr("Cannot save %1 (is the disk full?): %2").arg(entry.file, copy.errorString())));
    copy.close();
    if (have != expected)
        return fail(lengthError(entry, have));
    if (hash.result() != entry.sha256)
        return fail(hashError(entry));
    return copyPath;
}

} // namespace kp
