// The records door: sign-in, accounts and the desk's settings.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "records/AccountRules.h"

#include "accounts/AccountName.h"
#include "accounts/PasswordHash.h"
#include "accounts/Permissions.h"
#include "util/Clock.h"
#include "util/Printable.h"

#include <QCoreApplication>
#include <QUrl>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

Error signInError()
{
    return makeError(QStringLiteral("records.sign-in"), Tr::tr("Wrong name or password."));
}

// A stored hash to verify against when the name is unknown, so the time
// taken does not tell which names exist.
const QString& dummyHash()
{
    static const QString hash = [] {
        auto h = PasswordHash::hash(QStringLiteral("no such account, no such password"));
        return h ? *h : QString();
    }();
    return hash;
}

} // namespace

using namespace deskrecords;

Result<Session> DeskRecords::signIn(const QString& typedName, const QString& password)
{
    // As kept (AccountName::normalise); a name that is not one is unknown.
    const QString name =
        typedName.normalized(QString::NormalizationForm_KC).trimmed().left(AccountName::MaxLength);
    auto desk = deskId();
    if (!desk)
        return desk.error();
    const QDateTime now = m_clock.nowUtc();
    // The lock check, the password check and the new lockout state are one
    // write transaction (BEGIN IMMEDIATE): parallel attempts on one account
    // take turns, so none checks a password against a state another attempt
    // has already moved on, and none signs in while another locked the account.
    // The refusal goes to the trail with the attempt; `actor` is set by the
    // body before transact() appends the entry.
    QString actor = name.isEmpty() ? QStringLiteral("unknown") : name;
    std::optional<Session> session;
    std::optional<Error> refusal;
    const Status s = transact(nullptr, actor, [&]() -> Result<Entry> {
        auto found = m_store.account(name);
        if (!found)
            return found.error();
        auto failed = [&](const QString& reason, const AccountRecord* account, Error why) -> Result<Entry> {
            QCborMap data{{QStringLiteral("name"), name}, {QStringLiteral("reason"), reason}};
            if (account) {
                data.insert(QStringLiteral("account"), account->id);
                if (reason == QLatin1String("wrong_password")) {
                    data.insert(QStringLiteral("failures"), account->lockout.failures);
                    if (account->lockout.isLocked(now))
                        data.insert(QStringLiteral("locked_until"),
                                    AuditChain::formatTime(account->lockout.lockedUntil));
                }
            }
            refusal = std::move(why);
            return Entry{QStringLiteral("signin_failed"), data};
        };
        if (!found->has_value()) {
            (void)PasswordHash::verify(password, dummyHash());
            return failed(QStringLiteral("unknown_name"), nullptr, signInError());
        }
        AccountRecord a = **found;
        if (auto locked = a.lockout.check(now); !locked)
            return failed(QStringLiteral("locked"), &a, locked.error());
        if (auto v = PasswordHash::verify(password, a.passwordHash); !v) {
            if (v.error().code != QLatin1String("accounts.wrong-password"))
                qWarning("sign-in: %s", qPrintable(v.error().code)); // never the hash or the password
            a.lockout = next(a.lockout, false, now);
            if (auto u = m_store.updateAccount(a); !u)
                return u.error();
            return failed(QStringLiteral("wrong_password"), &a, signInError());
        }
        if (a.disabled)
            return failed(QStringLiteral("disabled"), &a,
                          makeError(QStringLiteral("records.disabled"),
                                    Tr::tr("This account is disabled. Ask an administrator.")));
        a.lockout = next(a.lockout, true, now);
        const bool rehash = PasswordHash::needsRehash(a.passwordHash);
        if (rehash)
            if (auto h = PasswordHash::hash(password); h)
                a.passwordHash = *h;
        if (auto u = m_store.updateAccount(a); !u)
            return u.error();
        session = Session{a.id, a.name, a.role, *desk, false, a.mustChangePassword};
        actor = session->actor();
        QCborMap data{{QStringLiteral("account"), a.id}, {QStringLiteral("role"), roleName(a.role)}};
        if (rehash && a.passwordHash != (**found).passwordHash)
            data.insert(QStringLiteral("rehashed"), true);
        return Entry{QStringLiteral("signin"), data};
    });
    if (!s)
        return s.error();
    if (refusal)
        return *refusal;
    return *session;
}

