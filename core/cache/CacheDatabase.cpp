#include "cache/CacheDatabase.h"

#include "cache/CacheDatabase_p.h"
#include "cache/DeskFileMode.h"
#include "cache/HealthCheckStop.h"
#include "cache/Schema_p.h"
#include "cache/SourceCredentials.h"
#include "cache/SqliteHandle_p.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
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

QDate parseDate(const QVariant& v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

QDateTime parseTime(const QString& s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

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

QString isoTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
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
        cache->d->busyWait = std::make_unique<BusyWait>(DefaultWriteWaitMs);
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

Result<bool> CacheDatabase::isInitialized() const
{
    auto code = participant();
    if (!code)
        return code.error();
    return !code->isEmpty();
}

Result<QString> CacheDatabase::participant() const
{
    return d->meta(QStringLiteral("participant"));
}

Status CacheDatabase::setParticipant(const QString& code)
{
    return d->setMeta(QStringLiteral("participant"), code);
}

Result<QList<QByteArray>> CacheDatabase::pinnedBundleKeys() const
{
    QList<QByteArray> keys;
    if (auto s = d->read(QStringLiteral("SELECT der FROM bundle_keys ORDER BY rowid"), {},
                         [&](const QSqlQuery& q) { keys << q.value(0).toByteArray(); });
        !s)
        return s.error();
    return keys;
}

Status CacheDatabase::addPinnedBundleKey(const QByteArray& der)
{
    QSqlQuery& q = d->query(QStringLiteral("INSERT OR IGNORE INTO bundle_keys(sha256, der) VALUES(?, ?)"));
    q.bindValue(0, QCryptographicHash::hash(der, QCryptographicHash::Sha256));
    q.bindValue(1, der);
    if (!q.exec())
        return sqlError(QStringLiteral("cache.write"), q);
    q.finish();
    return success();
}

Result<QString> CacheDatabase::enrolledDeskId() const
{
    return d->meta(QStringLiteral("enrol_desk_id"));
}

Status CacheDatabase::setEnrolledDeskId(const QString& deskId)
{
    return d->setMeta(QStringLiteral("enrol_desk_id"), deskId);
}

Result<QByteArray> CacheDatabase::deskCertificatePem() const
{
    auto pem = d->meta(QStringLiteral("enrol_certificate"));
    if (!pem)
        return pem.error();
    return pem->toLatin1();
}

Status CacheDatabase::setDeskCertificatePem(const QByteArray& pem)
{
    return d->setMeta(QStringLiteral("enrol_certificate"), QString::fromLatin1(pem));
}

Result<QStringList> CacheDatabase::syncSources() const
{
    auto json = d->meta(QStringLiteral("sync_sources"));
    if (!json)
        return json.error();
    QStringList sources;
    for (const QJsonValue& v : QJsonDocument::fromJson(json->toUtf8()).array())
        sources << v.toString();
    return sources;
}

Status CacheDatabase::setSyncSources(const QStringList& sources)
{
    if (auto refused = SourceCredentials::refuse(sources); !refused)
        return refused;
    return d->setMeta(
        QStringLiteral("sync_sources"),
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(sources)).toJson(QJsonDocument::Compact)));
}

Result<bool> CacheDatabase::isDemo() const
{
    auto demo = d->meta(QStringLiteral("demo"));
    if (!demo)
        return demo.error();
    return *demo == QLatin1String("1");
}

Status CacheDatabase::markAsDemo()
{
    return d->setMeta(QStringLiteral("demo"), QStringLiteral("1"));
}

