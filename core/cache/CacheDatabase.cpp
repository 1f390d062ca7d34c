#include "cache/CacheDatabase.h"

#include "cache/CacheDatabase_p.h"
#include "cache/DeskFileMode.h"
#include "cache/Schema_p.h"
#include "cache/SqliteHandle_p.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>

#include <algorithm>
#include <atomic>
#include <cstring>

#include <sqlite3.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheDatabase)
};

// Why SQLite could not open a file, in the words an administrator needs:
// locked by another program, not writable, damaged, or not a database at all.
Error openError(const QString& path, const QSqlError& error)
{
    const int primary = error.nativeErrorCode().toInt() & 0xff;
    switch (primary) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return makeError(QStringLiteral("cache.locked"),
                         Tr::tr("The desk cache %1 is locked by another program; try again when it has "
                                "finished.")
                             .arg(path));
    case 8:  // SQLITE_READONLY
    case 14: // SQLITE_CANTOPEN: the folder does not let SQLite make its journal
    case 23: // SQLITE_AUTH
        return makeError(QStringLiteral("cache.readonly"),
                         Tr::tr("The desk cache %1 cannot be written: check the permissions of the file and "
                                "of its folder (%2).")
                             .arg(path, error.text()));
    case 10: // SQLITE_IOERR
        return makeError(QStringLiteral("cache.disk"),
                         Tr::tr("The desk cache %1 cannot be read: the disk is failing or was removed (%2).")
                             .arg(path, error.text()));
    case 11: // SQLITE_CORRUPT
        return makeError(QStringLiteral("cache.damaged"),
                         Tr::tr("The desk cache %1 is damaged (%2). Run 'kpdesk-cli repair' to keep the "
                                "desk's records and fetch the authority data again.")
                             .arg(path, error.text()));
    case 26: // SQLITE_NOTADB
        return makeError(QStringLiteral("cache.not-a-cache"),
                         Tr::tr("%1 is not a KP Desk cache (not an SQLite database).").arg(path));
    default:
        return makeError(QStringLiteral("cache.open"),
                         Tr::tr("Cannot open the desk cache %1: %2").arg(path, error.text()));
    }
}

// What SQLite would only find out later: a file cut short (a copy that did
// not finish, a full disk) whose header still reads. The header's page
// count is valid when its "version-valid-for" matches the change counter.
//
// Read through SQLite's own open file, never with a descriptor of ours:
// closing any descriptor of a file drops every POSIX lock this process holds
// on it, SQLite's included (another connection of the window's), and another
// program's SQLite would then take itself for the last user and delete the
// journal the window still writes to.
Status checkFileHeader(sqlite3* handle, const QString& path)
{
    sqlite3_file* file = nullptr;
    // Without our own handle (a plugin with its own SQLite) the check is
    // left to SQLite, which finds a short file when it reads the missing page.
    if (!handle || sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
        !file || !file->pMethods)
        return success();
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK)
        return makeError(
            QStringLiteral("cache.disk"),
            Tr::tr("The desk cache %1 cannot be read: the disk is failing or was removed.").arg(path));
    if (size == 0)
        return success();
    unsigned char header[100] = {};
    const int read = file->pMethods->xRead(file, header, int(std::min<sqlite3_int64>(size, 100)), 0);
    if (read != SQLITE_OK)
        return makeError(
            QStringLiteral("cache.disk"),
            Tr::tr("The desk cache %1 cannot be read: the disk is failing or was removed.").arg(path));
    static const char magic[] = "SQLite format 3";
    if (size < 16 || std::memcmp(header, magic, sizeof magic) != 0)
        return makeError(QStringLiteral("cache.not-a-cache"),
                         Tr::tr("%1 is not a KP Desk cache (not an SQLite database).").arg(path));
    if (size < 100)
        return makeError(
            QStringLiteral("cache.truncated"),
            Tr::tr("The desk cache %1 is truncated: the file ends inside its header.").arg(path));
    const auto u8 = [&](int i) {
        return quint32(header[i]);
    };
    const auto u32 = [&](int i) {
        return u8(i) << 24 | u8(i + 1) << 16 | u8(i + 2) << 8 | u8(i + 3);
    };
    quint32 pageSize = u8(16) << 8 | u8(17);
    if (pageSize == 1)
        pageSize = 65536;
    // In WAL mode a checkpoint (another process's, while it syncs) writes
    // page 1 with the new page count before the pages after it: a file
    // shorter than its header is then work in progress, not damage. A live
    // WAL beside the file means SQLite reads the pages from there. (stat()
    // opens nothing.)
    const bool walMode = u8(18) == 2 && u8(19) == 2;
    const QFileInfo wal(path + QStringLiteral("-wal"));
    if (walMode && wal.exists() && wal.size() > 0)
        return success();
    const quint32 pages = u32(28);
    if (pages > 0 && u32(24) == u32(92) && qint64(pages) * pageSize > size)
        return makeError(
            QStringLiteral("cache.truncated"),
            Tr::tr("The desk cache %1 is truncated: it should hold %2 bytes but holds %3. Restore "
                   "it from a backup, or run 'kpdesk-cli repair' to keep what can be read.")
                .arg(path)
                .arg(qint64(pages) * pageSize)
                .arg(size));
    return success();
}
} // namespace

