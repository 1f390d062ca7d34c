// The replicator's pull: other desks' cases and events, from the office to this desk.

#include "office/Replicator.h"
#include "office/Replicator_p.h"

#include "office/EventBatch.h"
#include "office/OfficeDatabase.h"
#include "office/OfficeSchema_p.h"
#include "office/PulledCaseCheck.h"
#include "office/PulledEventCheck.h"
#include "office/SetAside.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Logging.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Replicator)
};

using namespace replication;

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
          m_indexRow(desk.connection()), m_since(desk.connection()), m_writeIndex(desk.connection()),
          m_writeCounts(desk.connection())
    {}

    Status prepare()
    {
        for (auto [q, sql] : std::initializer_list<std::pair<QSqlQuery*, QString>>{
                 {&m_eventKnown, QStringLiteral("SELECT 1 FROM case_events WHERE id = ?")},
                 {&m_flagger,
                  QStringLiteral("SELECT (SELECT count(*) FROM cases WHERE id = ?), (SELECT actor FROM "
                                 "case_events WHERE case_id = ? AND kind = 'flagged' ORDER BY seq LIMIT 1), "
                                 "(SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = ?)")},
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
                                 "updated_at = ?, events = ? WHERE id = ?")},
                 // The same without the indexed columns, for a case whose
                 // state, hold and flagger stay (SQLite then leaves its
                 // indexes alone).
                 {&m_writeCounts,
                  QStringLiteral("UPDATE cases SET number = coalesce(?, number), participant = coalesce(?, "
                                 "participant), reasons = ?, updated_at = ?, events = ? WHERE id = ?")}}) {
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
        if (auto known = m_flaggedBy.constFind(caseId); known != m_flaggedBy.constEnd())
            return *known;
        for (int i = 0; i < 3; ++i)
            m_flagger.bindValue(i, caseId);
        if (!m_flagger.exec() || !m_flagger.next())
            return deskError(m_flagger);
        const bool held = m_flagger.value(0).toInt() > 0;
        const QString who = m_flagger.value(1).toString();
        if (held) // where append() goes on, read with it (nothing of the case is written in between)
            noteLastSeq(caseId, m_flagger.value(2).toInt());
        m_flagger.finish();
        const auto flagger = held ? std::optional<QString>(who) : std::nullopt;
        m_flaggedBy.insert(caseId, flagger);
        return flagger;
    }

    // A pulled event goes after what this desk holds of its case (a local
    // seq; the office keeps the seq it was made with), its data the very
    // text that was checked. The caller has set aside an event of a case the
    // desk does not hold (flaggedBy); an error here.
    Status append(CaseEvent ev, const QString& checkedData)
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
            last = noteLastSeq(ev.caseId, seq);
        }
        ev.seq = *last + 1;
        const QVariantList values{ev.id,
                                  ev.caseId,
                                  ev.seq,
                                  isoTime(ev.at),
                                  ev.actor,
                                  ev.actorId,
                                  caseEventKindName(ev.kind),
                                  checkedData,
                                  ev.origin.isEmpty() ? nullText() : QVariant(ev.origin)};
        if (!exec(m_insertEvent, values))
            return deskError(m_insertEvent);
        for (const EventAttachment& a : ev.attachments)
            if (!exec(m_insertAttachment,
                      {a.id, ev.id, a.name, QString::fromLatin1(a.sha256.toHex()), a.size, a.data}))
                return deskError(m_insertAttachment);
        m_lastSeq[ev.caseId] = ev.seq;
        ev.data = QJsonDocument::fromJson(checkedData.toUtf8()).object(); // as since() reads it
        ev.attachments.clear();
        m_appended[ev.caseId].append(ev);
        if (ev.kind == CaseEventKind::Flagged) // opens the case here: read who flagged it again
            m_flaggedBy.remove(ev.caseId);
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
        indexed.updatedAt = parseIsoTime(m_indexRow.value(4).toString());
        int covered = m_indexRow.value(5).toInt();
        m_indexRow.finish();
        if (!state)
            covered = 0;
        else
            indexed.state = *state;

        // An index that covers all but this page's events goes on with them
        // as this page wrote them: they are what since() would read.
        const int firstNew = m_firstSeq.value(caseId, 0);
        Result<QList<CaseEvent>> more = firstNew > 0 && covered == firstNew - 1
                                            ? Result<QList<CaseEvent>>(m_appended.value(caseId))
                                            : since(caseId, covered);
        if (!more)
            return more.error();
        // An index never covers an event written after it: one that claims to
        // (a file mended by hand) or that does not line up is not trusted.
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
        QVariantList values{
            number.isNull() ? nullText() : QVariant(number),
            participant.isNull() ? nullText() : QVariant(participant),
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(facts->reasons)).toJson(QJsonDocument::Compact)),
            facts->updatedAt.isValid() ? QVariant(isoTime(facts->updatedAt)) : QVariant(QString()),
            covered + int(more->size()),
            caseId};
        const bool sameKeys = covered > 0 && facts->state == indexed.state && facts->held == indexed.held &&
                              facts->flaggedBy == indexed.flaggedBy;
        QSqlQuery& write = sameKeys ? m_writeCounts : m_writeIndex;
        if (!sameKeys)
            values =
                QVariantList{caseStateName(facts->state), facts->held ? 1 : 0, facts->flaggedBy} + values;
        if (!exec(write, values))
            return deskError(write);
        return success();
    }