Result<SyncState> CacheDatabase::syncState() const
{
    QMap<QString, QString> values;
    const Status read = d->read(
        QStringLiteral("SELECT key, value FROM meta WHERE key IN "
                       "(?, ?, ?, ?, ?, ?, ?, ?)"),
        {QStringLiteral("seq"), QStringLiteral("publisher"), QStringLiteral("published_at"),
         QStringLiteral("fresh_until"), QStringLiteral("last_success"), QStringLiteral("last_attempt"),
         QStringLiteral("last_error"), QStringLiteral("repaired_from_seq")},
        [&](const QSqlQuery& q) { values.insert(q.value(0).toString(), q.value(1).toString()); });
    if (!read)
        return read.error();
    SyncState s;
    s.seq = values.value(QStringLiteral("seq")).toULongLong();
    s.publisher = values.value(QStringLiteral("publisher"));
    s.publishedAt = parseTime(values.value(QStringLiteral("published_at")));
    s.freshUntil = parseTime(values.value(QStringLiteral("fresh_until")));
    s.lastSuccess = parseTime(values.value(QStringLiteral("last_success")));
    s.lastAttempt = parseTime(values.value(QStringLiteral("last_attempt")));
    s.lastError = values.value(QStringLiteral("last_error"));
    s.repairedFromSeq = values.value(QStringLiteral("repaired_from_seq")).toULongLong();
    return s;
}

Status CacheDatabase::recordSyncAttempt(const QDateTime& at, const QString& error)
{
    if (auto s = d->setMeta(QStringLiteral("last_attempt"), isoTime(at)); !s)
        return s;
    return d->setMeta(QStringLiteral("last_error"), error);
}

Result<std::optional<QByteArray>> CacheDatabase::certificateRecord(const QString& number) const
{
    std::optional<QByteArray> out;
    if (auto s = d->read(QStringLiteral("SELECT cose FROM certs WHERE no = ?"), {number},
                         [&](const QSqlQuery& q) { out = q.value(0).toByteArray(); });
        !s)
        return s.error();
    return out;
}

Result<QList<SignerEntry>> CacheDatabase::signersByKid(const QByteArray& kid) const
{
    QList<SignerEntry> out;
    if (auto s = d->read(
            QStringLiteral("SELECT der, revoked, why FROM signers WHERE kid = ? ORDER BY sha256"), {kid},
            [&](const QSqlQuery& q) {
                out.append({q.value(0).toByteArray(), parseDate(q.value(1)), q.value(2).toString()});
            });
        !s)
        return s.error();
    return out;
}

Result<QList<AuthorityCaEntry>> CacheDatabase::authorityCas(const QString& country) const
{
    QList<AuthorityCaEntry> out;
    if (auto s = d->read(QStringLiteral("SELECT der, revoked FROM cas WHERE subject_c = ? ORDER BY sha256"),
                         {country},
                         [&](const QSqlQuery& q) {
                             out.append({q.value(0).toByteArray(), parseDate(q.value(1))});
                         });
        !s)
        return s.error();
    return out;
}

Result<std::optional<RevocationEntry>> CacheDatabase::revocation(const QString& number) const
{
    std::optional<RevocationEntry> out;
    if (auto s = d->read(QStringLiteral("SELECT st, at, by, note FROM revoked WHERE no = ?"), {number},
                         [&](const QSqlQuery& q) {
                             out = RevocationEntry{number, q.value(0).toString(), q.value(1).toString(),
                                                   q.value(2).toString(), q.value(3).toString()};
                         });
        !s)
        return s.error();
    return out;
}

Result<QList<ParticipantPeriod>> CacheDatabase::participantPeriods(const QString& code) const
{
    QList<ParticipantPeriod> out;
    if (auto s = d->read(
            QStringLiteral(
                "SELECT name, st, from_date, to_date, note FROM participants WHERE c = ? ORDER BY from_date"),
            {code},
            [&](const QSqlQuery& q) {
                out.append({code, q.value(0).toString(), q.value(1).toString(), parseDate(q.value(2)),
                            parseDate(q.value(3)), q.value(4).toString()});
            });
        !s)
        return s.error();
    return out;
}

