#include "records/DeskRecords.h"

#include "records/AccountRules.h"

#include "accounts/AccountName.h"
#include "accounts/PasswordHash.h"
#include "accounts/Permissions.h"
#include "audit/AuditExport.h"
#include "cases/CaseStore.h"
#include "util/Clock.h"
#include "util/Printable.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

// Text people type into a record: the entry must fit in the trail's 64 KiB.
constexpr int MaxText = 16 * 1024;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Error signInError()
{
    return makeError(QStringLiteral("records.sign-in"), Tr::tr("Wrong name or password."));
}

Error notFound(const QString& what)
{
    return makeError(QStringLiteral("records.not-found"), Tr::tr("No such record: %1.").arg(what));
}

// A certificate is released once: the refusal of a second release names the first.
Error alreadyReleased(const QString& number, const ReleaseRecord& first)
{
    const QString at = first.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    const QString message =
        first.by.isEmpty()
            ? Tr::tr("Certificate %1 was already released at %2 (inspection %3): a certificate is released "
                     "once.")
                  .arg(number, at, first.inspectionId)
            : Tr::tr("Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is "
                     "released once.")
                  .arg(number, at, first.by, first.inspectionId);
    return makeError(QStringLiteral("records.already-released"), message);
}

Status checkText(const QString& text)
{
    if (text.size() > MaxText)
        return makeError(
            QStringLiteral("records.too-long"),
            Tr::tr("The text is too long (%1 characters; at most %2).").arg(text.size()).arg(MaxText));
    return success();
}

QCborArray attachmentList(const QList<EventAttachment>& files)
{
    QCborArray list;
    for (const EventAttachment& a : files)
        list.append(QCborMap{{QStringLiteral("name"), a.name},
                             {QStringLiteral("sha256"), QString::fromLatin1(a.sha256.toHex())},
                             {QStringLiteral("size"), a.size}});
    return list;
}

// Gives each attachment its id, size and SHA-256.
QList<EventAttachment> sealAttachments(QList<EventAttachment> files)
{
    for (EventAttachment& a : files) {
        a.id = newId();
        a.size = a.data.size();
        a.sha256 = QCryptographicHash::hash(a.data, QCryptographicHash::Sha256);
    }
    return files;
}

Result<QList<EventAttachment>> prepareAttachments(const QList<EventAttachment>& files)
{
    for (const EventAttachment& a : files)
        if (auto s = CaseLife::checkAttachment(a.name, a.data.size()); !s)
            return s.error();
    return sealAttachments(files);
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

QString Session::actor() const
{
    return commandLine ? QStringLiteral("cli:") + name : name;
}

const QString DeskRecords::LegacyActor = QStringLiteral("kpdesk:upgrade");

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

// --- Sign-in ------------------------------------------------------------------

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

// --- Inspections ------------------------------------------------------------------

Result<QString> DeskRecords::recordVerification(const Session& session, const Inspection& inspection,
                                                const QByteArray& imagePng)
{
    if (auto p = permit(session, Action::Verify); !p)
        return p.error();
    InspectionRecord r;
    r.id = newId();
    r.at = inspection.verifiedAt.isValid() ? inspection.verifiedAt : m_clock.nowUtc();
    r.officer = session.actor();
    r.officerId = session.accountId;
    r.number = inspection.number;
    r.participant = inspection.certificate ? inspection.certificate->issuer : QString();
    r.verdict = inspection.verdict;
    r.finalVerdict = inspection.verdict;
    r.inspection = inspection.toJson();
    r.image = imagePng;
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        if (auto i = m_store.insertInspection(r); !i)
            return i.error();
        return Entry{QStringLiteral("verification"),
                     QCborMap{{QStringLiteral("inspection"), r.id},
                              {QStringLiteral("number"), r.number},
                              {QStringLiteral("verdict"), verdictName(r.verdict)}}};
    });
    if (!s)
        return s.error();
    return r.id;
}

