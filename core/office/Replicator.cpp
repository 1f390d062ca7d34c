#include "office/Replicator.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeSchema_p.h"
#include "office/PulledEventCheck.h"
#include "office/SetAside.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
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

QString iso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QString& s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
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

// A place of this desk's trail the office holds with another entry.
struct AuditConflict
{
    qint64 n = 0;
    QByteArray desk, office; // the two hashes
};

// What a pulled page writes to the desk's file, each statement prepared once
// per page (a page is up to 1 000 events: preparing one statement per row
// cost more than the rows). The SQL is that of SqliteRecordsStore's
// appendEvent and indexCase, which prepare theirs at every call.
class PageWriter
{
public:
    explicit PageWriter(CacheDatabase& desk)
        : m_eventKnown(desk.connection()), m_flagger(desk.connection()), m_caseSeq(desk.connection()),
          m_insertEvent(desk.connection()), m_insertAttachment(desk.connection()),
          m_indexRow(desk.connection()), m_since(desk.connection()), m_writeIndex(desk.connection())
    {}

    Status prepare()
    {
        for (auto [q, sql] : std::initializer_list<std::pair<QSqlQuery*, QString>>{
                 {&m_eventKnown, QStringLiteral("SELECT 1 FROM case_events WHERE id = ?")},
                 {&m_flagger,
                  QStringLiteral("SELECT (SELECT count(*) FROM cases WHERE id = ?), (SELECT actor FROM "
                                 "case_events WHERE case_id = ? AND kind = 'flagged' ORDER BY seq LIMIT 1)")},
                 {&m_caseSeq,
                  QStringLiteral("SELECT (SELECT count(*) FROM cases WHERE id = ?), "
                                 "(SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = ?)")},
                 {&m_insertEvent,
                  QStringLiteral("INSERT INTO case_events(id, case_id, seq, at, actor, actor_id, kind, data, "
                                 "origin) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")},
                 {&m_insertAttachment,
                  QStringLiteral("INSERT INTO event_attachments(id, event_id, name, sha256, size, data) "
                                 "VALUES(?, ?, ?, ?, ?, ?)")},
                 {&m_indexRow, QStringLiteral("SELECT state, held, flagged_by, reasons, updated_at, events "
                                              "FROM cases WHERE id = ?")},
                 {&m_since, QStringLiteral("SELECT id, seq, at, actor, actor_id, kind, data, origin "
                                           "FROM case_events WHERE case_id = ? AND seq > ? ORDER BY seq")},
                 {&m_writeIndex,
                  QStringLiteral("UPDATE cases SET state = ?, held = ?, flagged_by = ?, number = coalesce(?, "
                                 "number), participant = coalesce(?, participant), reasons = ?, "
                                 "updated_at = ?, events = ? WHERE id = ?")}}) {
            q->setForwardOnly(true);
            if (!q->prepare(sql))
                return deskError(*q);
        }
        return success();
    }

    Result<bool> eventKnown(const QString& id)
    {
        m_eventKnown.bindValue(0, id);
        if (!m_eventKnown.exec())
            return deskError(m_eventKnown);
        const bool known = m_eventKnown.next();
        if (m_eventKnown.lastError().isValid())
            return deskError(m_eventKnown);
        m_eventKnown.finish();
        return known;
    }

    // Who flagged a case as this desk holds it ("" when its flag is not here
    // yet); nullopt when the desk does not hold the case.
    Result<std::optional<QString>> flaggedBy(const QString& caseId)
    {
        m_flagger.bindValue(0, caseId);
        m_flagger.bindValue(1, caseId);
        if (!m_flagger.exec() || !m_flagger.next())
            return deskError(m_flagger);
        const bool held = m_flagger.value(0).toInt() > 0;
        const QString who = m_flagger.value(1).toString();
        m_flagger.finish();
        return held ? std::optional<QString>(who) : std::nullopt;
    }