Result<bool> CacheDatabase::hasParticipantData() const
{
    bool any = false;
    if (auto s = d->read(QStringLiteral("SELECT 1 FROM participants LIMIT 1"), {},
                         [&](const QSqlQuery&) { any = true; });
        !s)
        return s.error();
    // "No participant data yet" is only true of a desk never synced.
    if (!any) {
        if (auto synced = d->checkSyncedData(); !synced)
            return synced.error();
    }
    return any;
}

Result<std::optional<QCborValue>> CacheDatabase::rule(const QString& key) const
{
    std::optional<QCborValue> out;
    if (auto s = d->read(QStringLiteral("SELECT val FROM rules WHERE key = ?"), {key},
                         [&](const QSqlQuery& q) { out = QCborValue::fromCbor(q.value(0).toByteArray()); });
        !s)
        return s.error();
    return out;
}

Result<QList<PresentationEntry>> CacheDatabase::presentations(const QString& number) const
{
    QList<PresentationEntry> out;
    if (auto s = d->read(QStringLiteral("SELECT id, at, verdict FROM presentations WHERE no = ? ORDER BY id"),
                         {number},
                         [&](const QSqlQuery& q) {
                             out.append({q.value(0).toLongLong(), number, parseTime(q.value(1).toString()),
                                         q.value(2).toString()});
                         });
        !s)
        return s.error();
    return out;
}

Result<QList<ReleaseEntry>> CacheDatabase::releases(const QString& number) const
{
    QList<ReleaseEntry> out;
    if (auto s = d->read(
            QStringLiteral(
                "SELECT id, at, inspection, seen_at, how FROM releases WHERE no = ? ORDER BY at, id"),
            {number},
            [&](const QSqlQuery& q) {
                out.append({q.value(0).toLongLong(), number, parseTime(q.value(1).toString()),
                            q.value(2).toString(), parseTime(q.value(3).toString()), q.value(4).toString()});
            });
        !s)
        return s.error();
    return out;
}

Result<qint64> CacheDatabase::recordPresentation(const QString& number, const QDateTime& at,
                                                 const QString& verdict)
{
    QSqlQuery& q = d->query(QStringLiteral("INSERT INTO presentations(no, at, verdict) VALUES(?, ?, ?)"));
    q.bindValue(0, number);
    q.bindValue(1, isoTime(at));
    q.bindValue(2, verdict);
    if (!q.exec())
        return sqlError(QStringLiteral("cache.write"), q);
    const qint64 id = q.lastInsertId().toLongLong();
    q.finish();
    return id;
}

Result<QList<ContactEntry>> CacheDatabase::contacts(const QString& participant) const
{
    QList<ContactEntry> out;
    const auto row = [&](const QSqlQuery& q) {
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    };
    const Status s =
        participant.isEmpty()
            ? d->read(
                  QStringLiteral("SELECT c, role, name, email, phone, addr FROM contacts ORDER BY c, role"),
                  {}, row)
            : d->read(QStringLiteral("SELECT c, role, name, email, phone, addr FROM contacts WHERE c = ? "
                                     "ORDER BY role"),
                      {participant}, row);
    if (!s)
        return s.error();
    return out;
}

Result<CacheCounts> CacheDatabase::counts() const
{
    CacheCounts c;
    for (const auto& [table, n] : c.tables()) {
        // Table names come from CacheCounts, never from outside.
        if (auto s = d->read(QStringLiteral("SELECT COUNT(*) FROM ") + table, {},
                             [n = n](const QSqlQuery& q) { *n = q.value(0).toLongLong(); });
            !s)
            return s.error();
    }
    return c;
}

namespace {
Error damagedError(const QString& what)
{
    return makeError(QStringLiteral("cache.damaged"),
                     Tr::tr("The desk's data could not be read: it is damaged (%1), so no certificate can be "
                            "accepted on it. Repair the desk (kpdesk-cli repair), then sync.")
                         .arg(what));
}
} // namespace