Result<Verdict> DeskRecords::recordPhysicalCheck(const Session& session, const QString& inspectionId,
                                                 const PhysicalCheck& check)
{
    if (auto p = permit(session, Action::RecordPhysicalCheck); !p)
        return p.error();
    Verdict final = Verdict::Reject;
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = m_store.inspection(inspectionId);
        if (!found)
            return found.error();
        if (!found->has_value())
            return notFound(inspectionId);
        // The mismatches are read against the certificate as it was stored, not
        // as a caller says it was.
        QStringList mismatches;
        const QJsonValue cert = (*found)->inspection.value(QStringLiteral("certificate"));
        if (cert.isObject())
            if (auto record = CertificateRecord::fromJson(cert.toObject()))
                mismatches = check.mismatches(*record);
        final = finalVerdict((*found)->verdict, mismatches);
        if (auto w = m_store.setPhysicalCheck(inspectionId, check, final); !w)
            return w.error();
        QCborMap data{{QStringLiteral("inspection"), inspectionId},
                      {QStringLiteral("final_verdict"), verdictName(final)},
                      {QStringLiteral("mismatches"), QCborArray::fromStringList(mismatches)}};
        if (check.parcelsCounted)
            data.insert(QStringLiteral("parcels"), qint64(*check.parcelsCounted));
        if (check.massCarats) // integers only in the trail: centicarats, as in KP1 records
            data.insert(QStringLiteral("mass_cct"), qint64(qRound64(*check.massCarats * 100.0)));
        if (check.sealsIntact)
            data.insert(QStringLiteral("seals_intact"), *check.sealsIntact);
        if (check.importerMatches)
            data.insert(QStringLiteral("importer_matches"), *check.importerMatches);
        return Entry{QStringLiteral("physical_check"), data};
    });
    if (!s)
        return s.error();
    return final;
}

Status DeskRecords::release(const Session& session, const QString& inspectionId,
                            const MessageMaker& confirmation)
{
    std::optional<Error> refusal;
    const Status s = transact(
        &session, session.actor(),
        [&]() -> Result<Entry> {
            // Read, judged and written in one transaction (BEGIN IMMEDIATE):
            // two releases at once cannot both find the certificate unused.
            auto found = m_store.inspection(inspectionId);
            if (!found)
                return found.error();
            if (!found->has_value())
                return notFound(inspectionId);
            const InspectionRecord& r = **found;
            std::optional<ReleaseRecord> earlier;
            if (!r.number.isEmpty()) {
                auto released = m_store.releaseOf(r.number);
                if (!released)
                    return released.error();
                earlier = *released;
            }
            if (auto p = permit(session, Action::ReleaseAccepted); !p)
                refusal = p.error();
            else if (earlier)
                refusal = alreadyReleased(r.number, *earlier);
            else if (!r.physical || r.physical->isEmpty())
                refusal =
                    makeError(QStringLiteral("records.not-releasable"),
                              Tr::tr("No physical check was recorded: count and weigh the shipment first."));
            else if (r.finalVerdict != Verdict::Accept)
                refusal = makeError(
                    QStringLiteral("records.not-releasable"),
                    Tr::tr("The verdict is %1, not accept: only a supervisor's decision on a case can "
                           "release this shipment.")
                        .arg(verdictName(r.finalVerdict)));
            QCborMap data{{QStringLiteral("inspection"), r.id}, {QStringLiteral("number"), r.number}};
            if (refusal) {
                data.insert(QStringLiteral("reason"), refusal->code);
                return Entry{QStringLiteral("release_refused"), data};
            }
            // The release is what the `duplicate` check counts, not the scans.
            if (!r.number.isEmpty())
                if (auto w = m_store.insertRelease(r, m_clock.nowUtc(), QStringLiteral("officer"),
                                                   session.actor());
                    !w)
                    return w.error();
            return Entry{QStringLiteral("release"), data};
        },
        [&]() -> Status {
            if (refusal || !confirmation)
                return success();
            return makeMessage(session, confirmation, nullptr);
        });
    if (!s)
        return s;
    if (refusal)
        return *refusal;
    return success();
}

// --- Cases ---------------------------------------------------------------------------

