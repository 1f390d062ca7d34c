#include "records/SqliteRecordsStore.h"

#include "records/InspectionQuery.h"

#include "cache/CacheDatabase.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::RecordsStore)
};

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QVariant isoOrNull(const QDateTime& t)
{
    return t.isValid() ? QVariant(iso(t)) : QVariant(QMetaType::fromType<QString>());
}

QDateTime fromIso(const QString& s)
{
    if (s.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
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

// Prepares, binds and runs one statement.
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

// Runs a read and calls `row` for each row; an error met while stepping (a
// damaged page) is an error too, never a short answer.
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

AccountRecord accountFrom(const QSqlQuery& q)
{
    AccountRecord a;
    a.id = q.value(0).toString();
    a.name = q.value(1).toString();
    a.role = parseRole(q.value(2).toString()).ok() ? *parseRole(q.value(2).toString()) : Role::Officer;
    a.passwordHash = q.value(3).toString();
    a.disabled = q.value(4).toBool();
    a.lockout.failures = q.value(5).toInt();
    a.lockout.lockedUntil = fromIso(q.value(6).toString());
    a.lockout.locks = q.value(7).toInt();
    a.createdAt = fromIso(q.value(8).toString());
    a.mustChangePassword = q.value(9).toBool();
    return a;
}

const QString AccountColumns =
    QStringLiteral("id, name, role, password_hash, disabled, failures, locked_until, lock_count, created_at, "
                   "must_change_password");

InspectionRecord inspectionFrom(const QSqlQuery& q, bool full)
{
    InspectionRecord r;
    r.id = q.value(0).toString();
    r.at = fromIso(q.value(1).toString());
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

CaseSummary summaryFrom(const QSqlQuery& q)
{
    CaseSummary s;
    s.record.id = q.value(0).toString();
    s.record.inspectionId = q.value(1).toString();
    s.record.openedAt = fromIso(q.value(2).toString());
    s.record.desk = q.value(3).toString();
    s.facts.state = caseStateFromName(q.value(4).toString()).value_or(CaseState::Open);
    s.facts.held = q.value(5).toBool();
    s.facts.flaggedBy = q.value(6).toString();
    s.number = q.value(7).toString();
    s.participant = q.value(8).toString();
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(9).toString().toUtf8()).array())
        s.facts.reasons << v.toString();
    s.facts.updatedAt = fromIso(q.value(10).toString());
    s.facts.openedAt = s.record.openedAt;
    s.events = q.value(11).toInt();
    s.record.deskName = q.value(12).toString();
    return s;
}

} // namespace

Status SqliteRecordsStore::begin()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return writeError(q);
    return success();
}

Status SqliteRecordsStore::commit()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const Error e = writeError(q);
        rollback();
        return e;
    }
    return success();
}

void SqliteRecordsStore::rollback()
{
    QSqlQuery q(m_db.connection());
    q.exec(QStringLiteral("ROLLBACK"));
}

Result<DeskSettings> SqliteRecordsStore::settings()
{
    DeskSettings s;
    QString participant;
    const Status st =
        read(m_db,
             QStringLiteral("SELECT key, value FROM meta WHERE key IN ('desk_id', 'desk_name', "
                            "'one_person_post', 'idle_lock_minutes', 'participant', 'outbox_intake', "
                            "'outbox_ca', 'outbox_proxy')"),
             {}, [&](const QSqlQuery& q) {
                 const QString key = q.value(0).toString();
                 const QString value = q.value(1).toString();
                 if (key == QLatin1String("desk_id"))
                     s.deskId = value;
                 else if (key == QLatin1String("desk_name"))
                     s.deskName = value;
                 else if (key == QLatin1String("one_person_post"))
                     s.onePersonPost = value == QLatin1String("1");
                 else if (key == QLatin1String("idle_lock_minutes"))
                     s.idleLockMinutes = value.toInt();
                 else if (key == QLatin1String("outbox_intake"))
                     s.outboxIntake = value;
                 else if (key == QLatin1String("outbox_ca"))
                     s.outboxCaPath = value;
                 else if (key == QLatin1String("outbox_proxy"))
                     s.outboxProxy = value;
                 else
                     participant = value;
                 return true;
             });
    if (!st)
        return st.error();
    if (s.deskName.isEmpty() && !s.deskId.isEmpty())
        s.deskName = (participant.isEmpty() ? QStringLiteral("desk") : participant) + QLatin1Char('-') +
                     s.deskId.left(8);
    return s;
}

