#pragma once

// The life of a case (kp-cases.md, "A case"): pure functions over its events,
// with no database, so the rules can be tested on their own and applied the
// same way by every store. A case's state is read from its events, which are
// only ever appended.

#include "accounts/Permissions.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace kp {

// Conflict: two decisions taken at two desks at once (replicated through the
// office, docs/office.md); both are kept and a new decision settles it.
enum class CaseState { Open, InReview, Decided, Escalated, Closed, Conflict };
// Stable names: "open", "in_review", "decided", "escalated", "closed", "conflict".
QString caseStateName(CaseState state);
std::optional<CaseState> caseStateFromName(const QString& name);
QList<CaseState> allCaseStates();

enum class CaseEventKind { Flagged, Note, Evidence, Review, Decision, Escalated, Reply, Closed, Reopened };
// Stable names: "flagged", "note", "evidence", "review", "decision", "escalated", "reply", "closed",
// "reopened" (also the audit trail's kinds for these events).
QString caseEventKindName(CaseEventKind kind);
std::optional<CaseEventKind> caseEventKindFromName(const QString& name);

enum class Outcome { Released, Detained, Seized, Refused };
// Stable names: "released", "detained", "seized", "refused".
QString outcomeName(Outcome outcome);
std::optional<Outcome> outcomeFromName(const QString& name);

// What the four-eyes rule's basis is called in a decision's data ("four_eyes").
QString decisionBasisName(DecisionBasis basis); // "independent", "one_person_post"

// A file attached to a case event, kept with its SHA-256.
struct EventAttachment
{
    QString id; // UUID
    QString name;
    QByteArray sha256; // 32 bytes
    qint64 size = 0;
    QByteArray data; // may be left empty by listings
};

// One event of a case. `data` holds the kind's fields (kp-cases.md):
//   flagged  {reasons: [text], notes: text, held: bool}
//   note     {text}
//   evidence {} (the attachments)
//   review   {}
//   decision {outcome, reason, four_eyes: "independent" | "one_person_post"}
//   closed, reopened {reason}
// Integers and text only; no floating-point numbers.
struct CaseEvent
{
    QString id;     // UUID
    QString caseId; // UUID
    int seq = 0;    // from 1 within the case
    QDateTime at;   // UTC
    QString actor;  // the account's name
    QString actorId;
    CaseEventKind kind = CaseEventKind::Note;
    QJsonObject data;
    QList<EventAttachment> attachments;
    // The id of the desk that made it when that is another desk (pulled from
    // the office); empty for this desk's own events.
    QString origin;
};

// What a case's events say about it.
struct CaseFacts
{
    CaseState state = CaseState::Open;
    QString flaggedBy;
    QDateTime openedAt;
    bool held = false; // the shipment is held (until released by a decision)
    QStringList reasons;
    QString reviewer; // who took it last
    std::optional<Outcome> outcome;
    QDateTime updatedAt;
    // In a conflict: the outcomes decided at once, in the order read.
    QList<Outcome> conflictingOutcomes;
};

class CaseLife
{
public:
    // The action of the permission table an event needs.
    static Action actionFor(CaseEventKind kind);
    // Whether an event may follow a case in `state`; `state` is empty for a
    // case with no events yet (only `flagged` may start one).
    // Error code "cases.transition", with the state and event in words.
    static Status allowed(std::optional<CaseState> state, CaseEventKind kind);
    // The state after an event (allowed() must hold).
    static CaseState after(CaseState state, CaseEventKind kind);
    // Replays a case's events in order. Error code "cases.transition" for a list
    // that no door would have written (an event not allowed where it stands).
    // An event made at another desk (`origin`) may not be allowed where it
    // stands: it was made at once with this desk's. A decision then puts the
    // case in conflict; any other such event is kept and leaves the state.
    static Result<CaseFacts> replay(const QList<CaseEvent>& events);
    // Goes on replaying from `before`, what replay() said of the case's first
    // events (`started` false when there were none), through the events that
    // follow them: replay(a + b) is resume(replay(a), !a.isEmpty(), b).
    // The queue's index of a case (state, held, flaggedBy, reasons, updatedAt)
    // after `more` depends only on those fields of `before` and on `more`, so a
    // store may resume from its index alone (office/Replicator): the other
    // fields of the result are then those of `before` as far as `more` leaves them.
    static Result<CaseFacts> resume(CaseFacts before, bool started, const QList<CaseEvent>& more);
    // The largest attachment accepted (20 MiB).
    static constexpr qint64 MaxAttachmentBytes = 20 * 1024 * 1024;
    // Error code "cases.attachment-too-large", naming the file and the limit.
    static Status checkAttachment(const QString& name, qint64 size);
};

} // namespace kp
