#pragma once

// What the replicator's parts share (Replicator*.cpp): the desk's rows read
// and written through its own connection, and the office's time format.

#include "util/IsoTime.h"
#include "util/Result.h"

#include <QCborMap>
#include <QDateTime>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariant>

#include <optional>

namespace kp {

class CacheDatabase;

namespace replication {

// The desk's meta keys holding the last office numbers pulled.
inline const QString PulledCasesKey = QStringLiteral("office_pulled_cases");
inline const QString PulledEventsKey = QStringLiteral("office_pulled_events");

// "office.desk": the desk's file could not be read or written.
Error deskError(const QSqlQuery& q);
// Prepares, binds and runs `sql`; false on any error (in q.lastError()).
bool run(QSqlQuery& q, const QString& sql, const QVariantList& values);
// One row of the desk's file, or nullopt when absent.
Result<std::optional<QSqlRecord>> deskRow(CacheDatabase& desk, const QString& sql,
                                          const QVariantList& values);
// The first column of one row; 0 when there is none.
Result<qint64> deskNumber(CacheDatabase& desk, const QString& sql, const QVariantList& values = {});
// A null of the column's type when the desk's value is null.
QVariant textOf(const QSqlRecord& r, int i);
QVariant bytesOf(const QSqlRecord& r, int i);
QVariant nullText();
// An entry of the desk's trail about the office, written as the door writes any.
Status noteInTrail(CacheDatabase& desk, const QString& kind, const QCborMap& data);

} // namespace replication
} // namespace kp
