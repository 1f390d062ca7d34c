#pragma once

// Internal to the cache module.

#include "cache/BusyWait_p.h"
#include "cache/CacheDatabase.h"
#include "cache/DeskInUseLock_p.h"
#include "cache/WriteWaitSignal_p.h"
#include "util/IsoTime.h"

#include <QSqlQuery>

#include <functional>
#include <map>
#include <optional>

namespace kp {

struct CacheDatabase::Private
{
    QString connectionName;
    QString path;
    int schemaVersion = 0;
    // Held while the connection is open: a repair waits for no one and swaps
    // the file only when nobody else has it open.
    std::unique_ptr<DeskInUseLock> inUse;
    // Who waits for the write lock (WriteWaitSignal_p.h): written by this
    // connection's waits, read by its staged sync. Made before busyWait,
    // which uses it.
    std::unique_ptr<WriteWaitSignal> waitSignal;
    // Polls for the write lock every few ms (BusyWait_p.h); null when the
    // driver's SQLite is not ours, and then SQLite's own busy_timeout waits.
    std::unique_ptr<BusyWait> busyWait;
    // Prepared once per connection and reused: lookups are on the hot path.
    mutable std::map<QString, QSqlQuery> prepared;

    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }
    QSqlQuery& query(const QString& sql) const;
    // Runs a prepared read, calling `row` for each row. Any SQL error, at
    // prepare, exec or in the middle of the rows (where SQLite reports a
    // damaged page), is "cache.read"; the statement is then dropped so the
    // next call prepares it again.
    Status read(const QString& sql, const QVariantList& values,
                const std::function<void(const QSqlQuery&)>& row) const;
    Result<QString> meta(const QString& key) const; // empty when absent
    // The verdict tables (schema::verdictTables) compared with their indexes
    // by integrity_check; `always`, or else once for each state of the file
    // (PRAGMA data_version: what another connection, a sync, committed).
    Status checkVerdictTables(bool always) const;
    // A synced desk holds what every bundle brings: missing data is damage.
    Status checkSyncedData() const;
    mutable std::optional<qint64> verdictTablesCheckedAt;
    Status setMeta(const QString& key, const QString& value);
};

QString isoDate(const QDate& date);
QVariant isoDateOrNull(const QDate& date);
QDate parseDate(const QVariant& v); // null: no date
Error sqlError(const QString& code, const QSqlQuery& query);
// "cache.read": the desk's data could not be read (with SQLite's reason).
Error readError(const QString& why);

} // namespace kp