Result<QString> DeskRecords::flag(const Session& session, const QString& inspectionId, const FlagInput& input)
{
    if (auto p = permit(session, Action::Flag); !p)
        return p.error();
    QStringList reasons;
    for (const QString& r : input.reasons)
        if (!r.trimmed().isEmpty())
            reasons << r.trimmed();
    if (reasons.isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("A flag needs at least one reason."));
    if (auto t = checkText(reasons.join(QLatin1Char('\n')) + input.notes); !t)
        return t.error();
    auto files = prepareAttachments(input.attachments);
    if (!files)
        return files.error();
    auto desk = deskId();
    if (!desk)
        return desk.error();
    CaseRecord record{newId(), inspectionId, m_clock.nowUtc(), *desk, QString()};
    CaseEvent e;
    e.actor = session.actor();
    e.actorId = session.accountId;
    e.data = QJsonObject{{QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)},
                         {QStringLiteral("notes"), input.notes},
                         {QStringLiteral("held"), input.held}};
    e.attachments = *files;
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = m_store.inspection(inspectionId);
        if (!found)
            return found.error();
        if (!found->has_value())
            return notFound(inspectionId);
        return openCase(record, e, (*found)->number, (*found)->participant);
    });
    if (!s)
        return s.error();
    return record.id;
}

Result<DeskRecords::Entry> DeskRecords::openCase(const CaseRecord& record, CaseEvent& e,
                                                 const QString& number, const QString& participant)
{
    if (auto i = m_store.insertCase(record); !i)
        return i.error();
    e.id = newId();
    e.caseId = record.id;
    e.seq = 1;
    e.at = record.openedAt;
    e.kind = CaseEventKind::Flagged;
    if (auto a = m_store.appendEvent(e); !a)
        return a.error();
    auto facts = CaseLife::replay({e});
    if (!facts)
        return facts.error();
    if (auto x = m_store.indexCase(CaseSummary{record, *facts, number, participant, 1}); !x)
        return x.error();
    QCborMap data = QCborMap::fromJsonObject(e.data);
    data.insert(QStringLiteral("case"), record.id);
    data.insert(QStringLiteral("event"), e.id);
    data.insert(QStringLiteral("inspection"), record.inspectionId);
    data.insert(QStringLiteral("number"), number);
    data.insert(QStringLiteral("attachments"), attachmentList(e.attachments));
    return Entry{QStringLiteral("flagged"), data};
}

Result<int> DeskRecords::adoptLegacy(LegacyRecords& legacy)
{
    if (auto d = deskId(); !d)
        return d.error();
    if (auto b = m_store.begin(); !b)
        return b.error();
    auto fail = [&](const Error& e) -> Result<int> {
        m_store.rollback();
        return e;
    };
    if (auto ids = legacy.assignInspectionIds(&newId); !ids)
        return fail(ids.error());
    auto flags = legacy.legacyFlags();
    if (!flags)
        return fail(flags.error());
    for (const LegacyFlag& flag : *flags) {
        // The event keeps the old flag's time and the name typed then; the
        // trail says the upgrade wrote it, now, and that nobody signed in.
        CaseRecord record{newId(), flag.inspectionId, flag.at.isValid() ? flag.at : m_clock.nowUtc(),
                          m_deskId, QString()};
        CaseEvent e;
        e.actor = flag.officer;
        e.data = QJsonObject{{QStringLiteral("reasons"), QJsonArray::fromStringList(flag.reasons)},
                             {QStringLiteral("notes"), flag.notes},
                             {QStringLiteral("held"), flag.held},
                             {QStringLiteral("adopted"), true}};
        e.attachments = sealAttachments(flag.attachments); // kept whatever today's size limit
        auto entry = openCase(record, e, flag.number, flag.participant);
        if (!entry)
            return fail(entry.error());
        entry->data.insert(QStringLiteral("legacy_flag"), flag.row);
        entry->data.insert(QStringLiteral("flagged_by"), flag.officer);
        if (auto m = legacy.markAdopted(flag.row); !m)
            return fail(m.error());
        if (auto a = append(LegacyActor, *entry); !a)
            return fail(a.error());
    }
    if (auto c = m_store.commit(); !c)
        return c.error();
    return int(flags->size());
}

