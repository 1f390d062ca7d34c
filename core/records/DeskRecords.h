#pragma once

// The records door (docs/records.md): every record a person makes at the
// desk is written here, and only here. Each call, in ONE transaction of the
// store:
//   1. checks the session's role for the action (Permissions), and the rules
//      of the record (a case's transitions, four eyes, the attachment limit);
//   2. writes the record;
//   3. appends its audit entry (kp-cases.md), linked to the trail's head.
// A call refused by a rule writes nothing (except sign-in failures and
// refused releases, which are themselves part of the trail).

#include "records/LegacyRecords.h"
#include "records/RecordsStore.h"

#include <functional>

class QIODevice;

namespace kp {

class Clock;

// Who acts. Made by DeskRecords::signIn (a person), or commandLine() for the
// command line acting with the rights of whoever can write the desk's files.
struct Session
{
    QString accountId; // empty for the command line
    QString name;      // the account's name, or the unix user
    Role role = Role::Officer;
    QString desk; // the desk's id
    bool commandLine = false;
    // The password was set by someone else: until its owner changes it
    // (setPassword on their own account) the account may do nothing else.
    bool mustChangePassword = false;

    // The trail's `actor`: the account's name, or "cli:<unix user>".
    QString actor() const;
    // The command line's session: the rights of an administrator (accounts,
    // settings), never a case decision.
    static Session forCommandLine(const QString& unixUser, const QString& desk = {});
};

// A flag of reasonable doubt as the officer raises it.
struct FlagInput
{
    QStringList reasons;
    QString notes;
    bool held = true;
    QList<EventAttachment> attachments; // name and data; id, sha256 and size are filled in
};

// The trail's state as verified.
struct TrailCheck
{
    AuditHead head;   // what held (up to the first failure)
    quint64 rows = 0; // entries read
    std::optional<Error> failure;
    quint64 failedAt = 0;
};

// Makes a message for the outbox inside the door's transaction, given its
// number (1, 2, 3... without gaps) and the trail's head at that moment
// (core/outbox's MessageFactory signs it with the desk's key).
using MessageMaker = std::function<Result<OutboxMessage>(quint64 n, const AuditHead& trail)>;

class DeskRecords
{
public:
    DeskRecords(RecordsStore& store, const Clock& clock);

    RecordsStore& store() { return m_store; }
    // The desk's settings; the desk id is made (and recorded) on first use.
    Result<DeskSettings> settings();

    // --- Sign-in -------------------------------------------------------------
    // Wrong name and wrong password give the same words ("records.sign-in");
    // a locked account "accounts.locked" (no password checked), a disabled one
    // "records.disabled" (only once the password was right). Every failure is
    // in the trail (`signin_failed`); a success (`signin`) resets the lockout
    // and rehashes the password when the desk's scrypt parameters were raised.
    Result<Session> signIn(const QString& name, const QString& password);
    Status signOut(const Session& session);
    Status lock(const Session& session); // the idle desk locked its screen

    // --- Accounts (administrators, the command line) ------------------------
    // Error codes: "accounts.not-permitted", "records.name-taken",
    // "records.bad-name", the password rules' codes.
    // "records.name-confusable": the name looks like an existing account's.
    Result<AccountRecord> addAccount(const Session& session, const QString& name, Role role,
                                     const QString& password);
    // The desk's first account, an administrator, made by the command line
    // without a sign-in; "records.not-first" once the desk has an account.
    Result<AccountRecord> addFirstAdministrator(const Session& session, const QString& name,
                                                const QString& password);
    // An administrator for anyone, or a person for their own account. Set by
    // someone else, the password must be changed by its owner before the
    // account may do anything else ("records.must-change-password").
    // Four eyes (AccountRules): not one's own account, never the desk's last
    // enabled administrator ("records.own-account", "records.last-administrator");
    // "records.no-change" when the account already is so.
    Status disableAccount(const Session& session, const QString& name);
    Status enableAccount(const Session& session, const QString& name);
    Status setRole(const Session& session, const QString& name, Role role);
    Status setPassword(const Session& session, const QString& name, const QString& password);
    Status changeSettings(const Session& session, const DeskSettings& settings);

    // --- Inspections ----------------------------------------------------------
    // The verification as it was seen; returns the inspection's UUID.
    Result<QString> recordVerification(const Session& session, const Inspection& inspection,
                                       const QByteArray& imagePng = {});
    // The physical check; returns the final verdict. Recorded once: a second
    // one is refused ("records.already-checked"), it is a correction.
    Result<Verdict> recordPhysicalCheck(const Session& session, const QString& inspectionId,
                                        const PhysicalCheck& check);
    // A correction of a recorded physical check, made on purpose with its
    // reason: appended (the check it replaces stays readable in
    // InspectionRecord::corrections) with its trail entry
    // `inspection_corrected`, in one transaction; returns the new final
    // verdict. A case opened on the inspection is left as it is: only a
    // supervisor decides it. Refusals: "records.no-reason",
    // "records.not-checked", "records.no-change", "accounts.not-permitted".
    Result<Verdict> correctPhysicalCheck(const Session& session, const QString& inspectionId,
                                         const PhysicalCheck& check, const QString& reason);
    // Releases a shipment whose final verdict is accept. A refusal
    // ("accounts.not-permitted", "records.not-releasable") is in the trail
    // as `release_refused` with its reason code.
    // With a `confirmation` maker (an enrolled desk), the import confirmation
    // is made and put in the outbox in the same transaction.
    Status release(const Session& session, const QString& inspectionId,
                   const MessageMaker& confirmation = {});

