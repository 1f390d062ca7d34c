#pragma once

// The desk's own records behind one interface (docs/records.md): accounts,
// inspections, cases with their append-only events, desk settings and the
// audit trail. Nothing here assumes SQLite: ids are UUIDs made where the
// record is made, times are UTC, events and audit entries are only appended.
// The desk's implementation is SqliteRecordsStore (the desk's one file); the
// office's PostgreSQL store comes later. Only DeskRecords (the door) writes.

#include "accounts/Lockout.h"
#include "accounts/Role.h"
#include "audit/AuditChain.h"
#include "cases/CaseLife.h"
#include "cases/PhysicalCheck.h"
#include "util/Result.h"
#include "verify/Inspection.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace kp {

struct AccountRecord
{
    QString id; // UUID
    QString name;
    Role role = Role::Officer;
    QString passwordHash; // PasswordHash's stored string; never logged, never in the trail
    bool disabled = false;
    LockoutState lockout;
    QDateTime createdAt;
    bool mustChangePassword = false; // set by someone else: its owner changes it before anything else
};

struct DeskSettings
{
    QString deskId;   // UUID, made on first use
    QString deskName; // what people call the desk (default: the participant and the id's first digits)
    bool onePersonPost = false;
    int idleLockMinutes = 5;
    // Where the outbox delivers (kp-outbox.md, "Online"): the home authority's
    // intake base URL, a CA file trusted for that server (PEM; empty: the
    // system's), and the proxy ("" the system's, "none", or host:port).
    QString outboxIntake;
    QString outboxCaPath;
    QString outboxProxy;
};

// A correction of a recorded physical check (issue 21 item 4): what stood
// before, what stands now and why; appended only.
struct InspectionCorrection
{
    QString id; // UUID
    QString inspectionId;
    QDateTime at;
    QString officer;
    QString officerId;
    QString reason;
    PhysicalCheck previous;
    Verdict previousVerdict = Verdict::Reject; // the final verdict before
    PhysicalCheck check;
    Verdict finalVerdict = Verdict::Reject; // the final verdict after
};

struct InspectionRecord
{
    QString id; // UUID
    QDateTime at;
    QString officer; // the signed-in account's name
    QString officerId;
    QString number;
    QString participant; // who issued the certificate ("BW"), when known
    Verdict verdict = Verdict::Reject;
    Verdict finalVerdict = Verdict::Reject;
    QJsonObject inspection; // Inspection::toJson() as it was then (empty in listings)
    std::optional<PhysicalCheck> physical;
    QByteArray image;     // PNG (empty in listings)
    bool hasCase = false; // a flag opened a case for it (filled by findInspections)
    int corrected = 0;    // how many corrections its physical check had (filled by findInspections)
    // Its corrections, oldest first (filled by `inspection`): the first one's
    // `previous` is the check as first recorded.
    QList<InspectionCorrection> corrections;
};

// The release that stands for a certificate number (a certificate is
// released once: docs/records.md).
struct ReleaseRecord
{
    QDateTime at;
    QString by; // the actor, or for a release from before this was kept, the inspection's officer
    QString inspectionId;
    QString how; // "officer" or "decision"
};

struct CaseRecord
{
    QString id; // UUID
    QString inspectionId;
    QDateTime openedAt;
    QString desk;     // the id of the desk where it was opened
    QString deskName; // that desk's name when it is another desk (pulled from the office); else empty
};

// A case as the queue shows it: its record and what its events say.
struct CaseSummary
{
    CaseRecord record;
    CaseFacts facts;
    QString number;
    QString participant;
    int events = 0;
};

struct CaseFilter
{
    std::optional<CaseState> state;
    QString participant; // exact
    QString reason;      // contained in a reason, ignoring case
    QString officer;     // who flagged, ignoring case
    QDateTime from, to;  // opened in [from, to)
    int limit = 500;
    int offset = 0;
};

struct InspectionFilter
{
    QString number;                 // exact, once normalised (upper case, no spaces: InspectionQuery.h)
    QDateTime from, to;             // at in [from, to)
    std::optional<Verdict> verdict; // the final verdict
    QString officer;                // ignoring case
    QString participant;            // the certificate's issuer, exact once upper case
    int limit = 500;
};

