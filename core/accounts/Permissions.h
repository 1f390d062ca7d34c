#pragma once

#include "accounts/Role.h"
#include "util/Result.h"

#include <QString>

namespace kp {

// What a person does at the desk that a role allows or not (kp-cases.md,
// "People and roles"). The records door checks these where data is written.
enum class Action {
    Verify,
    RecordPhysicalCheck,
    Flag,
    AddNote,
    AddEvidence,
    ReleaseAccepted, // release a shipment whose verdict is accept and whose physical check matches
    TakeCase,        // take a case for review
    Decide,
    Escalate,
    RecordReply,
    Close,
    Reopen,
    ManageAccounts,
    ChangeSettings, // desk settings, sources and keys
};

// Stable snake_case names ("verify", "record_physical_check", ...).
QString actionName(Action action);
// Error code "accounts.unknown-action".
Result<Action> parseAction(const QString& name);

// How a decision satisfies the four-eyes rule; the record keeps it.
enum class DecisionBasis {
    FourEyes,      // decided by someone other than who flagged the case
    OnePersonPost, // decided by who flagged it, on a post configured for one person
};

class Permissions
{
public:
    // The permission table:
    //  officer        verify, record the physical check, flag, add notes and evidence,
    //                 release an accepted shipment;
    //  supervisor     everything an officer may, and take a case, decide, escalate,
    //                 record a reply, close, reopen;
    //  administrator  manage accounts, change settings; add notes and evidence
    //                 (note and evidence events are "by anyone signed in"); no case work.
    static bool may(Role role, Action action);

    // may() as a Status with a translated reason; code "accounts.not-permitted".
    static Status check(Role role, Action action);

    // The four-eyes rule: a supervisor does not decide a case they flagged,
    // unless the post is configured for one person (the record then says so).
    // Names are compared ignoring case (account names are unique that way).
    // Error codes: "accounts.not-permitted" (the role may not decide),
    // "accounts.no-flagger" (who flagged the case is not known),
    // "accounts.four-eyes" (the actor flagged it on a post of several people).
    static Result<DecisionBasis> mayDecide(Role role, const QString& actorName, const QString& flaggedBy,
                                           bool onePersonPost);
    // The same rule for taking a case for review (issue 21 item 10,
    // docs/spec-notes.md): a review by who flagged it is no second pair of
    // eyes. The same codes, with "take" in the words.
    static Result<DecisionBasis> mayTake(Role role, const QString& actorName, const QString& flaggedBy,
                                         bool onePersonPost);
};

} // namespace kp