    // --- Cases ------------------------------------------------------------------
    // Flags an inspection: opens a case with its `flagged` event; returns the case's UUID.
    Result<QString> flag(const Session& session, const QString& inspectionId, const FlagInput& flag);
    Status addNote(const Session& session, const QString& caseId, const QString& text);
    Status addEvidence(const Session& session, const QString& caseId, const QList<EventAttachment>& files);
    // Four eyes from the review on: Permissions::mayTake with the desk's
    // one-person-post setting ("accounts.four-eyes" for one's own flag on a
    // post of several people; on a one-person post the review says so).
    Status take(const Session& session, const QString& caseId);
    // Four eyes: Permissions::mayDecide with the desk's one-person-post setting;
    // the event's data says which ("four_eyes"). Error codes:
    // "accounts.not-permitted", "accounts.four-eyes", "cases.transition", "records.no-reason".
    // A `released` decision with a `confirmation` maker confirms the import too.
    Status decide(const Session& session, const QString& caseId, Outcome outcome, const QString& reason,
                  const MessageMaker& confirmation = {});
    // Appends `escalated` ({to, message}) and puts the `doubt` message in the
    // outbox, in one transaction; returns the message's id. A supervisor's.
    Result<QString> escalate(const Session& session, const QString& caseId, const QStringList& to,
                             const MessageMaker& doubt);

    // --- The outbox (kp-outbox.md) ------------------------------------------------
    // Delivered (PUT answered 201/204) or handed over (copied to a folder): in the trail.
    Status messageDelivered(const Session& session, const QString& messageId, const QString& url);
    Status messageHandedOver(const Session& session, const QString& messageId, const QString& folder);
    // A failed attempt: counted with its reason, not in the trail (it is tried again).
    Status messageAttemptFailed(const QString& messageId, const QString& error);
    Status close(const Session& session, const QString& caseId, const QString& reason);
    Status reopen(const Session& session, const QString& caseId, const QString& reason);

    // A case and its events, read and replayed.
    struct CaseView
    {
        CaseRecord record;
        CaseFacts facts;
        QList<CaseEvent> events;
    };
    Result<CaseView> caseView(const QString& caseId, bool withAttachmentData = false);

    // --- Records from before the trail ------------------------------------------
    // Adopts, in one transaction, what a desk recorded before it kept cases:
    // every inspection gets a UUID, every old flag becomes a case whose
    // `flagged` event keeps the flag's time, the name typed then and
    // `adopted: true`; the trail's entry is by LegacyActor (nobody signed in).
    // Returns how many flags were adopted (0 once done).
    static const QString LegacyActor;
    Result<int> adoptLegacy(LegacyRecords& legacy);

    // --- Other entries of the trail -------------------------------------------
    // For kinds with no record of their own ("sync_applied", "sync_refused", ...).
    Status note(const Session& session, const QString& kind, const QCborMap& data);

    // --- The trail ----------------------------------------------------------------
    Result<TrailCheck> verifyTrail();
    // Writes the trail as a CBOR sequence (RFC 8742); returns the head written.
    Result<AuditHead> exportTrail(QIODevice* out);

    // Called inside the transaction just before it commits (tests: a process
    // killed mid-write).
    void setBeforeCommit(std::function<void()> hook) { m_beforeCommit = std::move(hook); }

private:
    Result<AccountRecord> addAccount(const Session& session, const QString& name, Role role,
                                     const QString& password, bool onlyTheFirst);
    // Runs `body` and appends the entry it returns, in one transaction.
    struct Entry
    {
        QString kind;
        QCborMap data;
    };
    // `then` runs after the entry is appended, still inside the transaction.
    Status transact(const Session* session, const QString& actor, const std::function<Result<Entry>()>& body,
                    const std::function<Status()>& then = {});
    // Changes a stored account in one transaction: `change` edits it and
    // returns its trail entry, then AccountRules decides.
    Status changeAccount(const Session& session, const QString& name,
                         const std::function<Result<Entry>(AccountRecord&)>& change,
                         std::optional<Role> newRole = {});
    Status makeMessage(const Session& session, const MessageMaker& maker, OutboxMessage* made);
    Status storeMessage(const Session& session, const OutboxMessage& message);
    Status messageGone(const Session& session, const QString& messageId, bool delivered,
                       const QString& where);
    Status append(const QString& actor, const Entry& entry);
    // Inserts the case, its `flagged` event `e` (actor, data and attachments
    // filled in) and its index; returns the trail's entry. Inside a transaction.
    Result<Entry> openCase(const CaseRecord& record, CaseEvent& e, const QString& number,
                           const QString& participant);
    Status appendCaseEvent(const Session& session, const QString& caseId, CaseEventKind kind,
                           QJsonObject data, const QList<EventAttachment>& attachments,
                           const std::function<Status(const CaseFacts&, QJsonObject&)>& rule,
                           const std::function<Status()>& then = {});
    Result<QString> deskId();
    // The session's account as stored (its role, not disabled), then the permission table.
    Status permit(const Session& session, Action action);

    RecordsStore& m_store;
    const Clock& m_clock;
    QString m_deskId;
    std::function<void()> m_beforeCommit;
};

} // namespace kp