Status DeskRecords::signOut(const Session& session)
{
    return transact(&session, session.actor(), [&]() -> Result<Entry> {
        return Entry{QStringLiteral("signout"), QCborMap{{QStringLiteral("account"), session.accountId}}};
    });
}

Status DeskRecords::lock(const Session& session)
{
    return transact(&session, session.actor(), [&]() -> Result<Entry> {
        return Entry{QStringLiteral("lock"), QCborMap{{QStringLiteral("account"), session.accountId}}};
    });
}

// --- Accounts -------------------------------------------------------------------

Result<AccountRecord> DeskRecords::addAccount(const Session& session, const QString& typedName, Role role,
                                              const QString& password)
{
    return addAccount(session, typedName, role, password, false);
}

Result<AccountRecord> DeskRecords::addFirstAdministrator(const Session& session, const QString& name,
                                                         const QString& password)
{
    return addAccount(session, name, Role::Administrator, password, true);
}

Result<AccountRecord> DeskRecords::addAccount(const Session& session, const QString& typedName, Role role,
                                              const QString& password, bool onlyTheFirst)
{
    if (auto p = permit(session, Action::ManageAccounts); !p)
        return p.error();
    auto normal = AccountName::normalise(typedName);
    if (!normal)
        return normal.error();
    const QString name = *normal;
    if (auto r = PasswordRules{}.check(password, name); !r)
        return r.error();
    auto hash = PasswordHash::hash(password);
    if (!hash)
        return hash.error();
    AccountRecord account;
    account.id = newId();
    account.name = name;
    account.role = role;
    account.passwordHash = *hash;
    account.createdAt = m_clock.nowUtc();
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto existing = m_store.account(name);
        if (!existing)
            return existing.error();
        if (existing->has_value())
            return makeError(QStringLiteral("records.name-taken"),
                             Tr::tr("There is already an account named %1.").arg((*existing)->name));
        // Four eyes counts people: a name that looks like another's is refused.
        auto all = m_store.accounts();
        if (!all)
            return all.error();
        if (onlyTheFirst && !all->isEmpty())
            return makeError(QStringLiteral("records.not-first"),
                             Tr::tr("This desk has accounts: an administrator signs in to add another."));
        for (const AccountRecord& other : *all)
            if (AccountName::confusable(other.name, name))
                return makeError(QStringLiteral("records.name-confusable"),
                                 Tr::tr("The name %1 looks like the existing account %2: choose another.")
                                     .arg(printable(name), printable(other.name)));
        if (auto i = m_store.insertAccount(account); !i)
            return i.error();
        return Entry{QStringLiteral("account_added"), QCborMap{{QStringLiteral("account"), account.id},
                                                               {QStringLiteral("name"), account.name},
                                                               {QStringLiteral("role"), roleName(role)}}};
    });
    if (!s)
        return s.error();
    return account;
}

Status DeskRecords::disableAccount(const Session& session, const QString& name)
{
    return changeAccount(session, name, [](AccountRecord& a) -> Result<Entry> {
        a.disabled = true;
        return Entry{QStringLiteral("account_disabled"),
                     QCborMap{{QStringLiteral("account"), a.id}, {QStringLiteral("name"), a.name}}};
    });
}

Status DeskRecords::enableAccount(const Session& session, const QString& name)
{
    return changeAccount(session, name, [](AccountRecord& a) -> Result<Entry> {
        if (!a.disabled)
            return makeError(QStringLiteral("records.no-change"),
                             Tr::tr("The account %1 is not disabled.").arg(printable(a.name)));
        a.disabled = false;
        a.lockout = {}; // a fresh start, as with a new password
        return Entry{QStringLiteral("account_enabled"),
                     QCborMap{{QStringLiteral("account"), a.id}, {QStringLiteral("name"), a.name}}};
    });
}

