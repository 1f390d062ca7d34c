#pragma once

// What the SQLite records store's parts share (SqliteRecordsStore*.cpp): its
// statements run and read, its errors, and how times and JSON are stored.

#include "util/IsoTime.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>

namespace kp {

class CacheDatabase;

namespace sqlstore {

QVariant isoOrNull(const QDateTime& t);
QString compact(const QJsonObject& o);
QJsonObject parseObject(const QString& s);
Error writeError(const QSqlQuery& q); // "records.write"
Error readError(const QSqlQuery& q);  // "records.read"
// Prepares, binds and runs one statement.
bool run(QSqlQuery& q, const QString& sql, const QVariantList& values);
Status write(CacheDatabase& db, const QString& sql, const QVariantList& values);
// Runs a read and calls `row` for each row; an error met while stepping (a
// damaged page) is an error too, never a short answer.
Status read(CacheDatabase& db, const QString& sql, const QVariantList& values,
            const std::function<bool(const QSqlQuery&)>& row);

} // namespace sqlstore
} // namespace kp
