// The records store on the desk's SQLite file: its transaction, settings,
// accounts and audit trail. Inspections, cases, the outbox and the records
// from before the trail are in SqliteRecordsStore<Job>.cpp.

#include "records/SqliteRecordsStore.h"
#include "records/SqliteRecordsStore_p.h"

#include "cache/CacheDatabase.h"

#include <QSqlError>

namespace kp {

using namespace sqlstore;

namespace {

AccountRecord accountFrom(const QSqlQuery& q)
{
    AccountRecord a;
    a.id = q.value(0).toString();
    a.name = q.value(1).toString();
    a.role = parseRole(q.value(2).toString()).ok() ? *parseRole(q.value(2).toString()) : Role::Officer;
    a.passwordHash = q.value(3).toString();
    a.disabled = q.value(4).toBool();
    a.lockout.failures = q.value(5).toInt();
    a.lockout.lockedUntil = parseIsoTime(q.value(6).toString());
    a.lockout.locks = q.value(7).toInt();
    a.createdAt = parseIsoTime(q.value(8).toString());
    a.mustChangePassword = q.value(9).toBool();
    return a;
}

const QString AccountColumns =
    QStringLiteral("id, name, role, password_hash, disabled, failures, locked_until, lock_count, created_at, "
                   "must_change_password");

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
         isoOrNull(a.lockout.lockedUntil), a.lockout.locks, isoTime(a.createdAt),
         a.mustChangePassword ? 1 : 0});
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

} // namespace kp