private:
    // The case's last seq before this page wrote to it; once a page.
    QHash<QString, int>::const_iterator noteLastSeq(const QString& caseId, int seq)
    {
        if (auto known = m_lastSeq.constFind(caseId); known != m_lastSeq.constEnd())
            return known;
        m_firstSeq.insert(caseId, seq + 1);
        return m_lastSeq.insert(caseId, seq);
    }

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
            e.at = parseIsoTime(m_since.value(2).toString());
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
        m_writeIndex, m_writeCounts;
    QHash<QString, int> m_lastSeq;               // case -> its last seq at this desk, as this page goes
    QHash<QString, int> m_firstSeq;              // case -> the first seq this page wrote
    QHash<QString, QList<CaseEvent>> m_appended; // case -> the events this page wrote, as since() reads them
    // case -> who flagged it (flaggedBy), read once a page; forgotten when a flag is appended
    QHash<QString, std::optional<QString>> m_flaggedBy;
};

} // namespace

using namespace replication;

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

    // A case comes to this desk only with its signed flag (PulledCaseCheck):
    // the office's case rows are read to find those that have none.
    struct Flagless
    {
        QString id, deskId;
    };
    QList<Flagless> flagless;
    qsizetype casesRead = 0;
    QList<CaseEvent> events;
    QList<PulledEventCheck::Row> checks;                // events' rows as the office holds them
    QList<std::optional<OfficeCaseRow>> officeCaseRows; // each event's case row at the office
    PulledBatches batches;                              // the signed batches the events name
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
                 QStringLiteral("SELECT c.oseq, c.id, c.desk_id, EXISTS (SELECT 1 FROM case_events e WHERE "
                                "e.case_id = c.id AND e.kind = 'flagged') FROM cases c WHERE c.oseq > ? AND "
                                "c.desk_id <> ? ORDER BY c.oseq LIMIT ?"),
                 {*casesMark, m_deskId, page}))
            return fail(m_office.error(QStringLiteral("office.pull"), q));
        while (q.next()) {
            lastCase = q.value(0).toLongLong();
            ++casesRead;
            if (!q.value(3).toBool())
                flagless.append({q.value(1).toString(), q.value(2).toString()});
        }
        // Events only once every case up to this snapshot is in.
        if (casesRead < page) {
            QSqlQuery e(pg);
            e.setForwardOnly(true);
            if (!run(e,
                     QStringLiteral("SELECT e.oseq, e.id, e.case_id, e.desk_id, e.seq, e.at, e.actor, "
                                    "e.actor_id, e.kind, e.data, e.role, e.signer, e.sig, c.id IS NOT NULL, "
                                    "c.desk_id, c.inspection_id, c.opened_at, c.number, c.participant, "
                                    "e.batch FROM "
                                    "case_events e LEFT JOIN cases c ON c.id = e.case_id WHERE e.oseq > ? "
                                    "AND e.desk_id <> ? ORDER BY e.oseq LIMIT ?"),
                     {*eventsMark, m_deskId, page}))
                return fail(m_office.error(QStringLiteral("office.pull"), e));
            while (e.next()) {
                lastEvent = e.value(0).toLongLong();
                CaseEvent ev;
                ev.id = e.value(1).toString();
                ev.caseId = e.value(2).toString();
                ev.origin = e.value(3).toString();
                ev.seq = e.value(4).toInt();
                ev.at = parseIsoTime(e.value(5).toString());
                ev.at.setTimeSpec(Qt::UTC);
                ev.actor = e.value(6).toString();
                ev.actorId = e.value(7).toString();
                // An unknown kind (a newer desk) is kept as a note, as the desk's store reads it.
                ev.kind = caseEventKindFromName(e.value(8).toString()).value_or(CaseEventKind::Note);
                events.append(ev); // its data: the checked text below, written as it is
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
                row.batchId = e.value(19).toString();
                checks.append(row);
                // The case row is only read for the flag that opens the case here.
                officeCaseRows.append(
                    ev.kind == CaseEventKind::Flagged && e.value(13).toBool()
                        ? std::optional(OfficeCaseRow{e.value(14).toString(), e.value(15).toString(),
                                                      e.value(16).toString(), e.value(17).toString(),
                                                      e.value(18).toString()})
                        : std::nullopt);
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
                // The signed batches the events name, likewise in one query.
                QSqlQuery b(pg);
                b.setForwardOnly(true);
                if (!run(b,
                         QStringLiteral(
                             "SELECT b.id, b.desk_id, b.signer, b.sig, b.events FROM event_batches b "
                             "WHERE b.id IN (SELECT e.batch FROM case_events e WHERE e.oseq > ? "
                             "AND e.oseq <= ? AND e.desk_id <> ?) AND octet_length(b.events) <= ?"),
                         {*eventsMark, lastEvent, m_deskId, EventBatch::MaxEvents * EventBatch::HashSize}))
                    return fail(m_office.error(QStringLiteral("office.pull"), b));
                while (b.next())
                    batches.add({{b.value(0).toString(), b.value(1).toString(), b.value(4).toByteArray()},
                                 b.value(2).toByteArray(),
                                 b.value(3).toByteArray()});
                if (b.lastError().isValid())
                    return fail(m_office.error(QStringLiteral("office.pull"), b));
            }
        }
        if (!q.exec(QStringLiteral("COMMIT")))
            return m_office.error(QStringLiteral("office.unreachable"), q);
    }
    if (casesRead == 0 && events.isEmpty())
        return ReplicationCount{};

    // The signatures' arithmetic before the desk's write transaction, which
    // the officer's recording waits for.
    const QList<bool> signaturesHold = PulledEventCheck::signaturesHold(checks, batches);
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
    QStringList setAsideCodes;
    // A row that fails its checks is set aside with its reason; the rest goes on.
    const auto setAside = [&](const QString& kind, const QString& ref, const QString& deskId,
                              const Error& why) -> Status {
        qCWarning(lcSync) << "office:" << kind << ref << "set aside:" << why.code << why.message;
        auto fresh = SetAside::record(m_desk, kind, ref, deskId, why.code, why.message);
        if (!fresh)
            return fresh.error();
        if (*fresh) {
            ++count.setAside;
            setAsideCodes << why.code;
        }
        return success();
    };
    for (const Flagless& c : flagless) {
        auto existing = store.caseRecord(c.id);
        if (!existing)
            return fail(existing.error());
        if (existing->has_value()) // opened here by its flag already
            continue;
        if (auto s = setAside(
                QStringLiteral("case"), c.id, c.deskId,
                makeError(QStringLiteral("office.case"),
                          Tr::tr("The office holds case %1 without the flag that opens a case.").arg(c.id)));
            !s)
            return fail(s.error());
    }
    for (qsizetype i = 0; i < events.size(); ++i) {
        const CaseEvent& ev = events.at(i);
        auto known = writer.eventKnown(ev.id);
        if (!known)
            return fail(known.error());
        if (*known)
            continue;
        auto flaggedBy = writer.flaggedBy(ev.caseId);
        if (!flaggedBy)
            return fail(flaggedBy.error());
        const bool opens = ev.kind == CaseEventKind::Flagged;
        Status ok = success();
        if (opens && *flaggedBy) // a case has one flag, made where it was opened
            ok = makeError(QStringLiteral("office.case"),
                           Tr::tr("The case %1 has its flag already.").arg(ev.caseId));
        else if (opens || *flaggedBy)
            ok = check.check(checks.at(i), flaggedBy->value_or(QString()), signaturesHold.at(i));
        else
            ok = makeError(QStringLiteral("office.unknown-case"),
                           Tr::tr("The event is of a case this desk does not hold (%1).").arg(ev.caseId));
        if (!ok && ok.error().code == QLatin1String("office.desk"))
            return fail(ok.error());
        if (!ok) {
            if (auto s = setAside(QStringLiteral("event"), ev.id, ev.origin, ok.error()); !s)
                return fail(s.error());
            continue;
        }
        if (opens) { // the case as its signed flag says, or nothing
            auto opened = PulledCaseCheck::check(checks.at(i).fields, officeCaseRows.at(i));
            if (!opened) {
                if (auto s = setAside(QStringLiteral("event"), ev.id, ev.origin, opened.error()); !s)
                    return fail(s.error());
                continue;
            }
            if (auto c = store.insertCase(opened->record); !c)
                return fail(c.error());
            QSqlQuery columns(m_desk.connection());
            if (!run(columns, QStringLiteral("UPDATE cases SET number = ?, participant = ? WHERE id = ?"),
                     {opened->number, opened->participant, ev.caseId}))
                return fail(deskError(columns));
            // Its row came before its flag (two pushes): it is right after all.
            if (auto f = SetAside::forget(m_desk, QStringLiteral("case"), ev.caseId); !f)
                return fail(f.error());
            touched.insert(ev.caseId, {opened->number, opened->participant});
            ++count.cases;
        }
        if (auto a = writer.append(ev, checks.at(i).fields.data); !a)
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
    count.read = casesRead + events.size();
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

} // namespace kp
