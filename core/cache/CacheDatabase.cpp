#include "cache/CacheDatabase.h"

#include "cache/CacheDatabase_p.h"
#include "cache/Schema_p.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QStandardPaths>

#include <atomic>

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

QString CacheDatabase::Private::meta(const QString& key) const
{
    QSqlQuery& q = query(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.bindValue(0, key);
    QString value;
    if (q.exec() && q.next())
        value = q.value(0).toString();
    q.finish();
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
    const QFileInfo info(path);
    if (mode == OpenMode::MustExist && !info.exists())
        return makeError(QStringLiteral("cache.not-found"),
                         Tr::tr("There is no desk cache at %1.").arg(path));
    if (mode == OpenMode::CreateIfMissing && !QDir().mkpath(info.absolutePath()))
        return makeError(QStringLiteral("cache.open"),
                         Tr::tr("Cannot create the folder %1.").arg(info.absolutePath()));

    static std::atomic<int> counter{0};
    std::unique_ptr<CacheDatabase> cache(new CacheDatabase);
    cache->d->path = info.absoluteFilePath();
    cache->d->connectionName = QStringLiteral("kpdesk-cache-%1").arg(counter++);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), cache->d->connectionName);
    db.setDatabaseName(cache->d->path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return makeError(QStringLiteral("cache.open"),
                         Tr::tr("Cannot open the desk cache %1: %2").arg(path, db.lastError().text()));

    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return makeError(QStringLiteral("cache.open"),
                         Tr::tr("%1 is not a KP Desk cache (not an SQLite database).").arg(path));
    const int version = q.value(0).toInt();
    q.finish();
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
            return makeError(QStringLiteral("cache.open"),
                             Tr::tr("Cannot set up the desk cache %1.").arg(path));
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

bool CacheDatabase::isInitialized() const
{
    return !participant().isEmpty();
}

QString CacheDatabase::participant() const
{
    return d->meta(QStringLiteral("participant"));
}

Status CacheDatabase::setParticipant(const QString& code)
{
    return d->setMeta(QStringLiteral("participant"), code);
}

QList<QByteArray> CacheDatabase::pinnedBundleKeys() const
{
    QSqlQuery& q = d->query(QStringLiteral("SELECT der FROM bundle_keys ORDER BY rowid"));
    QList<QByteArray> keys;
    if (q.exec()) {
        while (q.next())
            keys << q.value(0).toByteArray();
    }
    q.finish();
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

QStringList CacheDatabase::syncSources() const
{
    QStringList sources;
    for (const QJsonValue& v :
         QJsonDocument::fromJson(d->meta(QStringLiteral("sync_sources")).toUtf8()).array())
        sources << v.toString();
    return sources;
}

Status CacheDatabase::setSyncSources(const QStringList& sources)
{
    return d->setMeta(
        QStringLiteral("sync_sources"),
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(sources)).toJson(QJsonDocument::Compact)));
}

bool CacheDatabase::isDemo() const
{
    return d->meta(QStringLiteral("demo")) == QLatin1String("1");
}

Status CacheDatabase::markAsDemo()
{
    return d->setMeta(QStringLiteral("demo"), QStringLiteral("1"));
}

SyncState CacheDatabase::syncState() const
{
    SyncState s;
    s.seq = d->meta(QStringLiteral("seq")).toULongLong();
    s.publisher = d->meta(QStringLiteral("publisher"));
    s.publishedAt = parseTime(d->meta(QStringLiteral("published_at")));
    s.freshUntil = parseTime(d->meta(QStringLiteral("fresh_until")));
    s.lastSuccess = parseTime(d->meta(QStringLiteral("last_success")));
    s.lastAttempt = parseTime(d->meta(QStringLiteral("last_attempt")));
    s.lastError = d->meta(QStringLiteral("last_error"));
    return s;
}

Status CacheDatabase::recordSyncAttempt(const QDateTime& at, const QString& error)
{
    if (auto s = d->setMeta(QStringLiteral("last_attempt"), isoTime(at)); !s)
        return s;
    return d->setMeta(QStringLiteral("last_error"), error);
}

