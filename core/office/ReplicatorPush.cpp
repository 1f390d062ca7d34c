// The replicator's push: what this desk made, from its queue to the office.

#include "office/Replicator.h"
#include "office/Replicator_p.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeSchema_p.h"
#include "office/SetAside.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Logging.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QSqlError>

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

} // namespace kp