    // A pulled event goes after what this desk holds of its case (a local
    // seq; the office keeps the seq it was made with). The caller has set
    // aside an event of a case the desk does not hold (flaggedBy); an error here.
    Status append(CaseEvent ev)
    {
        auto last = m_lastSeq.constFind(ev.caseId);
        if (last == m_lastSeq.constEnd()) {
            m_caseSeq.bindValue(0, ev.caseId);
            m_caseSeq.bindValue(1, ev.caseId);
            if (!m_caseSeq.exec() || !m_caseSeq.next())
                return deskError(m_caseSeq);
            const bool held = m_caseSeq.value(0).toInt() > 0;
            const int seq = m_caseSeq.value(1).toInt();
            m_caseSeq.finish();
            if (!held)
                return makeError(
                    QStringLiteral("office.pull"),
                    Tr::tr("The office holds an event of a case it does not hold (%1).").arg(ev.caseId));
            last = m_lastSeq.insert(ev.caseId, seq);
            m_firstSeq.insert(ev.caseId, seq + 1);
        }
        ev.seq = *last + 1;
        const QVariantList values{ev.id,
                                  ev.caseId,
                                  ev.seq,
                                  iso(ev.at),
                                  ev.actor,
                                  ev.actorId,
                                  caseEventKindName(ev.kind),
                                  QString::fromUtf8(QJsonDocument(ev.data).toJson(QJsonDocument::Compact)),
                                  ev.origin.isEmpty() ? nullText() : QVariant(ev.origin)};
        if (!exec(m_insertEvent, values))
            return deskError(m_insertEvent);
        for (const EventAttachment& a : ev.attachments)
            if (!exec(m_insertAttachment,
                      {a.id, ev.id, a.name, QString::fromLatin1(a.sha256.toHex()), a.size, a.data}))
                return deskError(m_insertAttachment);
        m_lastSeq[ev.caseId] = ev.seq;
        return success();
    }

    // The queue's index of a case brought up to its events. Events are only
    // appended, in seq order, so the index (which says how many events it
    // covers) is resumed with the events after those: linear in what is new,
    // not in the case's length. A full replay when the index does not line
    // up with the seqs that follow it. A null number or participant keeps the stored one.
    Status reindex(const QString& caseId, const QString& number, const QString& participant)
    {
        m_indexRow.bindValue(0, caseId);
        if (!m_indexRow.exec())
            return deskError(m_indexRow);
        if (!m_indexRow.next())
            return m_indexRow.lastError().isValid()
                       ? Status(deskError(m_indexRow))
                       : Status(makeError(QStringLiteral("office.pull"), caseId)); // written in this page
        CaseFacts indexed;
        const auto state = caseStateFromName(m_indexRow.value(0).toString());
        indexed.held = m_indexRow.value(1).toBool();
        indexed.flaggedBy = m_indexRow.value(2).toString();
        for (const QJsonValue v : QJsonDocument::fromJson(m_indexRow.value(3).toString().toUtf8()).array())
            indexed.reasons << v.toString();
        indexed.updatedAt = fromIso(m_indexRow.value(4).toString());
        int covered = m_indexRow.value(5).toInt();
        m_indexRow.finish();
        if (!state)
            covered = 0;
        else
            indexed.state = *state;

        auto more = since(caseId, covered);
        if (!more)
            return more.error();
        // An index never covers an event written after it: one that claims to
        // (a file mended by hand) or that does not line up is not trusted.
        const int firstNew = m_firstSeq.value(caseId, 0);
        if (covered > 0 && ((firstNew > 0 && covered >= firstNew) || !contiguous(*more, covered))) {
            covered = 0;
            more = since(caseId, 0);
            if (!more)
                return more.error();
        }
        if (more->isEmpty()) // nothing new, or its events come with a later page: indexed then
            return success();
        auto facts = covered > 0 ? CaseLife::resume(indexed, true, *more) : CaseLife::replay(*more);
        if (!facts) { // kept as it was pulled; its index stays as it was
            qCWarning(lcSync) << "office: case" << caseId << "cannot be replayed:" << facts.error().message;
            return success();
        }
        const QVariantList values{
            caseStateName(facts->state),
            facts->held ? 1 : 0,
            facts->flaggedBy,
            number.isNull() ? nullText() : QVariant(number),
            participant.isNull() ? nullText() : QVariant(participant),
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(facts->reasons)).toJson(QJsonDocument::Compact)),
            facts->updatedAt.isValid() ? QVariant(iso(facts->updatedAt)) : QVariant(QString()),
            covered + int(more->size()),
            caseId};
        if (!exec(m_writeIndex, values))
            return deskError(m_writeIndex);
        return success();
    }