Status SqliteRecordsStore::saveSettings(const DeskSettings& s)
{
    const QList<std::pair<QString, QString>> values{
        {QStringLiteral("desk_id"), s.deskId},
        {QStringLiteral("desk_name"), s.deskName},
        {QStringLiteral("one_person_post"), s.onePersonPost ? QStringLiteral("1") : QStringLiteral("0")},
        {QStringLiteral("idle_lock_minutes"), QString::number(s.idleLockMinutes)},
        {QStringLiteral("outbox_intake"), s.outboxIntake},
        {QStringLiteral("outbox_ca"), s.outboxCaPath},
        {QStringLiteral("outbox_proxy"), s.outboxProxy},
    };
    for (const auto& [key, value] : values)
        if (auto st = write(m_db, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"),
                            {key, value});
            !st)
            return st;
    return success();
}

Result<std::optional<AccountRecord>> SqliteRecordsStore::account(const QString& name)
{
    std::optional<AccountRecord> found;
    const Status st = read(
        m_db, QStringLiteral("SELECT %1 FROM accounts WHERE name = ? COLLATE NOCASE").arg(AccountColumns),
        {name.trimmed()}, [&](const QSqlQuery& q) {
            found = accountFrom(q);
            return false;
        });
    if (!st)
        return st.error();
    return found;
}

Result<QList<AccountRecord>> SqliteRecordsStore::accounts()
{
    QList<AccountRecord> out;
    const Status st =
        read(m_db, QStringLiteral("SELECT %1 FROM accounts ORDER BY name COLLATE NOCASE").arg(AccountColumns),
             {}, [&](const QSqlQuery& q) {
                 out.append(accountFrom(q));
                 return true;
             });
    if (!st)
        return st.error();
    return out;
}

