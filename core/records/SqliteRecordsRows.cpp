// The SQLite records store's statements, errors and stored formats (SqliteRecordsStore_p.h).

#include "records/SqliteRecordsStore_p.h"

#include "cache/CacheDatabase.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>

namespace kp::sqlstore {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::RecordsStore)
};

} // namespace

QVariant isoOrNull(const QDateTime& t)
{
    return t.isValid() ? QVariant(isoTime(t)) : QVariant(QMetaType::fromType<QString>());
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

Error writeError(const QSqlQuery& q)
{
    qCWarning(lcCache) << "records store:" << q.lastError().text();
    return makeError(QStringLiteral("records.write"),
                     Tr::tr("The desk's records could not be written: %1").arg(q.lastError().text()));
}

Error readError(const QSqlQuery& q)
{
    qCWarning(lcCache) << "records store:" << q.lastError().text();
    return makeError(QStringLiteral("records.read"),
                     Tr::tr("The desk's records could not be read: %1").arg(q.lastError().text()));
}

bool run(QSqlQuery& q, const QString& sql, const QVariantList& values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : values)
        q.addBindValue(v);
    return q.exec();
}

Status write(CacheDatabase& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery q(db.connection());
    if (!run(q, sql, values))
        return writeError(q);
    return success();
}

Status read(CacheDatabase& db, const QString& sql, const QVariantList& values,
            const std::function<bool(const QSqlQuery&)>& row)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!run(q, sql, values))
        return readError(q);
    while (q.next())
        if (!row(q))
            return success();
    if (q.lastError().isValid())
        return readError(q);
    return success();
}

} // namespace kp::sqlstore