Status DeskRecords::appendCaseEvent(const Session& session, const QString& caseId, CaseEventKind kind,
                                    QJsonObject data, const QList<EventAttachment>& attachments,
                                    const std::function<Status(const CaseFacts&, QJsonObject&)>& rule,
                                    const std::function<Status()>& then)
{
    // The role first, whatever the case says.
    if (auto p = permit(session, CaseLife::actionFor(kind)); !p)
        return p;
    auto files = prepareAttachments(attachments);
    if (!files)
        return files.error();
    return transact(
        &session, session.actor(),
        [&]() -> Result<Entry> {
            auto record = m_store.caseRecord(caseId);
            if (!record)
                return record.error();
            if (!record->has_value())
                return notFound(caseId);
            auto events = m_store.events(caseId);
            if (!events)
                return events.error();
            auto facts = CaseLife::replay(*events);
            if (!facts)
                return facts.error();
            if (auto a =
                    CaseLife::allowed(events->isEmpty() ? std::nullopt : std::optional(facts->state), kind);
                !a)
                return a.error();
            if (rule)
                if (auto r = rule(*facts, data); !r)
                    return r.error();
            CaseEvent e;
            e.id = newId();
            e.caseId = caseId;
            e.seq = int(events->size()) + 1;
            e.at = m_clock.nowUtc();
            e.actor = session.actor();
            e.actorId = session.accountId;
            e.kind = kind;
            e.data = data;
            e.attachments = *files;
            if (auto a = m_store.appendEvent(e); !a)
                return a.error();
            events->append(e);
            auto after = CaseLife::replay(*events);
            if (!after)
                return after.error();
            CaseSummary summary{**record, *after, QString(), QString(), int(events->size())};
            if (auto x = m_store.indexCase(summary); !x)
                return x.error();
            QCborMap entry = QCborMap::fromJsonObject(e.data);
            entry.insert(QStringLiteral("case"), caseId);
            entry.insert(QStringLiteral("event"), e.id);
            entry.insert(QStringLiteral("seq"), e.seq);
            if (!e.attachments.isEmpty())
                entry.insert(QStringLiteral("attachments"), attachmentList(e.attachments));
            return Entry{caseEventKindName(kind), entry};
        },
        then);
}

Status DeskRecords::addNote(const Session& session, const QString& caseId, const QString& text)
{
    if (text.trimmed().isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("A note needs some text."));
    if (auto t = checkText(text); !t)
        return t;
    return appendCaseEvent(session, caseId, CaseEventKind::Note, {{QStringLiteral("text"), text}}, {}, {});
}

Status DeskRecords::addEvidence(const Session& session, const QString& caseId,
                                const QList<EventAttachment>& files)
{
    if (files.isEmpty())
        return makeError(QStringLiteral("records.no-files"), Tr::tr("Evidence needs at least one file."));
    return appendCaseEvent(session, caseId, CaseEventKind::Evidence, {}, files, {});
}

Status DeskRecords::take(const Session& session, const QString& caseId)
{
    return appendCaseEvent(session, caseId, CaseEventKind::Review, {}, {}, {});
}

Status DeskRecords::decide(const Session& session, const QString& caseId, Outcome outcome,
                           const QString& reason, const MessageMaker& confirmation)
{
    if (auto p = permit(session, Action::Decide); !p)
        return p;
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("A decision needs its reason."));
    if (auto t = checkText(reason); !t)
        return t;
    auto settings = m_store.settings();
    if (!settings)
        return settings.error();
    const bool onePersonPost = settings->onePersonPost;
    return appendCaseEvent(
        session, caseId, CaseEventKind::Decision,
        {{QStringLiteral("outcome"), outcomeName(outcome)}, {QStringLiteral("reason"), reason}}, {},
        [&](const CaseFacts& facts, QJsonObject& data) -> Status {
            auto basis =
                Permissions::mayDecide(Role::Supervisor, session.actor(), facts.flaggedBy, onePersonPost);
            if (!basis)
                return basis.error();
            // The record says how four eyes were kept (kp-cases.md).
            data.insert(QStringLiteral("four_eyes"), decisionBasisName(*basis));
            return success();
        },
        [&]() -> Status {
            if (outcome != Outcome::Released)
                return success();
            // Released: the `duplicate` check counts it from now on.
            auto kase = m_store.caseRecord(caseId);
            if (!kase)
                return kase.error();
            if (*kase) {
                auto insp = m_store.inspection((*kase)->inspectionId);
                if (!insp)
                    return insp.error();
                if (*insp && !(*insp)->number.isEmpty()) {
                    // A certificate is released once, by an officer or a decision.
                    auto earlier = m_store.releaseOf((*insp)->number);
                    if (!earlier)
                        return earlier.error();
                    if (*earlier && (*earlier)->inspectionId != (*insp)->id)
                        return alreadyReleased((*insp)->number, **earlier);
                    // This very shipment was released (and flagged after): it
                    // counts once, and its import was confirmed then.
                    if (*earlier)
                        return success();
                    if (auto w = m_store.insertRelease(**insp, m_clock.nowUtc(), QStringLiteral("decision"),
                                                       session.actor());
                        !w)
                        return w;
                }
            }
            // A shipment released by a decision was received: it is confirmed too.
            if (!confirmation)
                return success();
            return makeMessage(session, confirmation, nullptr);
        });
}

