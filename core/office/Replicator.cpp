#include "office/Replicator.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeSchema_p.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <optional>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Replicator)
};

const QString PulledCasesKey = QStringLiteral("office_pulled_cases");
const QString PulledEventsKey = QStringLiteral("office_pulled_events");

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

Result<qint64> deskNumber(CacheDatabase& desk, const QString& sql, const QVariantList& values = {})
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

// A case's events as replay needs them: no attachments (one query, not one per event).
Result<QList<CaseEvent>> eventsForReplay(CacheDatabase& desk, const QString& caseId)
{
    QSqlQuery q(desk.connection());
    q.setForwardOnly(true);
    if (!run(q,
             QStringLiteral("SELECT id, seq, at, actor, actor_id, kind, data, origin FROM case_events "
                            "WHERE case_id = ? ORDER BY seq"),
             {caseId}))
        return deskError(q);
    QList<CaseEvent> out;
    while (q.next()) {
        CaseEvent e;
        e.id = q.value(0).toString();
        e.caseId = caseId;
        e.seq = q.value(1).toInt();
        e.at = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
        e.at.setTimeSpec(Qt::UTC);
        e.actor = q.value(3).toString();
        e.actorId = q.value(4).toString();
        e.kind = caseEventKindFromName(q.value(5).toString()).value_or(CaseEventKind::Note);
        e.data = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
        e.origin = q.value(7).toString();
        out.append(e);
    }
    if (q.lastError().isValid())
        return deskError(q);
    return out;
}

} // namespace

Replicator::Replicator(CacheDatabase& desk, OfficeDatabase& office) : m_desk(desk), m_office(office) {}

Result<qint64> Replicator::waiting(CacheDatabase& desk)
{
    return deskNumber(desk, QStringLiteral("SELECT count(*) FROM office_queue"));
}

Status Replicator::requeueAll(CacheDatabase& desk)
{
    SqliteRecordsStore store(desk);
    if (auto b = store.begin(); !b)
        return b;
    // The same statements as the desk's schema 8 used for what it held then.
    for (const QString& sql :
         {QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'inspection', uuid FROM inspections "
                         "WHERE uuid IS NOT NULL ORDER BY id"),
          QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'case', id FROM cases "
                         "WHERE desk_name IS NULL ORDER BY rowid"),
          QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'event', id FROM case_events "
                         "WHERE origin IS NULL ORDER BY rowid"),
          QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'audit', n FROM audit ORDER BY n")}) {
        QSqlQuery q(desk.connection());
        if (!q.exec(sql)) {
            const Error e = deskError(q);
            store.rollback();
            return e;
        }
    }
    return store.commit();
}

Status Replicator::ensureDesk()
{
    if (!m_deskId.isEmpty())
        return success();
    SqliteRecordsStore store(m_desk);
    SystemClock clock;
    DeskRecords door(store, clock);
    auto s = door.settings(); // makes the desk's id on first use
    if (!s)
        return s.error();
    m_deskId = s->deskId;
    m_deskName = s->deskName;
    return success();
}

// --- Push ------------------------------------------------------------------------------

Result<qint64> Replicator::push(int batch)
{
    if (auto d = ensureDesk(); !d)
        return d.error();
    qint64 total = 0;
    for (;;) {
        auto n = pushBatch(batch);
        if (!n)
            return n.error();
        if (*n == 0)
            return total;
        total += *n;
    }
}

