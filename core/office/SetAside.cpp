#include "office/SetAside.h"

#include "cache/CacheDatabase.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::SetAside)
};

Error fileError(const QSqlQuery& q)
{
    return makeError(QStringLiteral("office.desk"),
                     Tr::tr("The desk's file could not be read or written: %1").arg(q.lastError().text()));
}

} // namespace

Result<bool> SetAside::record(CacheDatabase& desk, const QString& kind, const QString& ref,
                              const QString& deskId, const QString& code, const QString& reason)
{
    QSqlQuery q(desk.connection());
    if (!q.prepare(
            QStringLiteral("INSERT OR IGNORE INTO office_set_aside(kind, ref, desk_id, code, reason, at) "
                           "VALUES(?, ?, ?, ?, ?, ?)")))
        return fileError(q);
    for (const QVariant& v :
         {QVariant(kind), QVariant(ref), QVariant(deskId), QVariant(code), QVariant(reason),
          QVariant(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))})
        q.addBindValue(v);
    if (!q.exec())
        return fileError(q);
    return q.numRowsAffected() > 0;
}

Result<SetAsideCount> SetAside::count(CacheDatabase& desk)
{
    QSqlQuery q(desk.connection());
    if (!q.exec(QStringLiteral("SELECT coalesce(sum(kind <> 'audit'), 0), coalesce(sum(kind = 'audit'), 0) "
                               "FROM office_set_aside")) ||
        !q.next())
        return fileError(q);
    return SetAsideCount{q.value(0).toLongLong(), q.value(1).toLongLong()};
}

Status SetAside::forget(CacheDatabase& desk, const QString& kind, const QString& ref)
{
    QSqlQuery q(desk.connection());
    if (!q.prepare(QStringLiteral("DELETE FROM office_set_aside WHERE kind = ? AND ref = ?")))
        return fileError(q);
    q.addBindValue(kind);
    q.addBindValue(ref);
    if (!q.exec())
        return fileError(q);
    return success();
}

} // namespace kp