Result<QString> DeskRecords::escalate(const Session& session, const QString& caseId, const QStringList& to,
                                      const MessageMaker& doubt)
{
    if (auto p = permit(session, Action::Escalate); !p)
        return p.error();
    if (!doubt)
        return makeError(
            QStringLiteral("outbox.not-enrolled"),
            Tr::tr("This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol)."));
    if (to.isEmpty())
        return makeError(QStringLiteral("records.no-addressee"),
                         Tr::tr("An escalation needs at least one addressee."));
    OutboxMessage made;
    const Status s = appendCaseEvent(
        session, caseId, CaseEventKind::Escalated, {}, {},
        [&](const CaseFacts&, QJsonObject& data) -> Status {
            // The message is made first: the event names it.
            auto n = m_store.lastMessageNumber();
            if (!n)
                return n.error();
            auto head = m_store.auditHead();
            if (!head)
                return head.error();
            auto message = doubt(*n + 1, *head);
            if (!message)
                return message.error();
            made = *message;
            data.insert(QStringLiteral("to"), QJsonArray::fromStringList(to));
            data.insert(QStringLiteral("message"), made.id);
            return success();
        },
        [&]() -> Status { return storeMessage(session, made); });
    if (!s)
        return s.error();
    return made.id;
}

Status DeskRecords::makeMessage(const Session& session, const MessageMaker& maker, OutboxMessage* made)
{
    auto n = m_store.lastMessageNumber();
    if (!n)
        return n.error();
    auto head = m_store.auditHead();
    if (!head)
        return head.error();
    auto message = maker(*n + 1, *head);
    if (!message)
        return message.error();
    if (made)
        *made = *message;
    return storeMessage(session, *message);
}

Status DeskRecords::storeMessage(const Session& session, const OutboxMessage& message)
{
    if (auto i = m_store.insertMessage(message); !i)
        return i;
    return append(
        session.actor(),
        Entry{QStringLiteral("message_made"),
              QCborMap{{QStringLiteral("message"), message.id},
                       {QStringLiteral("n"), qint64(message.n)},
                       {QStringLiteral("kind"), message.kind},
                       {QStringLiteral("file"), message.fileName},
                       {QStringLiteral("sha256"),
                        QString::fromLatin1(
                            QCryptographicHash::hash(message.bytes, QCryptographicHash::Sha256).toHex())},
                       {QStringLiteral("number"), message.number}}});
}

// --- The outbox's deliveries ---------------------------------------------------------

Status DeskRecords::messageGone(const Session& session, const QString& messageId, bool delivered,
                                const QString& where)
{
    return transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = m_store.message(messageId);
        if (!found)
            return found.error();
        if (!found->has_value())
            return notFound(messageId);
        OutboxMessage m = **found;
        const QDateTime now = m_clock.nowUtc();
        if (delivered) {
            m.deliveredAt = now;
            m.deliveredTo = where;
            m.lastAttemptAt = now;
            m.attempts += 1;
            m.lastError.clear();
        } else {
            m.handedOverAt = now;
            m.handedOverTo = where;
        }
        if (auto u = m_store.updateDelivery(m); !u)
            return u.error();
        return Entry{delivered ? QStringLiteral("message_delivered") : QStringLiteral("message_handed_over"),
                     QCborMap{{QStringLiteral("message"), m.id},
                              {QStringLiteral("n"), qint64(m.n)},
                              {QStringLiteral("to"), where}}};
    });
}

Status DeskRecords::messageDelivered(const Session& session, const QString& messageId, const QString& url)
{
    return messageGone(session, messageId, true, url);
}

