#include "cache/CacheWriter.h"

#include "cache/CacheDatabase_p.h"
#include "cache/Schema_p.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlError>

namespace kp {

struct CacheWriter::Private
{
    CacheDatabase& cache;
    bool open = false;

    explicit Private(CacheDatabase& db) : cache(db) {}

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
    if (d->open) {
        QSqlQuery q(d->cache.connection());
        if (!q.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcCache) << "rollback failed:" << q.lastError().text();
    }
}

Result<std::unique_ptr<CacheWriter>> CacheWriter::begin(CacheDatabase& db)
{
    std::unique_ptr<CacheWriter> writer(new CacheWriter(db));
    QSqlQuery q(db.connection());
    // IMMEDIATE takes the write lock now, not half way through a bundle.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("cache.busy"), q);
    writer->d->open = true;
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
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO certs(no, iss, di, cose) VALUES(?, ?, ?, ?)"),
                   {number, issuer, isoDate(issued), coseBytes});
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
        return makeError(QStringLiteral("cache.write"),
                         QCoreApplication::translate("kp::CacheWriter", "Nothing to commit."));
    QSqlQuery q(d->cache.connection());
    if (!q.exec(QStringLiteral("COMMIT")))
        return sqlError(QStringLiteral("cache.write"), q);
    d->open = false;
    return success();
}

} // namespace kp