// A message to the home authority as the outbox keeps it (kp-outbox.md).
// Its bytes never change; only how far it has gone does. Nothing is deleted.
struct OutboxMessage
{
    QString id; // the message's UUID (its `id`)
    quint64 n = 0;
    QString kind; // "confirmation", "doubt"
    QString fileName;
    QByteArray bytes; // the signed file (empty in listings)
    QByteArray pdf;   // a doubt's case for people (empty in listings)
    bool hasPdf = false;
    QString caseId;
    QString inspectionId;
    QString number;
    QDateTime madeAt;
    QDateTime handedOverAt; // copied to a folder (a USB stick)
    QString handedOverTo;
    QDateTime deliveredAt; // PUT answered 201 or 204
    QString deliveredTo;
    int attempts = 0;
    QDateTime lastAttemptAt;
    QString lastError;

    bool waiting() const { return !deliveredAt.isValid() && !handedOverAt.isValid(); }
};

struct StoredAuditEntry
{
    quint64 n = 0;
    QByteArray entry; // the deterministic CBOR bytes, exactly as hashed
    QByteArray hash;
};

class RecordsStore
{
public:
    virtual ~RecordsStore() = default;

    // One write transaction, taken before reading what it depends on (the
    // audit head), so two writers never both append the same entry.
    virtual Status begin() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;

    // Settings (made with defaults when absent).
    virtual Result<DeskSettings> settings() = 0;
    virtual Status saveSettings(const DeskSettings& settings) = 0;

    // Accounts. Names are unique ignoring case.
    virtual Result<std::optional<AccountRecord>> account(const QString& name) = 0;
    virtual Result<QList<AccountRecord>> accounts() = 0;
    virtual Status insertAccount(const AccountRecord& account) = 0;
    virtual Status
    updateAccount(const AccountRecord& account) = 0; // by id: role, hash, disabled, lockout, must change

    // Inspections.
    virtual Status insertInspection(const InspectionRecord& inspection) = 0;
    virtual Status setPhysicalCheck(const QString& inspectionId, const PhysicalCheck& check,
                                    Verdict finalVerdict) = 0;
    // A correction: appended, and the inspection's check and final verdict set to its new ones.
    virtual Status insertCorrection(const InspectionCorrection& correction) = 0;
    virtual Result<std::optional<InspectionRecord>> inspection(const QString& id) = 0;
    // Whether a case opened on the inspection holds its shipment now.
    virtual Result<bool> heldByCase(const QString& inspectionId) = 0;
    virtual Result<QList<InspectionRecord>> findInspections(const InspectionFilter& filter) = 0;
    // A shipment released (the `duplicate` check counts these): the
    // inspection released, its number and time, how ("officer",
    // "decision") and by whom. Inside the door's transaction. A number is
    // released once: a second release fails "records.already-released"
    // (a constraint of the store, whoever writes).
    virtual Status insertRelease(const InspectionRecord& inspection, const QDateTime& at, const QString& how,
                                 const QString& by = {}) = 0;
    // The release that stands for this number, if any.
    virtual Result<std::optional<ReleaseRecord>> releaseOf(const QString& number) = 0;

    // Cases: the record, its events (appended only) and the queue's index of them.
    virtual Status insertCase(const CaseRecord& record) = 0;
    virtual Status appendEvent(const CaseEvent& event) = 0;
    // The queue's columns of a case; a null number or participant keeps the stored one.
    virtual Status indexCase(const CaseSummary& summary) = 0;
    virtual Result<std::optional<CaseRecord>> caseRecord(const QString& id) = 0;
    virtual Result<QList<CaseEvent>> events(const QString& caseId, bool withAttachmentData = false) = 0;
    virtual Result<QList<CaseSummary>> cases(const CaseFilter& filter) = 0;
    virtual Result<QMap<CaseState, int>> caseCounts() = 0;
    // A number that changes whenever a case event is stored, by whoever
    // stores it (this connection, another process on the desk, a pull from
    // the office): the window's queue polls it (CaseQueueWatch). One cheap read.
    virtual Result<qint64> caseChangeMark() = 0;

    // The outbox. Numbers count from 1 without gaps (taken inside the write
    // transaction that makes the message).
    virtual Result<quint64> lastMessageNumber() = 0;
    virtual Status insertMessage(const OutboxMessage& message) = 0;
    virtual Result<QList<OutboxMessage>> messages(bool waitingOnly, bool withBytes) = 0;
    virtual Result<std::optional<OutboxMessage>> message(const QString& id) = 0; // without its bytes
    // How far a message has gone: the delivery columns, by id.
    virtual Status updateDelivery(const OutboxMessage& message) = 0;

    // The audit trail.
    virtual Result<AuditHead> auditHead() = 0;
    virtual Status appendAudit(const StoredAuditEntry& entry) = 0;
    // Every entry in order of n; `each` returns false to stop.
    virtual Status readAudit(const std::function<bool(const StoredAuditEntry&)>& each) = 0;
};

} // namespace kp