std::optional<QByteArray> CacheDatabase::certificateRecord(const QString& number) const
{
    QSqlQuery& q = d->query(QStringLiteral("SELECT cose FROM certs WHERE no = ?"));
    q.bindValue(0, number);
    std::optional<QByteArray> out;
    if (q.exec() && q.next())
        out = q.value(0).toByteArray();
    q.finish();
    return out;
}

QList<SignerEntry> CacheDatabase::signersByKid(const QByteArray& kid) const
{
    QSqlQuery& q =
        d->query(QStringLiteral("SELECT der, revoked, why FROM signers WHERE kid = ? ORDER BY sha256"));
    q.bindValue(0, kid);
    QList<SignerEntry> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toByteArray(), parseDate(q.value(1)), q.value(2).toString()});
    }
    q.finish();
    return out;
}

QList<AuthorityCaEntry> CacheDatabase::authorityCas(const QString& country) const
{
    QSqlQuery& q =
        d->query(QStringLiteral("SELECT der, revoked FROM cas WHERE subject_c = ? ORDER BY sha256"));
    q.bindValue(0, country);
    QList<AuthorityCaEntry> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toByteArray(), parseDate(q.value(1))});
    }
    q.finish();
    return out;
}

std::optional<RevocationEntry> CacheDatabase::revocation(const QString& number) const
{
    QSqlQuery& q = d->query(QStringLiteral("SELECT st, at, by, note FROM revoked WHERE no = ?"));
    q.bindValue(0, number);
    std::optional<RevocationEntry> out;
    if (q.exec() && q.next())
        out = RevocationEntry{number, q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                              q.value(3).toString()};
    q.finish();
    return out;
}

QList<ParticipantPeriod> CacheDatabase::participantPeriods(const QString& code) const
{
    QSqlQuery& q = d->query(QStringLiteral(
        "SELECT name, st, from_date, to_date, note FROM participants WHERE c = ? ORDER BY from_date"));
    q.bindValue(0, code);
    QList<ParticipantPeriod> out;
    if (q.exec()) {
        while (q.next())
            out.append({code, q.value(0).toString(), q.value(1).toString(), parseDate(q.value(2)),
                        parseDate(q.value(3)), q.value(4).toString()});
    }
    q.finish();
    return out;
}

bool CacheDatabase::hasParticipantData() const
{
    QSqlQuery& q = d->query(QStringLiteral("SELECT 1 FROM participants LIMIT 1"));
    const bool any = q.exec() && q.next();
    q.finish();
    return any;
}

std::optional<QCborValue> CacheDatabase::rule(const QString& key) const
{
    QSqlQuery& q = d->query(QStringLiteral("SELECT val FROM rules WHERE key = ?"));
    q.bindValue(0, key);
    std::optional<QCborValue> out;
    if (q.exec() && q.next())
        out = QCborValue::fromCbor(q.value(0).toByteArray());
    q.finish();
    return out;
}

QList<PresentationEntry> CacheDatabase::presentations(const QString& number) const
{
    QSqlQuery& q =
        d->query(QStringLiteral("SELECT id, at, verdict FROM presentations WHERE no = ? ORDER BY id"));
    q.bindValue(0, number);
    QList<PresentationEntry> out;
    if (q.exec()) {
        while (q.next())
            out.append(
                {q.value(0).toLongLong(), number, parseTime(q.value(1).toString()), q.value(2).toString()});
    }
    q.finish();
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

CacheCounts CacheDatabase::counts() const
{
    auto count = [&](const char* sql) {
        QSqlQuery& q = d->query(QString::fromLatin1(sql));
        qint64 n = 0;
        if (q.exec() && q.next())
            n = q.value(0).toLongLong();
        q.finish();
        return n;
    };
    CacheCounts c;
    c.participants = count("SELECT COUNT(*) FROM participants");
    c.cas = count("SELECT COUNT(*) FROM cas");
    c.signers = count("SELECT COUNT(*) FROM signers");
    c.certs = count("SELECT COUNT(*) FROM certs");
    c.revoked = count("SELECT COUNT(*) FROM revoked");
    c.rules = count("SELECT COUNT(*) FROM rules");
    c.presentations = count("SELECT COUNT(*) FROM presentations");
    return c;
}

} // namespace kp
