// The records store: inspections, their releases and their search.

#include "records/SqliteRecordsStore.h"
#include "records/SqliteRecordsStore_p.h"

#include "records/InspectionQuery.h"

#include "cache/CacheDatabase.h"

#include <QCoreApplication>
#include <QSqlError>

namespace kp {

using namespace sqlstore;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::RecordsStore)
};

InspectionRecord inspectionFrom(const QSqlQuery& q, bool full)
{
    InspectionRecord r;
    r.id = q.value(0).toString();
    r.at = parseIsoTime(q.value(1).toString());
    r.officer = q.value(2).toString();
    r.officerId = q.value(3).toString();
    r.number = q.value(4).toString();
    r.participant = q.value(5).toString();
    r.verdict = verdictFromName(q.value(6).toString()).value_or(Verdict::Reject);
    r.finalVerdict = verdictFromName(q.value(7).toString()).value_or(Verdict::Reject);
    if (!q.value(8).isNull())
        r.physical = PhysicalCheck::fromJson(parseObject(q.value(8).toString()));
    if (full) {
        r.inspection = parseObject(q.value(9).toString());
        r.image = q.value(10).toByteArray();
    }
    return r;
}

const QString InspectionColumns =
    QStringLiteral("uuid, at, officer, officer_id, no, participant, verdict, final_verdict, physical_json");

} // namespace

Status SqliteRecordsStore::insertInspection(const InspectionRecord& r)
{
    return write(
        m_db,
        QStringLiteral("INSERT INTO inspections(uuid, at, officer, officer_id, no, participant, verdict, "
                       "final_verdict, physical_json, inspection_json, image) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {r.id, isoTime(r.at), r.officer, r.officerId, r.number, r.participant, verdictName(r.verdict),
         verdictName(r.finalVerdict),
         r.physical ? QVariant(compact(r.physical->toJson())) : QVariant(QMetaType::fromType<QString>()),
         compact(r.inspection),
         r.image.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(r.image)});
}

Status SqliteRecordsStore::insertRelease(const InspectionRecord& r, const QDateTime& at, const QString& how,
                                         const QString& by)
{
    QSqlQuery q(m_db.connection());
    if (run(q,
            QStringLiteral("INSERT INTO releases(no, at, inspection, seen_at, how, released_by) "
                           "VALUES(?, ?, ?, ?, ?, ?)"),
            {r.number, isoTime(at), r.id, isoTime(r.at), how,
             by.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(by)}))
        return success();
    // The index releases_once (schema 10) refuses a second release of a number.
    if (q.lastError().text().contains(QLatin1String("UNIQUE constraint failed: releases.no")))
        return makeError(
            QStringLiteral("records.already-released"),
            Tr::tr("Certificate %1 was already released: a certificate is released once.").arg(r.number));
    return writeError(q);
}

Result<std::optional<ReleaseRecord>> SqliteRecordsStore::releaseOf(const QString& number)
{
    std::optional<ReleaseRecord> found;
    const Status st = read(
        m_db,
        QStringLiteral("SELECT r.at, COALESCE(r.released_by, CASE r.how WHEN 'officer' THEN i.officer END), "
                       "r.inspection, r.how FROM releases r LEFT JOIN inspections i ON i.uuid = r.inspection "
                       "WHERE r.no = ? AND r.duplicate_of IS NULL ORDER BY r.at, r.id LIMIT 1"),
        {number}, [&](const QSqlQuery& q) {
            found = ReleaseRecord{parseIsoTime(q.value(0).toString()), q.value(1).toString(),
                                  q.value(2).toString(), q.value(3).toString()};
            return false;
        });
    if (!st)
        return st.error();
    return found;
}

Status SqliteRecordsStore::setPhysicalCheck(const QString& id, const PhysicalCheck& check,
                                            Verdict finalVerdict)
{
    return write(m_db,
                 QStringLiteral("UPDATE inspections SET physical_json = ?, final_verdict = ? WHERE uuid = ?"),
                 {compact(check.toJson()), verdictName(finalVerdict), id});
}

Status SqliteRecordsStore::insertCorrection(const InspectionCorrection& c)
{
    if (auto w = write(m_db,
                       QStringLiteral("INSERT INTO inspection_corrections(uuid, inspection, at, officer, "
                                      "officer_id, reason, previous_json, previous_verdict, physical_json, "
                                      "final_verdict) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {c.id, c.inspectionId, isoTime(c.at), c.officer, c.officerId, c.reason,
                        compact(c.previous.toJson()), verdictName(c.previousVerdict),
                        compact(c.check.toJson()), verdictName(c.finalVerdict)});
        !w)
        return w;
    return setPhysicalCheck(c.inspectionId, c.check, c.finalVerdict);
}