private:
    static bool exec(QSqlQuery& q, const QVariantList& values)
    {
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        return q.exec();
    }

    // Whether `more` are the events numbered covered + 1, covered + 2, ...
    static bool contiguous(const QList<CaseEvent>& more, int covered)
    {
        for (int i = 0; i < more.size(); ++i)
            if (more.at(i).seq != covered + 1 + i)
                return false;
        return true;
    }

    // A case's events after seq `after`, as replay needs them: no attachments.
    Result<QList<CaseEvent>> since(const QString& caseId, int after)
    {
        m_since.bindValue(0, caseId);
        m_since.bindValue(1, after);
        if (!m_since.exec())
            return deskError(m_since);
        QList<CaseEvent> out;
        while (m_since.next()) {
            CaseEvent e;
            e.id = m_since.value(0).toString();
            e.caseId = caseId;
            e.seq = m_since.value(1).toInt();
            e.at = fromIso(m_since.value(2).toString());
            e.actor = m_since.value(3).toString();
            e.actorId = m_since.value(4).toString();
            e.kind = caseEventKindFromName(m_since.value(5).toString()).value_or(CaseEventKind::Note);
            e.data = QJsonDocument::fromJson(m_since.value(6).toString().toUtf8()).object();
            e.origin = m_since.value(7).toString();
            out.append(e);
        }
        if (m_since.lastError().isValid())
            return deskError(m_since);
        m_since.finish();
        return out;
    }

    QSqlQuery m_eventKnown, m_flagger, m_caseSeq, m_insertEvent, m_insertAttachment, m_indexRow, m_since,
        m_writeIndex;
    QHash<QString, int> m_lastSeq;  // case -> its last seq at this desk, as this page goes
    QHash<QString, int> m_firstSeq; // case -> the first seq this page wrote
};

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

