// The records store: cases, their events and the queue's index of them.

#include "records/SqliteRecordsStore.h"
#include "records/SqliteRecordsStore_p.h"

#include "cache/CacheDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kp {

using namespace sqlstore;

namespace {

CaseSummary summaryFrom(const QSqlQuery& q)
{
    CaseSummary s;
    s.record.id = q.value(0).toString();
    s.record.inspectionId = q.value(1).toString();
    s.record.openedAt = parseIsoTime(q.value(2).toString());
    s.record.desk = q.value(3).toString();
    s.facts.state = caseStateFromName(q.value(4).toString()).value_or(CaseState::Open);
    s.facts.held = q.value(5).toBool();
    s.facts.flaggedBy = q.value(6).toString();
    s.number = q.value(7).toString();
    s.participant = q.value(8).toString();
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(9).toString().toUtf8()).array())
        s.facts.reasons << v.toString();
    s.facts.updatedAt = parseIsoTime(q.value(10).toString());
    s.facts.openedAt = s.record.openedAt;
    s.events = q.value(11).toInt();
    s.record.deskName = q.value(12).toString();
    return s;
}

} // namespace

Status SqliteRecordsStore::insertCase(const CaseRecord& r)
{
    return write(
        m_db,
        QStringLiteral("INSERT INTO cases(id, inspection_id, opened_at, desk, desk_name, state, held, "
                       "flagged_by, updated_at, events) VALUES(?, ?, ?, ?, ?, 'open', 0, '', ?, 0)"),
        {r.id, r.inspectionId, isoTime(r.openedAt), r.desk,
         r.deskName.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(r.deskName),
         isoTime(r.openedAt)});
}

Status SqliteRecordsStore::appendEvent(const CaseEvent& e)
{
    if (auto st =
            write(m_db,
                  QStringLiteral("INSERT INTO case_events(id, case_id, seq, at, actor, actor_id, kind, data, "
                                 "origin) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {e.id, e.caseId, e.seq, isoTime(e.at), e.actor, e.actorId, caseEventKindName(e.kind),
                   compact(e.data),
                   e.origin.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.origin)});
        !st)
        return st;
    for (const EventAttachment& a : e.attachments)
        if (auto st =
                write(m_db,
                      QStringLiteral("INSERT INTO event_attachments(id, event_id, name, sha256, size, data) "
                                     "VALUES(?, ?, ?, ?, ?, ?)"),
                      {a.id, e.id, a.name, QString::fromLatin1(a.sha256.toHex()), a.size, a.data});
            !st)
            return st;
    return success();
}

Status SqliteRecordsStore::indexCase(const CaseSummary& s)
{
    return write(
        m_db,
        QStringLiteral("UPDATE cases SET state = ?, held = ?, flagged_by = ?, number = coalesce(?, number), "
                       "participant = coalesce(?, participant), reasons = ?, updated_at = ?, events = ? "
                       "WHERE id = ?"),
        {caseStateName(s.facts.state), s.facts.held ? 1 : 0, s.facts.flaggedBy,
         s.number.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s.number),
         s.participant.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s.participant),
         QString::fromUtf8(
             QJsonDocument(QJsonArray::fromStringList(s.facts.reasons)).toJson(QJsonDocument::Compact)),
         isoTime(s.facts.updatedAt), s.events, s.record.id});
}

Result<std::optional<CaseRecord>> SqliteRecordsStore::caseRecord(const QString& id)
{
    std::optional<CaseRecord> found;
    const Status st = read(
        m_db, QStringLiteral("SELECT id, inspection_id, opened_at, desk, desk_name FROM cases WHERE id = ?"),
        {id}, [&](const QSqlQuery& q) {
            found =
                CaseRecord{q.value(0).toString(), q.value(1).toString(), parseIsoTime(q.value(2).toString()),
                           q.value(3).toString(), q.value(4).toString()};
            return false;
        });
    if (!st)
        return st.error();
    return found;
}