Status SqliteRecordsStore::insertAccount(const AccountRecord& a)
{
    return write(
        m_db,
        QStringLiteral("INSERT INTO accounts(%1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(AccountColumns),
        {a.id, a.name, roleName(a.role), a.passwordHash, a.disabled ? 1 : 0, a.lockout.failures,
         isoOrNull(a.lockout.lockedUntil), a.lockout.locks, iso(a.createdAt), a.mustChangePassword ? 1 : 0});
}

Status SqliteRecordsStore::updateAccount(const AccountRecord& a)
{
    return write(
        m_db,
        QStringLiteral("UPDATE accounts SET role = ?, password_hash = ?, disabled = ?, failures = ?, "
                       "locked_until = ?, lock_count = ?, must_change_password = ? WHERE id = ?"),
        {roleName(a.role), a.passwordHash, a.disabled ? 1 : 0, a.lockout.failures,
         isoOrNull(a.lockout.lockedUntil), a.lockout.locks, a.mustChangePassword ? 1 : 0, a.id});
}

Status SqliteRecordsStore::insertInspection(const InspectionRecord& r)
{
    return write(
        m_db,
        QStringLiteral("INSERT INTO inspections(uuid, at, officer, officer_id, no, participant, verdict, "
                       "final_verdict, physical_json, inspection_json, image) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {r.id, iso(r.at), r.officer, r.officerId, r.number, r.participant, verdictName(r.verdict),
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
            {r.number, iso(at), r.id, iso(r.at), how,
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
            found = ReleaseRecord{fromIso(q.value(0).toString()), q.value(1).toString(),
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

Result<std::optional<InspectionRecord>> SqliteRecordsStore::inspection(const QString& id)
{
    std::optional<InspectionRecord> found;
    const Status st = read(m_db,
                           QStringLiteral("SELECT %1, inspection_json, image FROM inspections WHERE uuid = ?")
                               .arg(InspectionColumns),
                           {id}, [&](const QSqlQuery& q) {
                               found = inspectionFrom(q, true);
                               return false;
                           });
    if (!st)
        return st.error();
    return found;
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
        values << iso(f.from);
    }
    if (f.to.isValid()) {
        where << QStringLiteral("at < ?");
        values << iso(f.to);
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
    const Status st = read(
        m_db,
        QStringLiteral("SELECT %1, EXISTS(SELECT 1 FROM cases c WHERE c.inspection_id = inspections.uuid) "
                       "FROM inspections WHERE %2 ORDER BY at DESC, id DESC LIMIT ?")
            .arg(InspectionColumns, where.join(QStringLiteral(" AND "))),
        values, [&](const QSqlQuery& q) {
            InspectionRecord r = inspectionFrom(q, false);
            r.hasCase = q.value(9).toBool();
            out.append(r);
            return true;
        });
    if (!st)
        return st.error();
    return out;
}

Status SqliteRecordsStore::insertCase(const CaseRecord& r)
{
    return write(
        m_db,
        QStringLiteral("INSERT INTO cases(id, inspection_id, opened_at, desk, desk_name, state, held, "
                       "flagged_by, updated_at, events) VALUES(?, ?, ?, ?, ?, 'open', 0, '', ?, 0)"),
        {r.id, r.inspectionId, iso(r.openedAt), r.desk,
         r.deskName.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(r.deskName),
         iso(r.openedAt)});
}

Status SqliteRecordsStore::appendEvent(const CaseEvent& e)
{
    if (auto st = write(
            m_db,
            QStringLiteral("INSERT INTO case_events(id, case_id, seq, at, actor, actor_id, kind, data, "
                           "origin) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {e.id, e.caseId, e.seq, iso(e.at), e.actor, e.actorId, caseEventKindName(e.kind), compact(e.data),
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
         iso(s.facts.updatedAt), s.events, s.record.id});
}

Result<std::optional<CaseRecord>> SqliteRecordsStore::caseRecord(const QString& id)
{
    std::optional<CaseRecord> found;
    const Status st = read(
        m_db, QStringLiteral("SELECT id, inspection_id, opened_at, desk, desk_name FROM cases WHERE id = ?"),
        {id}, [&](const QSqlQuery& q) {
            found = CaseRecord{q.value(0).toString(), q.value(1).toString(), fromIso(q.value(2).toString()),
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
                 e.at = fromIso(q.value(2).toString());
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
        values << iso(f.from);
    }
    if (f.to.isValid()) {
        where << QStringLiteral("opened_at < ?");
        values << iso(f.to);
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

// --- The outbox ---------------------------------------------------------------------

Result<quint64> SqliteRecordsStore::lastMessageNumber()
{
    quint64 n = 0;
    const Status st = read(m_db, QStringLiteral("SELECT max(n) FROM outbox"), {}, [&](const QSqlQuery& q) {
        n = q.value(0).toULongLong();
        return false;
    });
    if (!st)
        return st.error();
    return n;
}

Status SqliteRecordsStore::insertMessage(const OutboxMessage& m)
{
    const auto textOrNull = [](const QString& t) {
        return t.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(t);
    };
    return write(
        m_db,
        QStringLiteral("INSERT INTO outbox(id, n, kind, file_name, bytes, pdf, case_id, inspection_id, "
                       "number, made_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {m.id, qint64(m.n), m.kind, m.fileName, m.bytes,
         m.pdf.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(m.pdf),
         textOrNull(m.caseId), textOrNull(m.inspectionId), textOrNull(m.number), iso(m.madeAt)});
}

namespace {

const QString OutboxColumns = QStringLiteral(
    "id, n, kind, file_name, case_id, inspection_id, number, made_at, handed_over_at, handed_over_to, "
    "delivered_at, delivered_to, attempts, last_attempt_at, last_error, pdf IS NOT NULL");

OutboxMessage outboxMessage(const QSqlQuery& q, bool withBytes)
{
    OutboxMessage m;
    m.id = q.value(0).toString();
    m.n = q.value(1).toULongLong();
    m.kind = q.value(2).toString();
    m.fileName = q.value(3).toString();
    m.caseId = q.value(4).toString();
    m.inspectionId = q.value(5).toString();
    m.number = q.value(6).toString();
    m.madeAt = fromIso(q.value(7).toString());
    m.handedOverAt = fromIso(q.value(8).toString());
    m.handedOverTo = q.value(9).toString();
    m.deliveredAt = fromIso(q.value(10).toString());
    m.deliveredTo = q.value(11).toString();
    m.attempts = q.value(12).toInt();
    m.lastAttemptAt = fromIso(q.value(13).toString());
    m.lastError = q.value(14).toString();
    m.hasPdf = q.value(15).toBool();
    if (withBytes) {
        m.bytes = q.value(16).toByteArray();
        m.pdf = q.value(17).toByteArray();
    }
    return m;
}

} // namespace

Result<QList<OutboxMessage>> SqliteRecordsStore::messages(bool waitingOnly, bool withBytes)
{
    QList<OutboxMessage> out;
    const QString sql =
        QStringLiteral("SELECT %1%2 FROM outbox%3 ORDER BY n")
            .arg(OutboxColumns, withBytes ? QStringLiteral(", bytes, pdf") : QString(),
                 waitingOnly ? QStringLiteral(" WHERE delivered_at IS NULL AND handed_over_at IS NULL")
                             : QString());
    const Status st = read(m_db, sql, {}, [&](const QSqlQuery& q) {
        out.append(outboxMessage(q, withBytes));
        return true;
    });
    if (!st)
        return st.error();
    return out;
}

Result<std::optional<OutboxMessage>> SqliteRecordsStore::message(const QString& id)
{
    std::optional<OutboxMessage> found;
    const Status st = read(m_db, QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(OutboxColumns),
                           {id}, [&](const QSqlQuery& q) {
                               found = outboxMessage(q, false);
                               return false;
                           });
    if (!st)
        return st.error();
    return found;
}

Status SqliteRecordsStore::updateDelivery(const OutboxMessage& m)
{
    const auto textOrNull = [](const QString& t) {
        return t.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(t);
    };
    return write(
        m_db,
        QStringLiteral("UPDATE outbox SET handed_over_at = ?, handed_over_to = ?, delivered_at = ?, "
                       "delivered_to = ?, attempts = ?, last_attempt_at = ?, last_error = ? WHERE id = ?"),
        {isoOrNull(m.handedOverAt), textOrNull(m.handedOverTo), isoOrNull(m.deliveredAt),
         textOrNull(m.deliveredTo), m.attempts, isoOrNull(m.lastAttemptAt), textOrNull(m.lastError), m.id});
}

Result<AuditHead> SqliteRecordsStore::auditHead()
{
    AuditHead head{0, AuditChain::genesis()};
    const Status st = read(m_db, QStringLiteral("SELECT n, hash FROM audit ORDER BY n DESC LIMIT 1"), {},
                           [&](const QSqlQuery& q) {
                               head.count = q.value(0).toULongLong();
                               head.hash = q.value(1).toByteArray();
                               return false;
                           });
    if (!st)
        return st.error();
    return head;
}

Status SqliteRecordsStore::appendAudit(const StoredAuditEntry& e)
{
    return write(m_db, QStringLiteral("INSERT INTO audit(n, entry, hash) VALUES(?, ?, ?)"),
                 {qint64(e.n), e.entry, e.hash});
}

Status SqliteRecordsStore::readAudit(const std::function<bool(const StoredAuditEntry&)>& each)
{
    return read(
        m_db, QStringLiteral("SELECT n, entry, hash FROM audit ORDER BY n"), {}, [&](const QSqlQuery& q) {
            return each({q.value(0).toULongLong(), q.value(1).toByteArray(), q.value(2).toByteArray()});
        });
}

// --- Records from before the trail -------------------------------------------------

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
                 f.at = fromIso(q.value(4).toString());
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
