// The desk cache: what happened at this desk, the presentations and releases.

#include "cache/CacheDatabase.h"

#include "cache/CacheDatabase_p.h"

namespace kp {

Result<QList<PresentationEntry>> CacheDatabase::presentations(const QString& number) const
{
    QList<PresentationEntry> out;
    if (auto s = d->read(QStringLiteral("SELECT id, at, verdict FROM presentations WHERE no = ? ORDER BY id"),
                         {number},
                         [&](const QSqlQuery& q) {
                             out.append({q.value(0).toLongLong(), number, parseIsoTime(q.value(1).toString()),
                                         q.value(2).toString()});
                         });
        !s)
        return s.error();
    return out;
}

Result<QList<ReleaseEntry>> CacheDatabase::releases(const QString& number) const
{
    QList<ReleaseEntry> out;
    if (auto s =
            d->read(QStringLiteral(
                        "SELECT id, at, inspection, seen_at, how FROM releases WHERE no = ? ORDER BY at, id"),
                    {number},
                    [&](const QSqlQuery& q) {
                        out.append({q.value(0).toLongLong(), number, parseIsoTime(q.value(1).toString()),
                                    q.value(2).toString(), parseIsoTime(q.value(3).toString()),
                                    q.value(4).toString()});
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

} // namespace kp
