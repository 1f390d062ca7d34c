#include "cache/CacheWriter.h"

#include "cache/CacheDatabase_p.h"
#include "cache/Schema_p.h"
#include "cache/SqliteHandle_p.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheWriter)
};

} // namespace

struct CacheWriter::Private
{
    CacheDatabase& cache;
    bool open = false;
    sqlite3* handle = nullptr;             // see ownSqliteHandle()
    sqlite3_stmt* certStatement = nullptr; // prepared on first use

    explicit Private(CacheDatabase& db) : cache(db) {}
    ~Private() { finalize(); }

    void finalize()
    {
        sqlite3_finalize(certStatement); // a no-op on nullptr
        certStatement = nullptr;
    }

    Error sqliteError(int rc) const
    {
        const QString why = QString::fromUtf8(sqlite3_errmsg(handle));
        qCWarning(lcCache) << "SQL error" << why << "in the certs insert";
        const int primary = rc & 0xff;
        if (primary == SQLITE_IOERR || primary == SQLITE_FULL)
            return makeError(QStringLiteral("cache.disk"),
                             QCoreApplication::translate(
                                 "kp::CacheDatabase",
                                 "The desk's cache could not be written: the disk is full or failing (%1). "
                                 "Nothing was changed; free some space and try again.")
                                 .arg(why));
        return makeError(QStringLiteral("cache.write"),
                         QCoreApplication::translate("kp::CacheDatabase",
                                                     "The desk's cache could not be read or written: %1")
                             .arg(why));
    }

    Status exec(const QString& sql, const QVariantList& values)
    {
        QSqlQuery& q = cache.d->query(sql);
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values[i]);
        if (!q.exec())
            return sqlError(QStringLiteral("cache.write"), q);
        return success();
    }
};

CacheWriter::CacheWriter(CacheDatabase& db) : d(std::make_unique<Private>(db)) {}

CacheWriter::~CacheWriter()
{
    d->finalize();
    QSqlQuery q(d->cache.connection());
    if (d->open) {
        if (!q.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcCache) << "rollback failed:" << q.lastError().text();
    }
    q.exec(QStringLiteral("PRAGMA cache_size = -2000")); // SQLite's default, for lookups
}

Result<std::unique_ptr<CacheWriter>> CacheWriter::begin(CacheDatabase& db)
{
    std::unique_ptr<CacheWriter> writer(new CacheWriter(db));
    QSqlQuery q(db.connection());
    // IMMEDIATE takes the write lock now, not half way through a bundle.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("cache.busy"), q);
    writer->d->open = true;
    // A big bundle spills far less to the write-ahead log with 64 MiB of
    // page cache than with SQLite's 2 MiB; set back when the writer ends.
    if (!q.exec(QStringLiteral("PRAGMA cache_size = -65536")))
        qCWarning(lcCache) << "cache_size not set:" << q.lastError().text();
    writer->d->handle = ownSqliteHandle(db.connection());
    return writer;
}

Status CacheWriter::clearAuthorityData()
{
    QSqlQuery q(d->cache.connection());
    for (const QString& table : schema::authorityTables()) {
        // Table names come from the fixed schema list, never from outside.
        if (!q.exec(QStringLiteral("DELETE FROM ") + table))
            return sqlError(QStringLiteral("cache.write"), q);
    }
    return success();
}

Status CacheWriter::upsertParticipant(const ParticipantPeriod& p)
{
    return d->exec(
        QStringLiteral("INSERT OR REPLACE INTO participants(c, from_date, to_date, st, name, note) "
                       "VALUES(?, ?, ?, ?, ?, ?)"),
        {p.code, isoDate(p.from), isoDateOrNull(p.to), p.status, p.name, p.note});
}

Status CacheWriter::upsertAuthorityCa(const QByteArray& der, const QString& subjectCountry,
                                      const QDate& revoked)
{
    return d->exec(
        QStringLiteral("INSERT OR REPLACE INTO cas(sha256, subject_c, der, revoked) VALUES(?, ?, ?, ?)"),
        {QCryptographicHash::hash(der, QCryptographicHash::Sha256), subjectCountry, der,
         isoDateOrNull(revoked)});
}

