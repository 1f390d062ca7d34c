// The replicator's push: what this desk made, from its queue to the office.

#include "office/Replicator.h"
#include "office/Replicator_p.h"

#include "office/EventBatch.h"
#include "office/MultiRowInsert.h"
#include "office/OfficeDatabase.h"
#include "office/OfficeSchema_p.h"
#include "office/SetAside.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Logging.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>

#include <algorithm>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Replicator)
};

// A place of this desk's trail the office holds with another entry.
struct AuditConflict
{
    qint64 n = 0;
    QByteArray desk, office; // the two hashes
};

} // namespace

using namespace replication;

Result<qint64> Replicator::push(int batch)
{
    if (auto d = ensureDesk(); !d)
        return d.error();
    // A batch's events are signed as one list, which a desk reads up to this long.
    batch = std::clamp(batch, 1, int(EventBatch::MaxEvents));
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

namespace {

// A batch of the desk's queue as the office's columns take it, read and its
// events signed before the office's push lock is taken: the lock is held
// only for the inserts (every other desk's push waits for it).
struct PushRows
{
    qint64 lastN = 0; // the queue's last entry read
    qsizetype entries = 0;
    QList<QVariantList> inspections, cases, events, attachments, audit;
    QByteArray eventHashes; // of the signed events, in order (EventBatch)
};

// Reads the rows the queue names, each statement prepared once per batch.
class PushReader
{
public:
    PushReader(CacheDatabase& desk, QString deskId, const std::optional<OfficeSigner>& signer)
        : m_deskId(std::move(deskId)), m_signer(signer), m_inspection(desk.connection()),
          m_case(desk.connection()), m_event(desk.connection()), m_files(desk.connection()),
          m_role(desk.connection()), m_roleByName(desk.connection()), m_audit(desk.connection())
    {}

    Status prepare()
    {
        for (auto [q, sql] : std::initializer_list<std::pair<QSqlQuery*, QString>>{
                 {&m_inspection,
                  QStringLiteral("SELECT uuid, at, officer, officer_id, no, participant, verdict, "
                                 "final_verdict, physical_json, inspection_json, image "
                                 "FROM inspections WHERE uuid = ?")},
                 {&m_case,
                  QStringLiteral("SELECT id, inspection_id, opened_at, number, participant FROM cases "
                                 "WHERE id = ?")},
                 {&m_event, QStringLiteral("SELECT id, case_id, seq, at, actor, actor_id, kind, data "
                                           "FROM case_events WHERE id = ?")},
                 {&m_files, QStringLiteral("SELECT id, name, sha256, size, data FROM event_attachments "
                                           "WHERE event_id = ? ORDER BY rowid")},
                 {&m_role, QStringLiteral("SELECT role FROM accounts WHERE id = ?")},
                 {&m_roleByName, QStringLiteral("SELECT role FROM accounts WHERE name = ?")},
                 {&m_audit, QStringLiteral("SELECT n, entry, hash FROM audit WHERE n = ?")}}) {
            q->setForwardOnly(true);
            if (!q->prepare(sql))
                return deskError(*q);
        }
        return success();
    }

    // The queue's entries of `kind` naming `ref`, in the queue's order. An
    // inspection queued twice (its physical check recorded later) goes once,
    // as it stands now; a row no longer in the file is skipped.
    Status add(PushRows& rows, const QString& kind, const QString& ref)
    {
        if (kind == QLatin1String("inspection"))
            return addInspection(rows, ref);
        if (kind == QLatin1String("case"))
            return addRow(rows.cases, m_case, ref, [&](const QSqlRecord& r) {
                return QVariantList{r.value(0).toString(), m_deskId,     r.value(1).toString(),
                                    r.value(2).toString(), textOf(r, 3), textOf(r, 4)};
            });
        if (kind == QLatin1String("event"))
            return addEvent(rows, ref);
        if (kind == QLatin1String("audit"))
            return addRow(rows.audit, m_audit, ref.toLongLong(), [&](const QSqlRecord& r) {
                return QVariantList{m_deskId, r.value(0).toLongLong(), r.value(1).toByteArray(),
                                    r.value(2).toByteArray()};
            });
        return success();
    }

private:
    template <typename Make>
    Status addRow(QList<QVariantList>& into, QSqlQuery& q, const QVariant& ref, Make make)
    {
        q.bindValue(0, ref);
        if (!q.exec())
            return deskError(q);
        if (q.next())
            into.append(make(q.record()));
        if (q.lastError().isValid())
            return deskError(q);
        q.finish();
        return success();
    }

    Status addInspection(PushRows& rows, const QString& ref)
    {
        if (m_inspections.contains(ref))
            return success();
        const qsizetype before = rows.inspections.size();
        auto s = addRow(rows.inspections, m_inspection, ref, [&](const QSqlRecord& r) {
            return QVariantList{
                r.value(0).toString(), m_deskId,     r.value(1).toString(), r.value(2).toString(),
                textOf(r, 3),          textOf(r, 4), textOf(r, 5),          r.value(6).toString(),
                r.value(7).toString(), textOf(r, 8), r.value(9).toString(), bytesOf(r, 10)};
        });
        if (s && rows.inspections.size() > before)
            m_inspections.insert(ref);
        return s;
    }

    // The role, at this desk, of the account that made an event ("" when none).
    Result<QString> role(const QString& actorId, const QString& actor)
    {
        const QString key = actorId.isEmpty() ? QStringLiteral("name:") + actor : actorId;
        if (auto r = m_roles.constFind(key); r != m_roles.constEnd())
            return *r;
        QSqlQuery& q = actorId.isEmpty() ? m_roleByName : m_role;
        q.bindValue(0, actorId.isEmpty() ? actor : actorId);
        if (!q.exec())
            return deskError(q);
        const QString role = q.next() ? q.value(0).toString() : QString();
        if (q.lastError().isValid())
            return deskError(q);
        q.finish();
        m_roles.insert(key, role);
        return role;
    }

    Status addEvent(PushRows& rows, const QString& ref)
    {
        m_event.bindValue(0, ref);
        if (!m_event.exec())
            return deskError(m_event);
        if (!m_event.next())
            return m_event.lastError().isValid() ? Status(deskError(m_event)) : success();
        const QSqlRecord r = m_event.record();
        m_event.finish();
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
        auto actorRole = role(f.actorId, f.actor);
        if (!actorRole)
            return actorRole.error();
        f.role = *actorRole;
        m_files.bindValue(0, ref);
        if (!m_files.exec())
            return deskError(m_files);
        QList<QVariantList> fileRows;
        while (m_files.next()) {
            fileRows.append({m_files.value(0).toString(), ref, m_files.value(1).toString(),
                             m_files.value(2).toString(), m_files.value(3).toLongLong(),
                             m_files.value(4).toByteArray()});
            f.files.append({m_files.value(0).toString(), m_files.value(1).toString(),
                            m_files.value(2).toString(), m_files.value(3).toLongLong()});
        }
        if (m_files.lastError().isValid())
            return deskError(m_files);
        m_files.finish();
        // Signed by an enrolled desk; an unenrolled desk's events go up unsigned
        // (the office keeps them; no other desk applies them).
        QVariant signer(QMetaType::fromType<QByteArray>()), sig(QMetaType::fromType<QByteArray>());
        if (m_signer) {
            auto signature = EventSignature::signAndHash(f, *m_signer);
            if (!signature)
                return signature.error();
            signer = m_signerDer;
            sig = signature->signature;
            rows.eventHashes += signature->hash;
        }
        // The batch's id is set once the batch is read whole (nullText: none, unsigned).
        rows.events.append({f.id, f.caseId, m_deskId, f.seq, f.at, f.actor, textOf(r, 5), f.kind, f.data,
                            f.role, signer, sig, nullText()});
        rows.attachments += fileRows;
        return success();
    }

    const QString m_deskId;
    const std::optional<OfficeSigner>& m_signer;
    const QByteArray m_signerDer = m_signer ? m_signer->certificate.der() : QByteArray();
    QSqlQuery m_inspection, m_case, m_event, m_files, m_role, m_roleByName, m_audit;
    QHash<QString, QString> m_roles; // account id (or "name:" and its name) -> role
    QSet<QString> m_inspections;     // those in the batch already
};

// The office's statements of a push, many rows each.
const MultiRowInsert& inspectionInsert()
{
    // A physical check recorded later queues the inspection again: its columns follow.
    static const MultiRowInsert insert(
        QStringLiteral("INSERT INTO inspections(id, desk_id, at, officer, officer_id, number, participant, "
                       "verdict, final_verdict, physical_json, inspection_json, image)"),
        12,
        QStringLiteral("ON CONFLICT (id) DO UPDATE SET physical_json = EXCLUDED.physical_json, "
                       "final_verdict = EXCLUDED.final_verdict WHERE inspections.desk_id = EXCLUDED.desk_id"),
        100);
    return insert;
}

const MultiRowInsert& caseInsert()
{
    static const MultiRowInsert insert(
        QStringLiteral("INSERT INTO cases(id, desk_id, inspection_id, opened_at, number, participant)"), 6,
        QStringLiteral("ON CONFLICT (id) DO NOTHING"));
    return insert;
}

const MultiRowInsert& eventInsert()
{
    static const MultiRowInsert insert(
        QStringLiteral(
            "INSERT INTO case_events(id, case_id, desk_id, seq, at, actor, actor_id, kind, data, role, "
            "signer, sig, batch)"),
        13, QStringLiteral("ON CONFLICT (id) DO NOTHING"));
    return insert;
}

const MultiRowInsert& attachmentInsert()
{
    static const MultiRowInsert insert(
        QStringLiteral("INSERT INTO event_attachments(id, event_id, name, sha256, size, data)"), 6,
        QStringLiteral("ON CONFLICT (id) DO NOTHING"), 20);
    return insert;
}

const MultiRowInsert& auditInsert()
{
    static const MultiRowInsert insert(QStringLiteral("INSERT INTO audit(desk_id, n, entry, hash)"), 4,
                                       QStringLiteral("ON CONFLICT (desk_id, n) DO NOTHING RETURNING n"));
    return insert;
}

} // namespace

Result<qint64> Replicator::pushBatch(int batch)
{
    PushRows rows;
    {
        QList<std::pair<QString, QString>> items; // kind, ref
        QSqlQuery q(m_desk.connection());
        q.setForwardOnly(true);
        if (!run(q, QStringLiteral("SELECT n, kind, ref FROM office_queue ORDER BY n LIMIT ?"), {batch}))
            return deskError(q);
        while (q.next()) {
            rows.lastN = q.value(0).toLongLong();
            items.append({q.value(1).toString(), q.value(2).toString()});
        }
        if (q.lastError().isValid())
            return deskError(q);
        q.finish();
        if (items.isEmpty())
            return 0;
        rows.entries = items.size();
        PushReader reader(m_desk, m_deskId, m_signer);
        if (auto p = reader.prepare(); !p)
            return p.error();
        for (const auto& [kind, ref] : std::as_const(items))
            if (auto a = reader.add(rows, kind, ref); !a)
                return a.error();
    }
    // The batch's events signed once more, together: a pulling desk checks
    // one signature for them all (each keeps its own: verifiable alone).
    std::optional<std::pair<EventBatch, QByteArray>> signedBatch;
    if (m_signer && !rows.eventHashes.isEmpty()) {
        EventBatch b{QUuid::createUuid().toString(QUuid::WithoutBraces), m_deskId, rows.eventHashes};
        auto sig = b.sign(*m_signer);
        if (!sig)
            return sig.error();
        for (QVariantList& event : rows.events)
            event.last() = b.id;
        signedBatch.emplace(std::move(b), *sig);
    }

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
    if (signedBatch &&
        !run(q,
             QStringLiteral(
                 "INSERT INTO event_batches(id, desk_id, signer, sig, events) VALUES(?, ?, ?, ?, ?)"),
             {signedBatch->first.id, m_deskId, m_signer->certificate.der(), signedBatch->second,
              signedBatch->first.packedHashes}))
        return fail(m_office.error(QStringLiteral("office.push"), q));
    // Events before their attachments (the office's policy looks the event up).
    for (const auto& [insert, values] :
         {std::pair{&inspectionInsert(), &rows.inspections}, std::pair{&caseInsert(), &rows.cases},
          std::pair{&eventInsert(), &rows.events}, std::pair{&attachmentInsert(), &rows.attachments}})
        if (!insert->run(q, *values))
            return fail(m_office.error(QStringLiteral("office.push"), q));
    // The trail: a place the office holds already is the same entry, or another's.
    QList<AuditConflict> conflicts;
    if (!rows.audit.isEmpty()) {
        QSet<qint64> inserted;
        if (!auditInsert().run(q, rows.audit, [&](QSqlQuery& r) {
                while (r.next())
                    inserted.insert(r.value(0).toLongLong());
            }))
            return fail(m_office.error(QStringLiteral("office.push"), q));
        qint64 lowest = rows.audit.first().at(1).toLongLong(), highest = lowest;
        for (const QVariantList& a : std::as_const(rows.audit)) {
            lowest = std::min(lowest, a.at(1).toLongLong());
            highest = std::max(highest, a.at(1).toLongLong());
        }
        if (inserted.size() < rows.audit.size()) {
            if (!run(q, QStringLiteral("SELECT n, hash FROM audit WHERE desk_id = ? AND n >= ? AND n <= ?"),
                     {m_deskId, lowest, highest}))
                return fail(m_office.error(QStringLiteral("office.push"), q));
            QHash<qint64, QByteArray> held;
            while (q.next())
                held.insert(q.value(0).toLongLong(), q.value(1).toByteArray());
            if (q.lastError().isValid())
                return fail(m_office.error(QStringLiteral("office.push"), q));
            q.finish();
            for (const QVariantList& a : std::as_const(rows.audit)) {
                const qint64 n = a.at(1).toLongLong();
                const QByteArray hash = a.at(3).toByteArray();
                if (inserted.contains(n))
                    continue;
                const auto h = held.constFind(n);
                if (h == held.constEnd()) // refused, yet not there: the office is not what it says
                    return fail(m_office.error(QStringLiteral("office.push"), q));
                if (*h != hash)
                    conflicts.append({n, hash, *h});
            }
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
    if (!run(done, QStringLiteral("DELETE FROM office_queue WHERE n <= ?"), {rows.lastN})) {
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
    return qint64(rows.entries);
}

} // namespace kp
