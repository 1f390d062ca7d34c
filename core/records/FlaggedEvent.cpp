#include "records/FlaggedEvent.h"

#include "util/IsoTime.h"

#include <QJsonArray>

namespace kp {

namespace {

const QString CaseRowKey = QStringLiteral("case_row");
const QString SummaryKey = QStringLiteral("inspection_summary");

} // namespace

QJsonObject FlaggedEvent::withCaseRow(QJsonObject data, const FlaggedCaseRow& row)
{
    data.insert(CaseRowKey, QJsonObject{{QStringLiteral("inspection"), row.inspectionId},
                                        {QStringLiteral("number"), row.number},
                                        {QStringLiteral("participant"), row.participant},
                                        {QStringLiteral("desk_name"), row.deskName}});
    return data;
}

QJsonObject FlaggedEvent::withInspection(QJsonObject data, const InspectionRecord& inspection)
{
    QJsonArray checks;
    for (const QJsonValue c : inspection.inspection.value(QStringLiteral("checks")).toArray())
        checks.append(QJsonObject{{QStringLiteral("check"), c[QStringLiteral("check")].toString()},
                                  {QStringLiteral("status"), c[QStringLiteral("status")].toString()}});
    QJsonObject summary{{QStringLiteral("officer"), inspection.officer},
                        {QStringLiteral("at"), isoTime(inspection.at)},
                        {QStringLiteral("verdict"), verdictName(inspection.verdict)},
                        {QStringLiteral("final_verdict"), verdictName(inspection.finalVerdict)},
                        {QStringLiteral("checks"), checks}};
    if (inspection.physical && !inspection.physical->isEmpty())
        summary.insert(QStringLiteral("physical"), inspection.physical->toJson());
    data.insert(SummaryKey, summary);
    return data;
}

QJsonObject FlaggedEvent::withoutBinding(QJsonObject data)
{
    data.remove(CaseRowKey);
    data.remove(SummaryKey);
    return data;
}

std::optional<FlaggedCaseRow> FlaggedEvent::caseRow(const QJsonObject& data)
{
    const QJsonValue row = data.value(CaseRowKey);
    if (!row.isObject())
        return std::nullopt;
    const QJsonObject o = row.toObject();
    return FlaggedCaseRow{
        o.value(QStringLiteral("inspection")).toString(), o.value(QStringLiteral("number")).toString(),
        o.value(QStringLiteral("participant")).toString(), o.value(QStringLiteral("desk_name")).toString()};
}

std::optional<FlaggedInspection> FlaggedEvent::inspection(const QList<CaseEvent>& events)
{
    const auto flagged = std::find_if(events.cbegin(), events.cend(),
                                      [](const CaseEvent& e) { return e.kind == CaseEventKind::Flagged; });
    if (flagged == events.cend())
        return std::nullopt;
    const QJsonObject& data = flagged->data;
    const auto row = caseRow(data);
    const QJsonValue summary = data.value(SummaryKey);
    if (!row || !summary.isObject())
        return std::nullopt;
    const QJsonObject s = summary.toObject();
    FlaggedInspection out;
    out.inspectionId = row->inspectionId;
    out.number = row->number;
    out.participant = row->participant;
    out.officer = s.value(QStringLiteral("officer")).toString();
    out.at = parseIsoTime(s.value(QStringLiteral("at")).toString());
    // An unknown verdict is read as the worst: never shown better than it was.
    out.verdict = verdictFromName(s.value(QStringLiteral("verdict")).toString()).value_or(Verdict::Reject);
    out.finalVerdict =
        verdictFromName(s.value(QStringLiteral("final_verdict")).toString()).value_or(Verdict::Reject);
    for (const QJsonValue c : s.value(QStringLiteral("checks")).toArray())
        out.checks.append({c[QStringLiteral("check")].toString(), c[QStringLiteral("status")].toString()});
    if (const QJsonValue p = s.value(QStringLiteral("physical")); p.isObject())
        out.physical = PhysicalCheck::fromJson(p.toObject());
    for (const QJsonValue r : data.value(QStringLiteral("reasons")).toArray())
        out.reasons << r.toString();
    out.notes = data.value(QStringLiteral("notes")).toString();
    return out;
}

} // namespace kp
