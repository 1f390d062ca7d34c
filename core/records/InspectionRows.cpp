#include "records/InspectionRows.h"

#include "cache/CacheDatabase.h"
#include "util/IsoTime.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <functional>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::InspectionRows)
};

// An SQL error is an error, logged (the statement has no values in it),
// never an empty answer.
Status run(QSqlQuery& q, const std::function<void(const QSqlQuery&)>& row)
{
    if (q.exec())
        while (q.next())
            row(q);
    if (!q.lastError().isValid()) // a page that fails mid-read is no fewer rows
        return success();
    qCWarning(lcCache) << "SQL error" << q.lastError().text() << "in" << q.lastQuery();
    return makeError(QStringLiteral("records.read"), Tr::tr("The desk's inspections cannot be read."));
}

} // namespace

Result<std::optional<qint64>> InspectionRows::rowOf(const QString& id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id FROM inspections WHERE uuid = ?"));
    q.addBindValue(id);
    std::optional<qint64> found;
    if (auto s = run(q, [&](const QSqlQuery& r) { found = r.value(0).toLongLong(); }); !s)
        return s.error();
    return found;
}

Result<std::optional<QString>> InspectionRows::idOf(qint64 row)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT uuid FROM inspections WHERE id = ? AND uuid IS NOT NULL"));
    q.addBindValue(row);
    std::optional<QString> found;
    if (auto s = run(q, [&](const QSqlQuery& r) { found = r.value(0).toString(); }); !s)
        return s.error();
    return found;
}

Result<QList<InspectionRow>> InspectionRows::between(const QDateTime& from, const QDateTime& to)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT i.id, i.uuid, i.at, i.officer, i.no, i.verdict, i.final_verdict, "
                             "EXISTS(SELECT 1 FROM cases c WHERE c.inspection_id = i.uuid), "
                             "(SELECT count(*) FROM inspection_corrections k WHERE k.inspection = i.uuid) "
                             "FROM inspections i WHERE i.uuid IS NOT NULL AND i.at >= ? AND i.at < ? ORDER "
                             "BY i.at DESC, i.id DESC"));
    q.addBindValue(isoTime(from));
    q.addBindValue(isoTime(to));
    QList<InspectionRow> out;
    const Status s = run(q, [&](const QSqlQuery& r) {
        InspectionRow i;
        i.row = r.value(0).toLongLong();
        i.id = r.value(1).toString();
        i.at = parseIsoTime(r.value(2).toString());
        i.officer = r.value(3).toString();
        i.number = r.value(4).toString();
        i.verdict = verdictFromName(r.value(5).toString()).value_or(Verdict::Reject);
        i.finalVerdict = verdictFromName(r.value(6).toString()).value_or(Verdict::Reject);
        i.hasCase = r.value(7).toBool();
        i.corrections = r.value(8).toInt();
        out.append(i);
    });
    if (!s)
        return s.error();
    return out;
}

Result<QStringList> InspectionRows::casesOf(const QString& inspectionId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id FROM cases WHERE inspection_id = ? ORDER BY opened_at"));
    q.addBindValue(inspectionId);
    QStringList ids;
    if (auto s = run(q, [&](const QSqlQuery& r) { ids << r.value(0).toString(); }); !s)
        return s.error();
    return ids;
}

} // namespace kp
