// The records door's transaction: the session, the desk id, the permission
// check and the one transaction that writes a record with its trail entry.
// The door's records are in DeskRecords<Job>.cpp.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "accounts/Permissions.h"
#include "util/Clock.h"
#include "util/Printable.h"

#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

} // namespace

using namespace deskrecords;

QString Session::actor() const
{
    return commandLine ? QStringLiteral("cli:") + name : name;
}

Session Session::forCommandLine(const QString& unixUser, const QString& desk)
{
    Session s;
    s.name = unixUser.isEmpty() ? QStringLiteral("unknown") : unixUser;
    s.role = Role::Administrator;
    s.desk = desk;
    s.commandLine = true;
    return s;
}

DeskRecords::DeskRecords(RecordsStore& store, const Clock& clock) : m_store(store), m_clock(clock) {}

Result<DeskSettings> DeskRecords::settings()
{
    auto s = m_store.settings();
    if (!s)
        return s.error();
    if (s->deskId.isEmpty()) {
        // The desk's id, made once where the desk is.
        if (auto b = m_store.begin(); !b)
            return b.error();
        auto again = m_store.settings();
        if (!again) {
            m_store.rollback();
            return again.error();
        }
        if (again->deskId.isEmpty()) {
            again->deskId = newId();
            if (auto w = m_store.saveSettings(*again); !w) {
                m_store.rollback();
                return w.error();
            }
        }
        if (auto c = m_store.commit(); !c)
            return c.error();
        s = m_store.settings();
        if (!s)
            return s.error();
    }
    m_deskId = s->deskId;
    return s;
}

Result<QString> DeskRecords::deskId()
{
    if (m_deskId.isEmpty())
        if (auto s = settings(); !s)
            return s.error();
    return m_deskId;
}

Status DeskRecords::append(const QString& actor, const Entry& entry)
{
    auto head = m_store.auditHead();
    if (!head)
        return head.error();
    AuditEntry e;
    e.n = head->count + 1;
    e.at = m_clock.nowUtc();
    e.desk = m_deskId;
    e.actor = actor;
    e.kind = entry.kind;
    e.data = entry.data;
    auto bytes = AuditChain::encode(e);
    if (!bytes)
        return bytes.error();
    return m_store.appendAudit({e.n, *bytes, AuditChain::link(head->hash, *bytes)});
}

Status DeskRecords::transact(const Session* session, const QString& actor,
                             const std::function<Result<Entry>()>& body, const std::function<Status()>& then)
{
    Q_UNUSED(session);
    if (auto d = deskId(); !d)
        return d.error();
    if (auto b = m_store.begin(); !b)
        return b;
    auto entry = body();
    if (!entry) {
        m_store.rollback();
        return entry.error();
    }
    if (auto a = append(actor, *entry); !a) {
        m_store.rollback();
        return a;
    }
    if (then)
        if (auto t = then(); !t) {
            m_store.rollback();
            return t;
        }
    if (m_beforeCommit)
        m_beforeCommit();
    return m_store.commit();
}

Status DeskRecords::permit(const Session& session, Action action)
{
    Role role = Role::Administrator; // the command line: whoever can write the desk's file
    if (!session.commandLine) {
        // The role as stored, not as the session says: a session is plain data
        // that any caller could fill in.
        auto account = m_store.account(session.name);
        if (!account)
            return account.error();
        if (!account->has_value() || (*account)->id != session.accountId || session.accountId.isEmpty())
            return makeError(QStringLiteral("records.no-session"),
                             Tr::tr("Nobody is signed in with this account."));
        if ((*account)->disabled)
            return makeError(QStringLiteral("records.disabled"),
                             Tr::tr("This account is disabled. Ask an administrator."));
        // Four eyes: whoever set another's password cannot act as them.
        if ((*account)->mustChangePassword)
            return makeError(QStringLiteral("records.must-change-password"),
                             Tr::tr("The password of %1 was set by someone else: %1 must change it before "
                                    "doing anything else.")
                                 .arg(printable((*account)->name)));
        role = (*account)->role;
    }
    return Permissions::check(role, action);
}

Status DeskRecords::note(const Session& session, const QString& kind, const QCborMap& data)
{
    static const QStringList kinds{QStringLiteral("sync_applied"),
                                   QStringLiteral("sync_refused"),
                                   QStringLiteral("verification"),
                                   QStringLiteral("desk_enrolled"),
                                   QStringLiteral("desk_certificate_installed"),
                                   QStringLiteral("office_set"),
                                   QStringLiteral("sources_set"),
                                   QStringLiteral("office_set_aside"),
                                   QStringLiteral("office_conflict")};
    if (!kinds.contains(kind))
        return makeError(QStringLiteral("records.kind"),
                         Tr::tr("'%1' is not an entry of its own.").arg(kind));
    return transact(&session, session.actor(), [&]() -> Result<Entry> { return Entry{kind, data}; });
}

} // namespace kp