Status DeskRecords::setRole(const Session& session, const QString& name, Role role)
{
    return changeAccount(
        session, name,
        [role](AccountRecord& a) -> Result<Entry> {
            if (a.role == role)
                return makeError(QStringLiteral("records.no-change"),
                                 Tr::tr("%1 is already %2.").arg(printable(a.name), roleTitle(role)));
            const Role before = a.role;
            a.role = role;
            return Entry{QStringLiteral("role_changed"), QCborMap{{QStringLiteral("account"), a.id},
                                                                  {QStringLiteral("name"), a.name},
                                                                  {QStringLiteral("from"), roleName(before)},
                                                                  {QStringLiteral("role"), roleName(role)}}};
        },
        role);
}

Status DeskRecords::changeAccount(const Session& session, const QString& name,
                                  const std::function<Result<Entry>(AccountRecord&)>& change,
                                  std::optional<Role> newRole)
{
    if (auto p = permit(session, Action::ManageAccounts); !p)
        return p;
    return transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = m_store.account(name);
        if (!found)
            return found.error();
        if (!found->has_value())
            return notFound(name);
        AccountRecord a = **found;
        auto all = m_store.accounts();
        if (!all)
            return all.error();
        auto entry = change(a);
        if (!entry)
            return entry.error();
        // Four eyes and a desk that stays manageable, checked in the same transaction.
        if (auto r = AccountRules::mayChange(session, **found, *all, a.disabled, newRole.value_or(a.role));
            !r)
            return r.error();
        if (auto u = m_store.updateAccount(a); !u)
            return u.error();
        return entry;
    });
}

Status DeskRecords::setPassword(const Session& session, const QString& name, const QString& password)
{
    auto found = m_store.account(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return notFound(name);
    const bool own = !session.accountId.isEmpty() && session.accountId == (*found)->id;
    if (!own)
        if (auto p = permit(session, Action::ManageAccounts); !p)
            return p;
    if (auto r = PasswordRules{}.check(password, (*found)->name); !r)
        return r;
    auto hash = PasswordHash::hash(password);
    if (!hash)
        return hash.error();
    return transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto fresh = m_store.account(name);
        if (!fresh)
            return fresh.error();
        if (!fresh->has_value())
            return notFound(name);
        AccountRecord a = **fresh;
        a.passwordHash = *hash;
        a.lockout = {}; // a new password ends a lock
        // Set by someone else, its owner must change it (issue 19 item 10).
        a.mustChangePassword = !own;
        if (auto u = m_store.updateAccount(a); !u)
            return u.error();
        return Entry{QStringLiteral("password_changed"), QCborMap{{QStringLiteral("account"), a.id},
                                                                  {QStringLiteral("name"), a.name},
                                                                  {QStringLiteral("must_change"), !own}}};
    });
}

Status DeskRecords::changeSettings(const Session& session, const DeskSettings& wanted)
{
    if (auto p = permit(session, Action::ChangeSettings); !p)
        return p;
    if (wanted.idleLockMinutes < 1 || wanted.idleLockMinutes > 240)
        return makeError(QStringLiteral("records.bad-setting"), Tr::tr("The idle lock is 1 to 240 minutes."));
    if (!wanted.outboxIntake.isEmpty()) {
        const QUrl url(wanted.outboxIntake, QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() ||
            !url.userInfo().isEmpty())
            return makeError(
                QStringLiteral("records.bad-setting"),
                Tr::tr("The outbox's intake is an https:// URL without a name or password in it."));
    }
    return transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto current = m_store.settings();
        if (!current)
            return current.error();
        DeskSettings s = wanted;
        s.deskId = current->deskId; // never changed by a setting
        if (s.deskName.trimmed().isEmpty())
            s.deskName = current->deskName;
        if (auto w = m_store.saveSettings(s); !w)
            return w.error();
        return Entry{
            QStringLiteral("settings_changed"),
            QCborMap{{QStringLiteral("one_person_post"), s.onePersonPost},
                     {QStringLiteral("idle_lock_minutes"), s.idleLockMinutes},
                     {QStringLiteral("desk_name"), s.deskName},
                     {QStringLiteral("outbox_intake"), s.outboxIntake},
                     {QStringLiteral("outbox_ca"), s.outboxCaPath},
                     // A proxy's name and password are secrets: never in the trail.
                     {QStringLiteral("outbox_proxy"),
                      s.outboxProxy.contains(u'@') ? QStringLiteral("(with credentials)") : s.outboxProxy}}};
    });
}

} // namespace kp