Result<qint64> Replicator::pushBatch(int batch)
{
    struct Item
    {
        qint64 n;
        QString kind;
        QString ref;
    };
    QList<Item> items;
    {
        QSqlQuery q(m_desk.connection());
        q.setForwardOnly(true);
        if (!run(q, QStringLiteral("SELECT n, kind, ref FROM office_queue ORDER BY n LIMIT ?"), {batch}))
            return deskError(q);
        while (q.next())
            items.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
        if (q.lastError().isValid())
            return deskError(q);
    }
    if (items.isEmpty())
        return 0;

    QSqlDatabase pg = m_office.connection();
    if (!pg.transaction())
        return m_office.error(QStringLiteral("office.unreachable"), pg.lastError().text());
    const auto fail = [&](const Error& e) {
        pg.rollback();
        return e;
    };
    QSqlQuery q(pg);
    // Pushes commit one at a time, so `oseq` grows in commit order (pull relies on it).
    if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(officeschema::PushLock)))
        return fail(m_office.error(QStringLiteral("office.unreachable"), q));
    if (!run(q,
             QStringLiteral("INSERT INTO desks(id, name, last_push) VALUES(?, ?, now()) "
                            "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, last_push = now()"),
             {m_deskId, m_deskName}))
        return fail(m_office.error(QStringLiteral("office.push"), q));

    QSqlQuery inspection(pg), kase(pg), event(pg), attachment(pg), audit(pg);
    // A physical check recorded later queues the inspection again: its columns follow.
    if (!inspection.prepare(QStringLiteral(
            "INSERT INTO inspections(id, desk_id, at, officer, officer_id, number, participant, verdict, "
            "final_verdict, physical_json, inspection_json, image) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?) "
            "ON CONFLICT (id) DO UPDATE SET physical_json = EXCLUDED.physical_json, "
            "final_verdict = EXCLUDED.final_verdict WHERE inspections.desk_id = EXCLUDED.desk_id")) ||
        !kase.prepare(QStringLiteral("INSERT INTO cases(id, desk_id, inspection_id, opened_at, number, "
                                     "participant) VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) ||
        !event.prepare(QStringLiteral(
            "INSERT INTO case_events(id, case_id, desk_id, seq, at, actor, actor_id, kind, data) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) ||
        !attachment.prepare(
            QStringLiteral("INSERT INTO event_attachments(id, event_id, name, sha256, size, data) "
                           "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) ||
        !audit.prepare(QStringLiteral("INSERT INTO audit(desk_id, n, entry, hash) VALUES(?, ?, ?, ?) "
                                      "ON CONFLICT (desk_id, n) DO NOTHING")))
        return fail(m_office.error(QStringLiteral("office.push"), pg.lastError().text()));

    const auto exec = [](QSqlQuery& s, const QVariantList& values) {
        for (int i = 0; i < values.size(); ++i)
            s.bindValue(i, values.at(i));
        return s.exec();
    };
    for (const Item& item : items) {
        if (item.kind == QLatin1String("inspection")) {
            auto row =
                deskRow(m_desk,
                        QStringLiteral("SELECT uuid, at, officer, officer_id, no, participant, verdict, "
                                       "final_verdict, physical_json, inspection_json, image "
                                       "FROM inspections WHERE uuid = ?"),
                        {item.ref});
            if (!row)
                return fail(row.error());
            if (!*row)
                continue;
            const QSqlRecord& r = **row;
            if (!exec(inspection,
                      {r.value(0).toString(), m_deskId, r.value(1).toString(), r.value(2).toString(),
                       textOf(r, 3), textOf(r, 4), textOf(r, 5), r.value(6).toString(), r.value(7).toString(),
                       textOf(r, 8), r.value(9).toString(), bytesOf(r, 10)}))
                return fail(m_office.error(QStringLiteral("office.push"), inspection));
        } else if (item.kind == QLatin1String("case")) {
            auto row = deskRow(
                m_desk,
                QStringLiteral(
                    "SELECT id, inspection_id, opened_at, number, participant FROM cases WHERE id = ?"),
                {item.ref});
            if (!row)
                return fail(row.error());
            if (!*row)
                continue;
            const QSqlRecord& r = **row;
            if (!exec(kase, {r.value(0).toString(), m_deskId, r.value(1).toString(), r.value(2).toString(),
                             textOf(r, 3), textOf(r, 4)}))
                return fail(m_office.error(QStringLiteral("office.push"), kase));
        } else if (item.kind == QLatin1String("event")) {
            auto row = deskRow(m_desk,
                               QStringLiteral("SELECT id, case_id, seq, at, actor, actor_id, kind, data "
                                              "FROM case_events WHERE id = ?"),
                               {item.ref});
            if (!row)
                return fail(row.error());
            if (!*row)
                continue;
            const QSqlRecord& r = **row;
            if (!exec(event, {r.value(0).toString(), r.value(1).toString(), m_deskId, r.value(2).toInt(),
                              r.value(3).toString(), r.value(4).toString(), textOf(r, 5),
                              r.value(6).toString(), r.value(7).toString()}))
                return fail(m_office.error(QStringLiteral("office.push"), event));
            QSqlQuery files(m_desk.connection());
            files.setForwardOnly(true);
            if (!run(files,
                     QStringLiteral("SELECT id, name, sha256, size, data FROM event_attachments "
                                    "WHERE event_id = ? ORDER BY rowid"),
                     {item.ref}))
                return fail(deskError(files));
            while (files.next())
                if (!exec(attachment, {files.value(0).toString(), item.ref, files.value(1).toString(),
                                       files.value(2).toString(), files.value(3).toLongLong(),
                                       files.value(4).toByteArray()}))
                    return fail(m_office.error(QStringLiteral("office.push"), attachment));
            if (files.lastError().isValid())
                return fail(deskError(files));
        } else if (item.kind == QLatin1String("audit")) {
            auto row = deskRow(m_desk, QStringLiteral("SELECT n, entry, hash FROM audit WHERE n = ?"),
                               {item.ref.toLongLong()});
            if (!row)
                return fail(row.error());
            if (!*row)
                continue;
            const QSqlRecord& r = **row;
            if (!exec(audit, {m_deskId, r.value(0).toLongLong(), r.value(1).toByteArray(),
                              r.value(2).toByteArray()}))
                return fail(m_office.error(QStringLiteral("office.push"), audit));
        }
    }
    if (!pg.commit())
        return fail(m_office.error(QStringLiteral("office.unreachable"), pg.lastError().text()));
    if (m_afterOfficeCommit)
        m_afterOfficeCommit();
    // The office holds the batch: off the queue. Cut here, the next push sends it
    // again and the office ignores what it holds.
    QSqlQuery done(m_desk.connection());
    if (!run(done, QStringLiteral("DELETE FROM office_queue WHERE n <= ?"), {items.last().n}))
        return deskError(done);
    return qint64(items.size());
}

// --- Pull ------------------------------------------------------------------------------

Result<ReplicationCount> Replicator::pull(int page)
{
    if (auto d = ensureDesk(); !d)
        return d.error();
    ReplicationCount total;
    for (;;) {
        auto n = pullPage(page);
        if (!n)
            return n.error();
        if (n->read == 0) // a page of rows all held already still moved the marks: go on
            return total;
        total.cases += n->cases;
        total.events += n->events;
    }
}

Result<ReplicationCount> Replicator::pullPage(int page)
{
    auto casesMark =
        deskNumber(m_desk, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {PulledCasesKey});
    auto eventsMark =
        deskNumber(m_desk, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {PulledEventsKey});
    if (!casesMark)
        return casesMark.error();
    if (!eventsMark)
        return eventsMark.error();

    struct PulledCase
    {
        CaseRecord record;
        QString number, participant;
    };
    QList<PulledCase> cases;
    QList<CaseEvent> events;
    qint64 lastCase = *casesMark, lastEvent = *eventsMark;
    {
        QSqlDatabase pg = m_office.connection();
        QSqlQuery q(pg);
        // One snapshot: the events read belong to cases read now or before.
        if (!q.exec(QStringLiteral("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")))
            return m_office.error(QStringLiteral("office.unreachable"), q);
        const auto fail = [&](const Error& e) {
            QSqlQuery(pg).exec(QStringLiteral("ROLLBACK"));
            return e;
        };
        q.setForwardOnly(true);
        if (!run(q,
                 QStringLiteral(
                     "SELECT c.oseq, c.id, c.desk_id, coalesce(d.name, c.desk_id), c.inspection_id, "
                     "c.opened_at, c.number, c.participant FROM cases c LEFT JOIN desks d ON "
                     "d.id = c.desk_id WHERE c.oseq > ? AND c.desk_id <> ? ORDER BY c.oseq LIMIT ?"),
                 {*casesMark, m_deskId, page}))
            return fail(m_office.error(QStringLiteral("office.pull"), q));
        while (q.next()) {
            lastCase = q.value(0).toLongLong();
            CaseRecord r{q.value(1).toString(), q.value(4).toString(),
                         QDateTime::fromString(q.value(5).toString(), Qt::ISODateWithMs),
                         q.value(2).toString(), q.value(3).toString()};
            r.openedAt.setTimeSpec(Qt::UTC);
            cases.append({r, q.value(6).toString(), q.value(7).toString()});
        }
        // Events only once every case up to this snapshot is in.
        if (cases.size() < page) {
            QSqlQuery e(pg);
            e.setForwardOnly(true);
            if (!run(e,
                     QStringLiteral("SELECT oseq, id, case_id, desk_id, seq, at, actor, actor_id, kind, data "
                                    "FROM case_events WHERE oseq > ? AND desk_id <> ? ORDER BY oseq LIMIT ?"),
                     {*eventsMark, m_deskId, page}))
                return fail(m_office.error(QStringLiteral("office.pull"), e));
            while (e.next()) {
                lastEvent = e.value(0).toLongLong();
                CaseEvent ev;
                ev.id = e.value(1).toString();
                ev.caseId = e.value(2).toString();
                ev.origin = e.value(3).toString();
                ev.seq = e.value(4).toInt();
                ev.at = QDateTime::fromString(e.value(5).toString(), Qt::ISODateWithMs);
                ev.at.setTimeSpec(Qt::UTC);
                ev.actor = e.value(6).toString();
                ev.actorId = e.value(7).toString();
                // An unknown kind (a newer desk) is kept as a note, as the desk's store reads it.
                ev.kind = caseEventKindFromName(e.value(8).toString()).value_or(CaseEventKind::Note);
                ev.data = QJsonDocument::fromJson(e.value(9).toString().toUtf8()).object();
                events.append(ev);
            }
            QSqlQuery a(pg);
            a.setForwardOnly(true);
            if (!a.prepare(QStringLiteral("SELECT id, name, sha256, size, data FROM event_attachments "
                                          "WHERE event_id = ? ORDER BY id")))
                return fail(m_office.error(QStringLiteral("office.pull"), a));
            for (CaseEvent& ev : events) {
                a.bindValue(0, ev.id);
                if (!a.exec())
                    return fail(m_office.error(QStringLiteral("office.pull"), a));
                while (a.next())
                    ev.attachments.append({a.value(0).toString(), a.value(1).toString(),
                                           QByteArray::fromHex(a.value(2).toString().toLatin1()),
                                           a.value(3).toLongLong(), a.value(4).toByteArray()});
            }
        }
        if (!q.exec(QStringLiteral("COMMIT")))
            return m_office.error(QStringLiteral("office.unreachable"), q);
    }
    if (cases.isEmpty() && events.isEmpty())
        return ReplicationCount{};

    // Into the desk's file, in one transaction with the numbers reached.
    SqliteRecordsStore store(m_desk);
    if (auto b = store.begin(); !b)
        return b.error();
    const auto fail = [&](const Error& e) {
        store.rollback();
        return e;
    };
    ReplicationCount count;
    QMap<QString, std::pair<QString, QString>> touched; // case -> number, participant (null: keep)
    for (const PulledCase& c : cases) {
        auto existing = store.caseRecord(c.record.id);
        if (!existing)
            return fail(existing.error());
        if (existing->has_value())
            continue;
        if (auto i = store.insertCase(c.record); !i)
            return fail(i.error());
        // The queue's columns that travel with the case (its events may come with a later page).
        QSqlQuery columns(m_desk.connection());
        if (!run(columns, QStringLiteral("UPDATE cases SET number = ?, participant = ? WHERE id = ?"),
                 {c.number, c.participant, c.record.id}))
            return fail(deskError(columns));
        touched.insert(c.record.id, {c.number, c.participant});
        ++count.cases;
    }
    for (CaseEvent ev : events) {
        auto known =
            deskNumber(m_desk, QStringLiteral("SELECT count(*) FROM case_events WHERE id = ?"), {ev.id});
        if (!known)
            return fail(known.error());
        if (*known > 0)
            continue;
        auto kase = store.caseRecord(ev.caseId);
        if (!kase)
            return fail(kase.error());
        if (!kase->has_value()) // cannot happen with one snapshot; never drop it silently
            return fail(makeError(
                QStringLiteral("office.pull"),
                Tr::tr("The office holds an event of a case it does not hold (%1).").arg(ev.caseId)));
        // Its place at this desk: after what this desk holds (the office keeps the seq it was made with).
        auto last = deskNumber(
            m_desk, QStringLiteral("SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = ?"),
            {ev.caseId});
        if (!last)
            return fail(last.error());
        ev.seq = int(*last) + 1;
        if (auto a = store.appendEvent(ev); !a)
            return fail(a.error());
        if (!touched.contains(ev.caseId))
            touched.insert(ev.caseId, {QString(), QString()});
        ++count.events;
    }
    for (auto it = touched.constBegin(); it != touched.constEnd(); ++it) {
        auto record = store.caseRecord(it.key());
        auto list = eventsForReplay(m_desk, it.key());
        if (!record || !list || !record->has_value())
            return fail(record ? (list ? makeError(QStringLiteral("office.pull"), it.key()) : list.error())
                               : record.error());
        if (list->isEmpty()) // its events come with a later page: indexed then
            continue;
        auto facts = CaseLife::replay(*list);
        if (!facts) { // kept as it was pulled; its index stays as it was
            qCWarning(lcSync) << "office: case" << it.key() << "cannot be replayed:" << facts.error().message;
            continue;
        }
        CaseSummary summary{**record, *facts, it.value().first, it.value().second, int(list->size())};
        if (auto x = store.indexCase(summary); !x)
            return fail(x.error());
    }
    for (const auto& [key, value] :
         {std::pair{PulledCasesKey, lastCase}, std::pair{PulledEventsKey, lastEvent}}) {
        QSqlQuery w(m_desk.connection());
        if (!run(w, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"),
                 {key, QString::number(value)}))
            return fail(deskError(w));
    }
    if (auto c = store.commit(); !c)
        return c.error();
    count.read = cases.size() + events.size();
    return count;
}

Result<ReplicationCount> Replicator::sync()
{
    auto pushed = push();
    if (!pushed)
        return pushed.error();
    auto pulled = pull();
    if (!pulled)
        return pulled.error();
    pulled->pushed = *pushed;
    return *pulled;
}

Status Replicator::checkOfficeHoldsDesk()
{
    if (auto d = ensureDesk(); !d)
        return d;
    auto queued = waiting(m_desk);
    if (!queued)
        return queued.error();
    if (*queued > 0)
        return makeError(
            QStringLiteral("office.incomplete"),
            Tr::tr("%n record(s) of this desk are not at the office yet.", nullptr, int(*queued)));
    struct Count
    {
        QString what;
        QString desk;
        QString office;
    };
    const QList<Count> counts{
        {Tr::tr("cases"), QStringLiteral("SELECT count(*) FROM cases WHERE desk_name IS NULL"),
         QStringLiteral("SELECT count(*) FROM cases WHERE desk_id = ?")},
        {Tr::tr("case events"), QStringLiteral("SELECT count(*) FROM case_events WHERE origin IS NULL"),
         QStringLiteral("SELECT count(*) FROM case_events WHERE desk_id = ?")},
        {Tr::tr("inspections"), QStringLiteral("SELECT count(*) FROM inspections WHERE uuid IS NOT NULL"),
         QStringLiteral("SELECT count(*) FROM inspections WHERE desk_id = ?")},
        {Tr::tr("audit entries"), QStringLiteral("SELECT count(*) FROM audit"),
         QStringLiteral("SELECT count(*) FROM audit WHERE desk_id = ?")},
    };
    for (const Count& c : counts) {
        auto here = deskNumber(m_desk, c.desk);
        if (!here)
            return here.error();
        QSqlQuery q(m_office.connection());
        if (!run(q, c.office, {m_deskId}) || !q.next())
            return m_office.error(QStringLiteral("office.unreachable"), q);
        const qint64 there = q.value(0).toLongLong();
        if (there < *here)
            return makeError(
                QStringLiteral("office.incomplete"),
                Tr::tr("The office holds %1 of this desk's %2 %3.").arg(there).arg(*here).arg(c.what));
    }
    return success();
}

} // namespace kp
