#pragma once

// Internal to the cache module.

#include "cache/CacheDatabase.h"

#include <QSqlQuery>

#include <map>

namespace kp {

struct CacheDatabase::Private
{
    QString connectionName;
    QString path;
    int schemaVersion = 0;
    // Prepared once per connection and reused: lookups are on the hot path.
    mutable std::map<QString, QSqlQuery> prepared;

    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }
    QSqlQuery& query(const QString& sql) const;
    QString meta(const QString& key) const;
    Status setMeta(const QString& key, const QString& value);
};

QString isoDate(const QDate& date);
QVariant isoDateOrNull(const QDate& date);
QString isoTime(const QDateTime& time);
Error sqlError(const QString& code, const QSqlQuery& query);

} // namespace kp
