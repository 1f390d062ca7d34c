// The desk cache: the desk's configuration and sync state (kept across snapshots).

#include "cache/CacheDatabase.h"

#include "cache/CacheDatabase_p.h"
#include "cache/SourceCredentials.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlError>

namespace kp {

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
    s.publishedAt = parseIsoTime(values.value(QStringLiteral("published_at")));
    s.freshUntil = parseIsoTime(values.value(QStringLiteral("fresh_until")));
    s.lastSuccess = parseIsoTime(values.value(QStringLiteral("last_success")));
    s.lastAttempt = parseIsoTime(values.value(QStringLiteral("last_attempt")));
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

} // namespace kp