Status CacheDatabase::Private::checkSyncedData() const
{
    const auto seq = meta(QStringLiteral("seq"));
    if (!seq)
        return seq.error();
    if (seq->toULongLong() == 0)
        return success();
    bool any = false;
    if (auto s = read(QStringLiteral("SELECT 1 FROM participants LIMIT 1"), {},
                      [&](const QSqlQuery&) { any = true; });
        !s)
        return s;
    if (!any)
        return damagedError(Tr::tr("the desk was synced (seq %1) but holds no participant list").arg(*seq));
    return success();
}

Status CacheDatabase::Private::checkVerdictTables(bool always) const
{
    qint64 version = -1;
    if (auto s = read(QStringLiteral("PRAGMA data_version"), {},
                      [&](const QSqlQuery& q) { version = q.value(0).toLongLong(); });
        !s)
        return s;
    if (!always && verdictTablesCheckedAt == version)
        return success();
    QStringList problems;
    for (const QString& table : schema::verdictTables()) {
        // The table name is ours (schema::verdictTables), never from outside.
        if (auto s = read(QStringLiteral("PRAGMA integrity_check(") + table + u')', {},
                          [&](const QSqlQuery& q) {
                              if (const QString line = q.value(0).toString(); line != u"ok")
                                  problems << line;
                          });
            !s)
            return makeError(QStringLiteral("cache.damaged"), s.error().message);
        if (problems.size() > 20)
            break;
    }
    if (!problems.isEmpty()) {
        verdictTablesCheckedAt.reset();
        qCWarning(lcCache) << "damaged verdict data:" << problems;
        return damagedError(problems.mid(0, 5).join(QStringLiteral("; ")));
    }
    verdictTablesCheckedAt = version;
    return success();
}

Status CacheDatabase::checkHealth(HealthLevel level, HealthCheckStop* stop) const
{
    int version = -1;
    if (auto s = d->read(QStringLiteral("PRAGMA user_version"), {},
                         [&](const QSqlQuery& q) { version = q.value(0).toInt(); });
        !s)
        return s;
    if (version != d->schemaVersion)
        return readError(Tr::tr("its schema version is %1, not %2.").arg(version).arg(d->schemaVersion));
    // Reading the first row of each table reads its root page: a table that
    // is missing, renamed or whose root is damaged shows here. Deeper pages
    // are checked by each lookup as it reads them (and by Full).
    for (const QString& table : schema::checkedTables()) {
        // NOT INDEXED: the table's own tree, not a covering index of it.
        if (auto s =
                d->read(QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" NOT INDEXED LIMIT 1"), {},
                        [](const QSqlQuery&) {});
            !s)
            return s;
    }
    if (auto s = d->checkSyncedData(); !s)
        return s;
    if (level == HealthLevel::Quick)
        return d->checkVerdictTables(false);
    QStringList problems;
    // Without our own handle (a plugin with its own SQLite) the check still
    // runs, just without a way to stop it early.
    if (stop && !stop->attach(ownSqliteHandle(d->db())))
        return makeError(QStringLiteral("cache.cancelled"),
                         Tr::tr("The check of the desk's data was stopped."));
    const Status verdictTables = d->checkVerdictTables(true);
    const Status read = verdictTables
                            ? d->read(QStringLiteral("PRAGMA quick_check(20)"), {},
                                      [&](const QSqlQuery& q) { problems << q.value(0).toString(); })
                            : success();
    if (stop)
        stop->detach();
    if (stop && stop->stopped())
        return makeError(QStringLiteral("cache.cancelled"),
                         Tr::tr("The check of the desk's data was stopped."));
    if (!verdictTables)
        return verdictTables;
    if (!read)
        return makeError(QStringLiteral("cache.damaged"), read.error().message);
    if (problems != QStringList{QStringLiteral("ok")})
        return makeError(QStringLiteral("cache.damaged"),
                         Tr::tr("The desk's data is damaged: %1").arg(problems.join(QStringLiteral("; "))));
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