QString isoDate(const QDate& date)
{
    return date.toString(Qt::ISODate);
}

QVariant isoDateOrNull(const QDate& date)
{
    return date.isValid() ? QVariant(isoDate(date)) : QVariant();
}

QDate parseDate(const QVariant& v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

Error sqlError(const QString& code, const QSqlQuery& query)
{
    // The statement text has no values in it (they are bound), so it may be logged.
    qCWarning(lcCache) << "SQL error" << query.lastError().text() << "in" << query.lastQuery();
    // SQLite's primary result codes: 10 I/O error (a file-size limit or a
    // failing disk), 13 full. Say what an administrator should check.
    const int primary = query.lastError().nativeErrorCode().toInt() & 0xff;
    if (primary == 10 || primary == 13)
        return makeError(
            QStringLiteral("cache.disk"),
            Tr::tr("The desk's cache could not be written: the disk is full or failing (%1). Nothing was "
                   "changed; free some space and try again.")
                .arg(query.lastError().text()));
    return makeError(
        code, Tr::tr("The desk's cache could not be read or written: %1").arg(query.lastError().text()));
}

QSqlQuery& CacheDatabase::Private::query(const QString& sql) const
{
    auto it = prepared.find(sql);
    if (it == prepared.end()) {
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(sql);
        it = prepared.emplace(sql, std::move(q)).first;
    }
    return it->second;
}

Error readError(const QString& why)
{
    return makeError(QStringLiteral("cache.read"), Tr::tr("The desk's data could not be read: %1").arg(why));
}

Status CacheDatabase::Private::read(const QString& sql, const QVariantList& values,
                                    const std::function<void(const QSqlQuery&)>& row) const
{
    QSqlQuery& q = query(sql);
    // A statement that could not be prepared (e.g. its table is missing) has
    // its error already; failed statements are never kept, so this is the prepare.
    bool ok = !q.lastError().isValid();
    if (ok) {
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values[i]);
        ok = q.exec();
    }
    if (ok) {
        while (q.next())
            row(q);
        // SQLite reports a damaged page met while stepping through the rows
        // this way: next() is false as at the end, with an error set.
        ok = !q.lastError().isValid();
    }
    if (!ok) {
        qCWarning(lcCache) << "SQL read error" << q.lastError().text() << "in" << sql;
        const Error error = readError(q.lastError().text());
        prepared.erase(sql); // q is gone from here on
        return error;
    }
    q.finish();
    return success();
}

Result<QString> CacheDatabase::Private::meta(const QString& key) const
{
    QString value;
    if (auto s = read(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key},
                      [&](const QSqlQuery& q) { value = q.value(0).toString(); });
        !s)
        return s.error();
    return value;
}

Status CacheDatabase::Private::setMeta(const QString& key, const QString& value)
{
    QSqlQuery& q = query(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) "
                                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.bindValue(0, key);
    q.bindValue(1, value);
    if (!q.exec())
        return sqlError(QStringLiteral("cache.write"), q);
    q.finish();
    return success();
}

CacheDatabase::CacheDatabase() : d(std::make_unique<Private>()) {}

CacheDatabase::ReadSnapshot::ReadSnapshot(const CacheDatabase& db) : m_db(db)
{
    QSqlQuery q(m_db.connection());
    m_active = q.exec(QStringLiteral("BEGIN DEFERRED"));
}

CacheDatabase::ReadSnapshot::~ReadSnapshot()
{
    release();
}

void CacheDatabase::ReadSnapshot::release()
{
    if (!m_active)
        return;
    m_active = false;
    for (auto& [sql, query] : m_db.d->prepared)
        query.finish(); // no statement may hold the snapshot open
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("COMMIT")))
        q.exec(QStringLiteral("ROLLBACK"));
}

CacheDatabase::~CacheDatabase()
{
    const QString name = d->connectionName;
    d->prepared.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QString CacheDatabase::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/desk.sqlite");
}

int CacheDatabase::currentSchemaVersion()
{
    return int(schema::migrations().size());
}