Status DeskRecords::messageHandedOver(const Session& session, const QString& messageId, const QString& folder)
{
    return messageGone(session, messageId, false, folder);
}

Status DeskRecords::messageAttemptFailed(const QString& messageId, const QString& error)
{
    // Not in the trail: a failed attempt changes nothing but when to try again.
    if (auto b = m_store.begin(); !b)
        return b;
    auto found = m_store.message(messageId);
    if (!found) {
        m_store.rollback();
        return found.error();
    }
    // A message delivered or handed over meanwhile keeps its state.
    if (found->has_value() && !(*found)->deliveredAt.isValid() && !(*found)->handedOverAt.isValid()) {
        OutboxMessage m = **found;
        m.attempts += 1;
        m.lastAttemptAt = m_clock.nowUtc();
        m.lastError = error.left(500);
        if (auto u = m_store.updateDelivery(m); !u) {
            m_store.rollback();
            return u;
        }
    }
    return m_store.commit();
}

Status DeskRecords::close(const Session& session, const QString& caseId, const QString& reason)
{
    if (auto t = checkText(reason); !t)
        return t;
    return appendCaseEvent(session, caseId, CaseEventKind::Closed, {{QStringLiteral("reason"), reason}}, {},
                           {});
}

Status DeskRecords::reopen(const Session& session, const QString& caseId, const QString& reason)
{
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("Reopening a case needs its reason."));
    if (auto t = checkText(reason); !t)
        return t;
    return appendCaseEvent(session, caseId, CaseEventKind::Reopened, {{QStringLiteral("reason"), reason}}, {},
                           {});
}

Result<DeskRecords::CaseView> DeskRecords::caseView(const QString& caseId, bool withAttachmentData)
{
    auto record = m_store.caseRecord(caseId);
    if (!record)
        return record.error();
    if (!record->has_value())
        return notFound(caseId);
    auto events = m_store.events(caseId, withAttachmentData);
    if (!events)
        return events.error();
    auto facts = CaseLife::replay(*events);
    if (!facts)
        return facts.error();
    return CaseView{**record, *facts, *events};
}

Status DeskRecords::note(const Session& session, const QString& kind, const QCborMap& data)
{
    static const QStringList kinds{QStringLiteral("sync_applied"),
                                   QStringLiteral("sync_refused"),
                                   QStringLiteral("verification"),
                                   QStringLiteral("desk_enrolled"),
                                   QStringLiteral("desk_certificate_installed"),
                                   QStringLiteral("office_set"),
                                   QStringLiteral("office_set_aside"),
                                   QStringLiteral("office_conflict")};
    if (!kinds.contains(kind))
        return makeError(QStringLiteral("records.kind"),
                         Tr::tr("'%1' is not an entry of its own.").arg(kind));
    return transact(&session, session.actor(), [&]() -> Result<Entry> { return Entry{kind, data}; });
}

// --- The trail -------------------------------------------------------------------------

Result<TrailCheck> DeskRecords::verifyTrail()
{
    TrailCheck check;
    AuditVerifier verifier;
    const Status s = m_store.readAudit([&](const StoredAuditEntry& row) {
        ++check.rows;
        Status st = verifier.addEncoded(row.entry, row.hash);
        if (st && row.n != verifier.count()) // the row's number must be the entry's own
            st = makeError(QStringLiteral("audit.sequence"),
                           Tr::tr("Entry %1 is stored as row %2.").arg(verifier.count()).arg(row.n));
        if (!st) {
            check.failure = st.error();
            check.failedAt = verifier.failed() ? verifier.failedAt() : verifier.count();
            return false;
        }
        return true;
    });
    if (!s)
        return s.error();
    check.head = verifier.position();
    return check;
}

Result<AuditHead> DeskRecords::exportTrail(QIODevice* out)
{
    AuditExportWriter writer(out);
    std::optional<Error> failure;
    const Status s = m_store.readAudit([&](const StoredAuditEntry& row) {
        if (auto w = writer.addEncoded(row.entry, row.hash); !w) {
            failure = w.error();
            return false;
        }
        return true;
    });
    if (!s)
        return s.error();
    if (failure)
        return *failure;
    return writer.head();
}

} // namespace kp