Result<QList<CaseEvent>> SqliteRecordsStore::events(const QString& caseId, bool withData)
{
    QList<CaseEvent> out;
    Status st =
        read(m_db,
             QStringLiteral("SELECT id, seq, at, actor, actor_id, kind, data, origin FROM case_events "
                            "WHERE case_id = ? ORDER BY seq"),
             {caseId}, [&](const QSqlQuery& q) {
                 CaseEvent e;
                 e.id = q.value(0).toString();
                 e.caseId = caseId;
                 e.seq = q.value(1).toInt();
                 e.at = parseIsoTime(q.value(2).toString());
                 e.actor = q.value(3).toString();
                 e.actorId = q.value(4).toString();
                 // An unknown kind cannot be replayed: kept as a note, and replay
                 // of the case's state stays with the known ones.
                 e.kind = caseEventKindFromName(q.value(5).toString()).value_or(CaseEventKind::Note);
                 e.data = parseObject(q.value(6).toString());
                 e.origin = q.value(7).toString();
                 out.append(e);
                 return true;
             });
    if (!st)
        return st.error();
    for (CaseEvent& e : out) {
        st =
            read(m_db,
                 QStringLiteral("SELECT id, name, sha256, size, %1 FROM event_attachments WHERE event_id = ? "
                                "ORDER BY rowid")
                     .arg(withData ? QStringLiteral("data") : QStringLiteral("NULL")),
                 {e.id}, [&](const QSqlQuery& q) {
                     e.attachments.append({q.value(0).toString(), q.value(1).toString(),
                                           QByteArray::fromHex(q.value(2).toString().toLatin1()),
                                           q.value(3).toLongLong(), q.value(4).toByteArray()});
                     return true;
                 });
        if (!st)
            return st.error();
    }
    return out;
}

Result<QList<CaseSummary>> SqliteRecordsStore::cases(const CaseFilter& f)
{
    QStringList where;
    QVariantList values;
    if (f.state) {
        where << QStringLiteral("state = ?");
        values << caseStateName(*f.state);
    }
    if (!f.participant.isEmpty()) {
        where << QStringLiteral("participant = ?");
        values << f.participant;
    }
    if (!f.reason.isEmpty()) {
        where << QStringLiteral("instr(lower(reasons), lower(?)) > 0");
        values << f.reason;
    }
    if (!f.officer.isEmpty()) {
        where << QStringLiteral("flagged_by = ? COLLATE NOCASE");
        values << f.officer;
    }
    if (f.from.isValid()) {
        where << QStringLiteral("opened_at >= ?");
        values << isoTime(f.from);
    }
    if (f.to.isValid()) {
        where << QStringLiteral("opened_at < ?");
        values << isoTime(f.to);
    }
    values << f.limit << f.offset;
    QList<CaseSummary> out;
    const Status st =
        read(m_db,
             QStringLiteral("SELECT id, inspection_id, opened_at, desk, state, held, flagged_by, number, "
                            "participant, reasons, updated_at, events, desk_name FROM cases %1 "
                            "ORDER BY held DESC, opened_at, id LIMIT ? OFFSET ?")
                 .arg(where.isEmpty() ? QString()
                                      : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "))),
             values, [&](const QSqlQuery& q) {
                 out.append(summaryFrom(q));
                 return true;
             });
    if (!st)
        return st.error();
    return out;
}

Result<QMap<CaseState, int>> SqliteRecordsStore::caseCounts()
{
    QMap<CaseState, int> counts;
    for (CaseState s : allCaseStates())
        counts.insert(s, 0);
    const Status st = read(m_db, QStringLiteral("SELECT state, count(*) FROM cases GROUP BY state"), {},
                           [&](const QSqlQuery& q) {
                               if (auto s = caseStateFromName(q.value(0).toString()))
                                   counts[*s] = q.value(1).toInt();
                               return true;
                           });
    if (!st)
        return st.error();
    return counts;
}

Result<qint64> SqliteRecordsStore::caseChangeMark()
{
    // Events are only appended, so the newest rowid moves with every event
    // (the end of the table's b-tree: no scan), whoever committed it.
    qint64 mark = 0;
    const Status st = read(m_db, QStringLiteral("SELECT COALESCE(max(rowid), 0) FROM case_events"), {},
                           [&](const QSqlQuery& q) {
                               mark = q.value(0).toLongLong();
                               return false;
                           });
    if (!st)
        return st.error();
    return mark;
}

} // namespace kp
