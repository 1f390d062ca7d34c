// The records store: what a desk recorded before it kept cases.

#include "records/SqliteRecordsStore.h"
#include "records/SqliteRecordsStore_p.h"

#include "cache/CacheDatabase.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace kp {

using namespace sqlstore;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::RecordsStore)
};

} // namespace

Status SqliteRecordsStore::assignInspectionIds(const std::function<QString()>& newId)
{
    QList<QPair<qint64, QString>> rows; // row, participant
    const Status st =
        read(m_db, QStringLiteral("SELECT id, inspection_json FROM inspections WHERE uuid IS NULL"), {},
             [&](const QSqlQuery& q) {
                 const QJsonObject cert =
                     parseObject(q.value(1).toString()).value(QStringLiteral("certificate")).toObject();
                 rows.append({q.value(0).toLongLong(), cert.value(QStringLiteral("iss")).toString()});
                 return true;
             });
    if (!st)
        return st;
    for (const auto& [row, participant] : rows)
        if (auto w = write(
                m_db, QStringLiteral("UPDATE inspections SET uuid = ?, participant = ? WHERE id = ?"),
                {newId(),
                 participant.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(participant),
                 row});
            !w)
            return w;
    return success();
}

Result<QList<LegacyFlag>> SqliteRecordsStore::legacyFlags()
{
    QList<LegacyFlag> flags;
    Status st =
        read(m_db,
             QStringLiteral("SELECT f.id, i.uuid, i.no, i.participant, f.at, f.officer, f.reasons, "
                            "f.notes, f.held FROM flags f JOIN inspections i ON i.id = f.inspection_id "
                            "WHERE f.status <> 'adopted' ORDER BY f.at, f.id"),
             {}, [&](const QSqlQuery& q) {
                 LegacyFlag f;
                 f.row = q.value(0).toLongLong();
                 f.inspectionId = q.value(1).toString();
                 f.number = q.value(2).toString();
                 f.participant = q.value(3).toString();
                 f.at = parseIsoTime(q.value(4).toString());
                 f.officer = q.value(5).toString();
                 for (const QJsonValue& v : QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array())
                     if (!v.toString().trimmed().isEmpty())
                         f.reasons << v.toString().trimmed();
                 if (f.reasons.isEmpty()) // a case needs a reason; the old desk did not insist
                     f.reasons << Tr::tr("flagged before this desk kept cases");
                 f.notes = q.value(7).toString();
                 f.held = q.value(8).toBool();
                 flags.append(f);
                 return true;
             });
    if (!st)
        return st.error();
    for (LegacyFlag& f : flags) {
        st = read(m_db, QStringLiteral("SELECT name, data FROM attachments WHERE flag_id = ? ORDER BY id"),
                  {f.row}, [&](const QSqlQuery& q) {
                      EventAttachment a;
                      a.name = q.value(0).toString();
                      a.data = q.value(1).toByteArray();
                      f.attachments.append(a);
                      return true;
                  });
        if (!st)
            return st.error();
    }
    return flags;
}

Status SqliteRecordsStore::markAdopted(qint64 row)
{
    return write(m_db, QStringLiteral("UPDATE flags SET status = 'adopted' WHERE id = ?"), {row});
}

} // namespace kp
