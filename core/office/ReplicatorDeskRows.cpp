// The desk's rows as the replicator reads and writes them (Replicator_p.h).

#include "office/Replicator_p.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QSqlError>

namespace kp::replication {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Replicator)
};

} // namespace

Error deskError(const QSqlQuery& q)
{
    qCWarning(lcSync) << "office: desk file:" << q.lastError().text();
    return makeError(QStringLiteral("office.desk"),
                     Tr::tr("The desk's file could not be read or written: %1").arg(q.lastError().text()));
}

bool run(QSqlQuery& q, const QString& sql, const QVariantList& values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : values)
        q.addBindValue(v);
    return q.exec();
}

// One row of the desk's file, or nullopt when absent.
Result<std::optional<QSqlRecord>> deskRow(CacheDatabase& desk, const QString& sql, const QVariantList& values)
{
    QSqlQuery q(desk.connection());
    q.setForwardOnly(true);
    if (!run(q, sql, values))
        return deskError(q);
    if (!q.next())
        return q.lastError().isValid() ? Result<std::optional<QSqlRecord>>(deskError(q))
                                       : Result<std::optional<QSqlRecord>>(std::nullopt);
    return std::optional<QSqlRecord>(q.record());
}

Result<qint64> deskNumber(CacheDatabase& desk, const QString& sql, const QVariantList& values)
{
    auto row = deskRow(desk, sql, values);
    if (!row)
        return row.error();
    return *row ? (*row)->value(0).toLongLong() : 0;
}

// A null of the column's type when the desk's value is null.
QVariant textOf(const QSqlRecord& r, int i)
{
    return r.isNull(i) ? QVariant(QMetaType::fromType<QString>()) : QVariant(r.value(i).toString());
}

QVariant bytesOf(const QSqlRecord& r, int i)
{
    return r.isNull(i) ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(r.value(i).toByteArray());
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

// An entry of the desk's trail about the office, written as the door writes any.
Status noteInTrail(CacheDatabase& desk, const QString& kind, const QCborMap& data)
{
    SqliteRecordsStore store(desk);
    SystemClock clock;
    DeskRecords door(store, clock);
    return door.note(Session::forCommandLine(QStringLiteral("office")), kind, data);
}

} // namespace kp::replication