Result<std::optional<InspectionRecord>> SqliteRecordsStore::inspection(const QString& id)
{
    std::optional<InspectionRecord> found;
    Status st = read(m_db,
                     QStringLiteral("SELECT %1, inspection_json, image FROM inspections WHERE uuid = ?")
                         .arg(InspectionColumns),
                     {id}, [&](const QSqlQuery& q) {
                         found = inspectionFrom(q, true);
                         return false;
                     });
    if (!st)
        return st.error();
    if (!found)
        return found;
    st = read(m_db,
              QStringLiteral("SELECT uuid, at, officer, officer_id, reason, previous_json, previous_verdict, "
                             "physical_json, final_verdict FROM inspection_corrections WHERE inspection = ? "
                             "ORDER BY at, rowid"),
              {id}, [&](const QSqlQuery& q) {
                  InspectionCorrection c;
                  c.id = q.value(0).toString();
                  c.inspectionId = id;
                  c.at = parseIsoTime(q.value(1).toString());
                  c.officer = q.value(2).toString();
                  c.officerId = q.value(3).toString();
                  c.reason = q.value(4).toString();
                  c.previous = PhysicalCheck::fromJson(parseObject(q.value(5).toString()));
                  c.previousVerdict = verdictFromName(q.value(6).toString()).value_or(Verdict::Reject);
                  c.check = PhysicalCheck::fromJson(parseObject(q.value(7).toString()));
                  c.finalVerdict = verdictFromName(q.value(8).toString()).value_or(Verdict::Reject);
                  found->corrections.append(c);
                  return true;
              });
    if (!st)
        return st.error();
    found->corrected = int(found->corrections.size()); // as a listing counts them
    return found;
}

Result<bool> SqliteRecordsStore::heldByCase(const QString& inspectionId)
{
    bool held = false;
    const Status st =
        read(m_db, QStringLiteral("SELECT EXISTS(SELECT 1 FROM cases WHERE inspection_id = ? AND held = 1)"),
             {inspectionId}, [&](const QSqlQuery& q) {
                 held = q.value(0).toBool();
                 return false;
             });
    if (!st)
        return st.error();
    return held;
}

Result<QList<InspectionRecord>> SqliteRecordsStore::findInspections(const InspectionFilter& filter)
{
    // Normalised here too, so every caller finds what a person typed.
    const InspectionFilter f = normalizedInspectionFilter(filter);
    QStringList where{QStringLiteral("uuid IS NOT NULL")};
    QVariantList values;
    if (!f.number.isEmpty()) {
        where << QStringLiteral("no = ?");
        values << f.number;
    }
    if (f.from.isValid()) {
        where << QStringLiteral("at >= ?");
        values << isoTime(f.from);
    }
    if (f.to.isValid()) {
        where << QStringLiteral("at < ?");
        values << isoTime(f.to);
    }
    if (f.verdict) {
        where << QStringLiteral("final_verdict = ?");
        values << verdictName(*f.verdict);
    }
    if (!f.officer.isEmpty()) {
        // The same collation as inspections_by_officer (migration 5), so the index serves it.
        where << QStringLiteral("officer = ? COLLATE NOCASE");
        values << f.officer;
    }
    if (!f.participant.isEmpty()) {
        where << QStringLiteral("participant = ?");
        values << f.participant;
    }
    values << f.limit;
    QList<InspectionRecord> out;
    // Whether a case was opened: one look-up in cases_by_inspection per row found.
    const Status st =
        read(m_db,
             QStringLiteral(
                 "SELECT %1, EXISTS(SELECT 1 FROM cases c WHERE c.inspection_id = inspections.uuid), "
                 "(SELECT count(*) FROM inspection_corrections k WHERE k.inspection = inspections.uuid) "
                 "FROM inspections WHERE %2 ORDER BY at DESC, id DESC LIMIT ?")
                 .arg(InspectionColumns, where.join(QStringLiteral(" AND "))),
             values, [&](const QSqlQuery& q) {
                 InspectionRecord r = inspectionFrom(q, false);
                 r.hasCase = q.value(9).toBool();
                 r.corrected = q.value(10).toInt();
                 out.append(r);
                 return true;
             });
    if (!st)
        return st.error();
    return out;
}

} // namespace kp