Status CacheWriter::upsertSigner(const QByteArray& der, const QByteArray& kid, const QDate& revoked,
                                 const QString& why)
{
    return d->exec(
        QStringLiteral(
            "INSERT OR REPLACE INTO signers(kid, sha256, der, revoked, why) VALUES(?, ?, ?, ?, ?)"),
        {kid, QCryptographicHash::hash(der, QCryptographicHash::Sha256), der, isoDateOrNull(revoked),
         why.isEmpty() ? QVariant() : QVariant(why)});
}

Status CacheWriter::upsertCertificate(const QString& number, const QString& issuer, const QDate& issued,
                                      const QByteArray& coseBytes)
{
    return upsertCertificateRow({number.toUtf8(), issuer.toUtf8(), isoDate(issued).toUtf8(), coseBytes});
}

Status CacheWriter::upsertCertificateRow(const CertificateRow& row)
{
    static const char* const Sql = "INSERT OR REPLACE INTO certs(no, iss, di, cose) VALUES(?, ?, ?, ?)";
    if (!d->handle) {
        const auto text = [](const QByteArray& utf8) {
            return utf8.isNull() ? QVariant() : QVariant(QString::fromUtf8(utf8));
        };
        return d->exec(QString::fromLatin1(Sql),
                       {text(row.number), text(row.issuer), text(row.issued), row.cose});
    }
    sqlite3_stmt*& stmt = d->certStatement;
    if (!stmt) {
        if (const int rc = sqlite3_prepare_v3(d->handle, Sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
            rc != SQLITE_OK)
            return d->sqliteError(rc);
    }
    // The bytes stay alive until the step below is done: SQLITE_STATIC.
    const auto bindText = [stmt](int column, const QByteArray& utf8) {
        return utf8.isNull()
                   ? sqlite3_bind_null(stmt, column)
                   : sqlite3_bind_text(stmt, column, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    };
    int rc = bindText(1, row.number);
    if (rc == SQLITE_OK)
        rc = bindText(2, row.issuer);
    if (rc == SQLITE_OK)
        rc = bindText(3, row.issued);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_blob(stmt, 4, row.cose.constData(), int(row.cose.size()), SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE)
        return d->sqliteError(rc);
    return success();
}

Status CacheWriter::upsertRevocation(const RevocationEntry& e)
{
    return d->exec(
        QStringLiteral("INSERT OR REPLACE INTO revoked(no, st, at, by, note) VALUES(?, ?, ?, ?, ?)"),
        {e.number, e.status, e.at, e.by, e.note});
}

Status CacheWriter::upsertRule(const QString& key, const QCborValue& value)
{
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO rules(key, val) VALUES(?, ?)"),
                   {key, value.toCbor()});
}

Status CacheWriter::upsertContact(const ContactEntry& c)
{
    const auto orNull = [](const QString& text) {
        return text.isEmpty() ? QVariant() : QVariant(text);
    };
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO contacts(c, role, name, email, phone, addr) "
                                  "VALUES(?, ?, ?, ?, ?, ?)"),
                   {c.participant, c.role, c.name, orNull(c.email), orNull(c.phone), orNull(c.address)});
}

Status CacheWriter::setSyncState(const SyncState& s)
{
    const QList<QPair<QString, QString>> values{{QStringLiteral("seq"), QString::number(s.seq)},
                                                {QStringLiteral("publisher"), s.publisher},
                                                {QStringLiteral("published_at"), isoTime(s.publishedAt)},
                                                {QStringLiteral("fresh_until"), isoTime(s.freshUntil)},
                                                {QStringLiteral("last_success"), isoTime(s.lastSuccess)},
                                                {QStringLiteral("last_attempt"), isoTime(s.lastSuccess)},
                                                {QStringLiteral("last_error"), QString()}};
    for (const auto& [key, value] : values) {
        if (auto st = d->cache.d->setMeta(key, value); !st)
            return st;
    }
    return success();
}

Status CacheWriter::commit()
{
    if (!d->open)
        return makeError(QStringLiteral("cache.write"), Tr::tr("Nothing to commit."));
    d->finalize();
    QSqlQuery q(d->cache.connection());
    if (!q.exec(QStringLiteral("COMMIT")))
        return sqlError(QStringLiteral("cache.write"), q);
    d->open = false;
    return success();
}

} // namespace kp
