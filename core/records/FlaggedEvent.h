#pragma once

// What a case's `flagged` event carries beyond the flag (issue 19, docs/office.md
// "What a desk trusts"): the case row it opens and the inspection behind it, as
// the desk that flagged held them. The event is signed when it goes to the
// office, so a desk that pulls the case takes its certificate number,
// inspection, desk name and the inspection's summary from this event and from
// nothing else (the office's case and inspection rows are not signed).
//
// In the event's `data`, next to reasons, notes and held:
//   case_row: {inspection, number, participant, desk_name}
//   inspection_summary: {officer, at, verdict, final_verdict,
//                        checks: [{check, status}], physical (absent: none at the flag)}

#include "cases/PhysicalCheck.h"
#include "records/RecordsStore.h"
#include "verify/Inspection.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kp {

// The case row a flag opens, as the flagging desk wrote it.
struct FlaggedCaseRow
{
    QString inspectionId, number, participant, deskName;
};

// What a supervisor at any desk sees of the inspection behind a case.
struct FlaggedInspection
{
    struct Check
    {
        QString name, status;
    };
    QString inspectionId, number, participant;
    QString officer; // who inspected (the flagger is the event's actor)
    QDateTime at;
    Verdict verdict = Verdict::Reject;
    Verdict finalVerdict = Verdict::Reject;
    QList<Check> checks;
    std::optional<PhysicalCheck> physical; // as recorded before the flag; none: not yet then
    QStringList reasons;
    QString notes; // the flagging officer's notes
};

namespace FlaggedEvent {

// `data` of a flagged event with the case row it opens added.
QJsonObject withCaseRow(QJsonObject data, const FlaggedCaseRow& row);
// `data` of a flagged event with the summary of the inspection behind it added.
QJsonObject withInspection(QJsonObject data, const InspectionRecord& inspection);
// `data` without them (the trail's `flagged` entry keeps its own fields).
QJsonObject withoutBinding(QJsonObject data);
// The case row a flagged event's data binds; nullopt when it binds none
// (made by a desk from before issue 19's case rows).
std::optional<FlaggedCaseRow> caseRow(const QJsonObject& data);
// The inspection behind a case, from its first `flagged` event (a pulled
// case's only trusted source of it; its events at a desk are the verified
// ones). nullopt when the case has no flagged event or it carries no summary.
std::optional<FlaggedInspection> inspection(const QList<CaseEvent>& events);

} // namespace FlaggedEvent

} // namespace kp