Result<std::unique_ptr<CacheDatabase>> CacheDatabase::open(const QString& path, OpenMode mode)
{
    // SQLite reads ":memory:" as a database that vanishes on close, and Qt
    // reads a leading ':' as a resource path: neither can hold a desk.
    if (path.isEmpty() || path.startsWith(u':'))
        return makeError(QStringLiteral("cache.path"),
                         Tr::tr("'%1' cannot be a desk cache: give the path of a file (for example "
                                "./desk.sqlite).")
                             .arg(path));
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return makeError(QStringLiteral("cache.path"), Tr::tr("%1 is not a file.").arg(path));
    if (mode == OpenMode::MustExist && !info.exists())
        return makeError(QStringLiteral("cache.not-found"),
                         Tr::tr("There is no desk cache at %1.").arg(path));
    // An empty file is not a desk: only `init` may make one in it.
    if (mode == OpenMode::MustExist && info.size() == 0)
        return makeError(QStringLiteral("cache.not-found"),
                         Tr::tr("%1 is an empty file, not a desk cache (run 'kpdesk-cli init').").arg(path));
    if (mode == OpenMode::CreateIfMissing)
        if (auto folder = DeskFileMode::makeFolder(info.absolutePath()); !folder)
            return folder.error();

    static std::atomic<int> counter{0};
    std::unique_ptr<CacheDatabase> cache(new CacheDatabase);
    cache->d->path = info.absoluteFilePath();
    auto inUse = DeskInUseLock::acquire(cache->d->path, DeskInUseLock::Mode::Shared);
    if (!inUse)
        return inUse.error();
    cache->d->inUse = std::move(inUse).value();
    cache->d->waitSignal = std::make_unique<WriteWaitSignal>(cache->d->path);
    cache->d->connectionName = QStringLiteral("kpdesk-cache-%1").arg(counter++);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), cache->d->connectionName);
    db.setDatabaseName(cache->d->path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(DefaultWriteWaitMs));
    if (!db.open())
        return makeError(QStringLiteral("cache.open"),
                         Tr::tr("Cannot open the desk cache %1: %2").arg(path, db.lastError().text()));
    if (auto header = checkFileHeader(ownSqliteHandle(db), cache->d->path); !header)
        return header.error();
    if (sqlite3* handle = ownSqliteHandle(db)) {
        cache->d->busyWait = std::make_unique<BusyWait>(DefaultWriteWaitMs, cache->d->waitSignal.get());
        cache->d->busyWait->install(handle);
    }

    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return openError(path, q.lastError());
    const int version = q.value(0).toInt();
    q.finish();
    // Made (or found) by now, before anything is written to it or its -wal.
    if (auto owner = DeskFileMode::restrictToOwner(cache->d->path); !owner)
        return owner.error();
    if (version > currentSchemaVersion())
        return makeError(
            QStringLiteral("cache.schema"),
            Tr::tr("%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.")
                .arg(path)
                .arg(version)
                .arg(currentSchemaVersion()));
    // WAL lets readers (the window) work while a sync writes; FULL makes a
    // committed bundle survive a power cut (one sync per commit, so it is cheap).
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return openError(path, q.lastError());
        q.finish();
    }

    const QList<QStringList> steps = schema::migrations();
    for (int v = version + 1; v <= currentSchemaVersion(); ++v) {
        bool ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        for (const QString& sql : steps[v - 1])
            ok = ok && q.exec(sql);
        ok = ok && q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v)) &&
             q.exec(QStringLiteral("COMMIT"));
        if (!ok) {
            const QString why = q.lastError().text();
            q.exec(QStringLiteral("ROLLBACK"));
            return makeError(
                QStringLiteral("cache.migrate"),
                Tr::tr("Cannot bring the desk cache %1 to schema %2: %3").arg(path).arg(v).arg(why));
        }
        qCInfo(lcCache) << "cache schema migrated to" << v;
    }
    cache->d->schemaVersion = currentSchemaVersion();
    return cache;
}

QString CacheDatabase::path() const
{
    return d->path;
}

int CacheDatabase::schemaVersion() const
{
    return d->schemaVersion;
}

QSqlDatabase CacheDatabase::connection() const
{
    return d->db();
}

Status CacheDatabase::setWriteWait(int milliseconds)
{
    if (d->busyWait) {
        d->busyWait->setTimeout(qMax(0, milliseconds));
        return success();
    }
    // A PRAGMA takes no bound values; the number is ours, not outside data.
    QSqlQuery q(d->db());
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(qMax(0, milliseconds))))
        return sqlError(QStringLiteral("cache.write"), q);
    return success();
}

void CacheDatabase::closeConnection()
{
    d->prepared.clear();
    d->verdictTablesCheckedAt.reset(); // data_version counts per connection
    QSqlDatabase db = d->db();
    db.close();
    d->inUse.reset();
}

Status CacheDatabase::reopenConnection()
{
    d->prepared.clear();
    d->verdictTablesCheckedAt.reset();
    QSqlDatabase db = d->db();
    db.close();
    d->inUse.reset();
    auto inUse = DeskInUseLock::acquire(d->path, DeskInUseLock::Mode::Shared);
    if (!inUse)
        return inUse.error();
    d->inUse = std::move(inUse).value();
    if (!db.open())
        return makeError(QStringLiteral("cache.open"),
                         Tr::tr("Cannot open the desk cache %1: %2").arg(d->path, db.lastError().text()));
    QSqlQuery q(db);
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return makeError(QStringLiteral("cache.open"),
                             Tr::tr("Cannot set up the desk cache %1.").arg(d->path));
        q.finish();
    }
    return success();
}

} // namespace kp
