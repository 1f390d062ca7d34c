#pragma once

// A stored inspection verified again against the desk's data of today, and
// what changed since (the supervisor's view of a case: "revoked since the
// flag", "the registry's record arrived"). The stored inspection is never
// touched: what was seen then stays as it was.

#include "util/Result.h"
#include "verify/Inspection.h"

#include <QJsonObject>

namespace kp {

class Verifier;

// One difference between an inspection then and now: the verdict, or a
// check's status or detail.
struct InspectionChange
{
    QString check;    // the check's stable name; empty for the verdict
    QString was, now; // stable status or verdict names; empty when absent on that side
    QString wasDetail, nowDetail;

    bool isVerdict() const { return check.isEmpty(); }
    bool statusChanged() const { return was != now; }
    // In words, e.g. "revocation: was pass, now FAIL — Revoked as stolen by BW on ...".
    QString text() const;

    // The words for a verdict and a check's status in these lines ("REJECT", "FAIL").
    static QString verdictWord(Verdict verdict);
    static QString statusWord(CheckStatus status);
};

// The key of a stored inspection's JSON naming the language its details were
// written in (DeskRecords::recordVerification adds it; Translation::current()).
inline const QString DetailsLanguageKey = QStringLiteral("details_language");

// Then and now compared: pure, from two Inspection::toJson() objects. A
// detail alone is compared only when both are in one language (the same
// DetailsLanguageKey, or neither has it).
struct InspectionChanges
{
    // The verdict first, then status changes, then changes of a detail alone;
    // checks in their order.
    QList<InspectionChange> changes;

    static InspectionChanges between(const QJsonObject& then, const QJsonObject& now);
    bool isEmpty() const { return changes.isEmpty(); }
    // The change of that check (or "" for the verdict), or nullptr.
    const InspectionChange* change(const QString& check) const;
    // One line per change, or "No change since <since>." when nothing changed.
    QStringList lines(const QDateTime& since) const;
};

struct Recheck
{
    Inspection today;
    InspectionChanges changes;
};

// What was verified, read back from a stored inspection: its text, or for a
// plain number stored before the text was kept, the number. Error
// "recheck.no-input" when it cannot be known.
Result<ScanInput> storedInput(const QJsonObject& then);

// Verifies the stored inspection's input again at the verifier's clock, as
// an inspection of today (the inspection date is today), without recording
// a presentation and without counting the inspection's own release (of the
// inspection seen at `seenAt`, the stored inspection's time) as a re-use.
// Error codes: "recheck.no-input"; "recheck.data" (the desk's data could not
// be read today: never "nothing changed").
Result<Recheck> recheckInspection(const Verifier& verifier, const QJsonObject& then, const QDateTime& seenAt);

} // namespace kp