Result<QString> Replicator::actorRole(const QString& actorId, const QString& actor)
{
    auto row = deskRow(m_desk,
                       actorId.isEmpty() ? QStringLiteral("SELECT role FROM accounts WHERE name = ?")
                                         : QStringLiteral("SELECT role FROM accounts WHERE id = ?"),
                       {actorId.isEmpty() ? actor : actorId});
    if (!row)
        return row.error();
    return *row ? (*row)->value(0).toString() : QString();
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

    QSqlQuery inspection(pg), kase(pg), event(pg), attachment(pg), audit(pg), auditHeld(pg);
    QList<AuditConflict> conflicts;
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
            "INSERT INTO case_events(id, case_id, desk_id, seq, at, actor, actor_id, kind, data, role, "
            "signer, sig) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) ||
        !attachment.prepare(
            QStringLiteral("INSERT INTO event_attachments(id, event_id, name, sha256, size, data) "
                           "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) ||
        !audit.prepare(QStringLiteral("INSERT INTO audit(desk_id, n, entry, hash) VALUES(?, ?, ?, ?) "
                                      "ON CONFLICT (desk_id, n) DO NOTHING RETURNING n")) ||
        !auditHeld.prepare(QStringLiteral("SELECT hash FROM audit WHERE desk_id = ? AND n = ?")))
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
            SignedEventFields f{r.value(0).toString(),
                                r.value(1).toString(),
                                m_deskId,
                                r.value(2).toInt(),
                                r.value(3).toString(),
                                r.value(4).toString(),
                                r.isNull(5) ? QString() : r.value(5).toString(),
                                QString(),
                                r.value(6).toString(),
                                r.value(7).toString(),
                                {}};
            auto role = actorRole(f.actorId, f.actor);
            if (!role)
                return fail(role.error());
            f.role = *role;
            QSqlQuery files(m_desk.connection());
            files.setForwardOnly(true);
            if (!run(files,
                     QStringLiteral("SELECT id, name, sha256, size, data FROM event_attachments "
                                    "WHERE event_id = ? ORDER BY rowid"),
                     {item.ref}))
                return fail(deskError(files));
            QList<QVariantList> fileRows;
            while (files.next()) {
                fileRows.append({files.value(0).toString(), item.ref, files.value(1).toString(),
                                 files.value(2).toString(), files.value(3).toLongLong(),
                                 files.value(4).toByteArray()});
                f.files.append({files.value(0).toString(), files.value(1).toString(),
                                files.value(2).toString(), files.value(3).toLongLong()});
            }
            if (files.lastError().isValid())
                return fail(deskError(files));
            // Signed by an enrolled desk; an unenrolled desk's events go up unsigned
            // (the office keeps them; no other desk applies them).
            QVariant signer(QMetaType::fromType<QByteArray>()), sig(QMetaType::fromType<QByteArray>());
            if (m_signer) {
                auto signature = EventSignature::sign(f, *m_signer);
                if (!signature)
                    return fail(signature.error());
                signer = m_signer->certificate.der();
                sig = *signature;
            }
            if (!exec(event, {f.id, f.caseId, m_deskId, f.seq, f.at, f.actor, textOf(r, 5), f.kind, f.data,
                              f.role, signer, sig}))
                return fail(m_office.error(QStringLiteral("office.push"), event));
            for (const QVariantList& values : std::as_const(fileRows))
                if (!exec(attachment, values))
                    return fail(m_office.error(QStringLiteral("office.push"), attachment));
        } else if (item.kind == QLatin1String("audit")) {
            auto row = deskRow(m_desk, QStringLiteral("SELECT n, entry, hash FROM audit WHERE n = ?"),
                               {item.ref.toLongLong()});
            if (!row)
                return fail(row.error());
            if (!*row)
                continue;
            const QSqlRecord& r = **row;
            const qint64 n = r.value(0).toLongLong();
            const QByteArray hash = r.value(2).toByteArray();
            if (!exec(audit, {m_deskId, n, r.value(1).toByteArray(), hash}))
                return fail(m_office.error(QStringLiteral("office.push"), audit));
            if (audit.next())
                continue; // inserted
            // The office already holds an entry at this place: the same, or another's.
            if (!exec(auditHeld, {m_deskId, n}) || !auditHeld.next())
                return fail(m_office.error(QStringLiteral("office.push"), auditHeld));
            const QByteArray held = auditHeld.value(0).toByteArray();
            auditHeld.finish();
            if (held != hash)
                conflicts.append({n, hash, held});
        }
    }
    if (!pg.commit())
        return fail(m_office.error(QStringLiteral("office.unreachable"), pg.lastError().text()));
    if (m_afterOfficeCommit)
        m_afterOfficeCommit();
    // The office holds the batch: off the queue, and any place of this desk's
    // trail another row took set aside as an alarm, in one desk transaction.
    // Cut here, the next push sends it again and the office ignores what it holds.
    QList<AuditConflict> newConflicts;
    SqliteRecordsStore store(m_desk);
    if (auto b = store.begin(); !b)
        return b.error();
    QSqlQuery done(m_desk.connection());
    if (!run(done, QStringLiteral("DELETE FROM office_queue WHERE n <= ?"), {items.last().n})) {
        const Error e = deskError(done);
        store.rollback();
        return e;
    }
    for (const AuditConflict& c : std::as_const(conflicts)) {
        const QString reason =
            Tr::tr("The office holds another entry (hash %1) at place %2 of this desk's trail (hash %3): "
                   "another role wrote it there.")
                .arg(QString::fromLatin1(c.office.toHex().left(16)))
                .arg(c.n)
                .arg(QString::fromLatin1(c.desk.toHex().left(16)));
        auto fresh = SetAside::record(m_desk, QStringLiteral("audit"), QString::number(c.n), m_deskId,
                                      QStringLiteral("office.conflict"), reason);
        if (!fresh) {
            store.rollback();
            return fresh.error();
        }
        if (*fresh)
            newConflicts.append(c);
    }
    if (auto c = store.commit(); !c)
        return c.error();
    // The alarm in the trail too, once per place (queued like any entry).
    for (const AuditConflict& c : std::as_const(newConflicts)) {
        qCWarning(lcSync) << "office: entry" << c.n << "of this desk's trail is held by another row";
        if (auto t = noteInTrail(m_desk, QStringLiteral("office_conflict"),
                                 QCborMap{{QStringLiteral("n"), c.n},
                                          {QStringLiteral("hash"), c.desk},
                                          {QStringLiteral("office_hash"), c.office}});
            !t)
            return t.error();
    }
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
        total.setAside += n->setAside;
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
    QList<PulledEventCheck::Row> checks; // events' rows as the office holds them
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
            if (!run(
                    e,
                    QStringLiteral("SELECT oseq, id, case_id, desk_id, seq, at, actor, actor_id, kind, data, "
                                   "role, signer, sig FROM case_events WHERE oseq > ? AND desk_id <> ? "
                                   "ORDER BY oseq LIMIT ?"),
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
                // What is checked: the office's texts as they are.
                PulledEventCheck::Row row;
                row.fields = {ev.id,
                              ev.caseId,
                              ev.origin,
                              ev.seq,
                              e.value(5).toString(),
                              ev.actor,
                              e.isNull(7) ? QString() : e.value(7).toString(),
                              e.value(10).toString(),
                              e.value(8).toString(),
                              e.value(9).toString(),
                              {}};
                row.signerDer = e.value(11).toByteArray();
                row.signature = e.value(12).toByteArray();
                checks.append(row);
            }
            // Their attachments in one query (not one round trip per event).
            if (!events.isEmpty()) {
                QHash<QString, qsizetype> at;
                for (qsizetype i = 0; i < events.size(); ++i)
                    at.insert(events.at(i).id, i);
                QSqlQuery a(pg);
                a.setForwardOnly(true);
                if (!run(a,
                         QStringLiteral("SELECT a.event_id, a.id, a.name, a.sha256, a.size, a.data "
                                        "FROM event_attachments a JOIN case_events e ON e.id = a.event_id "
                                        "WHERE e.oseq > ? AND e.oseq <= ? AND e.desk_id <> ? "
                                        "ORDER BY a.event_id, a.id"),
                         {*eventsMark, lastEvent, m_deskId}))
                    return fail(m_office.error(QStringLiteral("office.pull"), a));
                while (a.next()) {
                    const auto i = at.constFind(a.value(0).toString());
                    if (i == at.constEnd()) // the range is the events read above
                        continue;
                    events[*i].attachments.append({a.value(1).toString(), a.value(2).toString(),
                                                   QByteArray::fromHex(a.value(3).toString().toLatin1()),
                                                   a.value(4).toLongLong(), a.value(5).toByteArray()});
                    checks[*i].fields.files.append({a.value(1).toString(), a.value(2).toString(),
                                                    a.value(3).toString(), a.value(4).toLongLong()});
                    checks[*i].attachmentData.append(a.value(5).toByteArray());
                }
                if (a.lastError().isValid())
                    return fail(m_office.error(QStringLiteral("office.pull"), a));
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
    PageWriter writer(m_desk);
    if (auto p = writer.prepare(); !p)
        return fail(p.error());
    PulledEventCheck check(m_desk);
    if (auto l = check.load(); !l)
        return fail(l.error());
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
    QStringList setAsideCodes;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const CaseEvent& ev = events.at(i);
        auto known = writer.eventKnown(ev.id);
        if (!known)
            return fail(known.error());
        if (*known)
            continue;
        // A row that fails its checks is set aside with its reason; the rest goes on.
        auto flaggedBy = writer.flaggedBy(ev.caseId);
        if (!flaggedBy)
            return fail(flaggedBy.error());
        Status ok = *flaggedBy ? check.check(checks.at(i), **flaggedBy)
                               : Status(makeError(QStringLiteral("office.unknown-case"),
                                                  Tr::tr("The event is of a case this desk does not hold "
                                                         "(%1).")
                                                      .arg(ev.caseId)));
        if (!ok && ok.error().code == QLatin1String("office.desk"))
            return fail(ok.error());
        if (!ok) {
            qCWarning(lcSync) << "office: event" << ev.id << "set aside:" << ok.error().code;
            auto fresh = SetAside::record(m_desk, QStringLiteral("event"), ev.id, ev.origin, ok.error().code,
                                          ok.error().message);
            if (!fresh)
                return fail(fresh.error());
            if (*fresh) {
                ++count.setAside;
                setAsideCodes << ok.error().code;
            }
            continue;
        }
        if (auto a = writer.append(ev); !a)
            return fail(a.error());
        if (!touched.contains(ev.caseId))
            touched.insert(ev.caseId, {QString(), QString()});
        ++count.events;
    }
    for (auto it = touched.constBegin(); it != touched.constEnd(); ++it)
        if (auto x = writer.reindex(it.key(), it.value().first, it.value().second); !x)
            return fail(x.error());
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
    // The desk's trail says what it did not take, once per row.
    if (count.setAside > 0) {
        setAsideCodes.removeDuplicates();
        if (auto t =
                noteInTrail(m_desk, QStringLiteral("office_set_aside"),
                            QCborMap{{QStringLiteral("rows"), count.setAside},
                                     {QStringLiteral("codes"), QCborArray::fromStringList(setAsideCodes)}});
            !t)
            return t.error();
    }
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
    // What the pull set aside is in this desk's trail now: up with it too.
    if (pulled->setAside > 0) {
        auto again = push();
        if (!again)
            return again.error();
        pulled->pushed += *again;
    }
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
    auto setAside = SetAside::count(m_desk);
    if (!setAside)
        return setAside.error();
    if (setAside->conflicts > 0)
        return makeError(QStringLiteral("office.conflict"),
                         Tr::tr("ALARM: the office holds other entries at %n place(s) of this desk's trail.",
                                nullptr, int(setAside->conflicts)));
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
