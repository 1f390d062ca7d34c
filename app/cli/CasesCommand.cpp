// cases: the desk's cases with their state and events.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include "util/Printable.h"

#include <QJsonArray>
#include <QJsonObject>

namespace kp::cli {

namespace {

QJsonObject eventJson(const CaseEvent& e)
{
    QJsonArray files;
    for (const EventAttachment& a : e.attachments)
        files.append(QJsonObject{{QStringLiteral("name"), a.name},
                                 {QStringLiteral("sha256"), QString::fromLatin1(a.sha256.toHex())},
                                 {QStringLiteral("size"), a.size}});
    return QJsonObject{{QStringLiteral("id"), e.id},
                       {QStringLiteral("seq"), e.seq},
                       {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("actor"), e.actor},
                       {QStringLiteral("kind"), caseEventKindName(e.kind)},
                       {QStringLiteral("data"), e.data},
                       {QStringLiteral("origin"), e.origin}, // the desk that made it, when another
                       {QStringLiteral("attachments"), files}};
}

} // namespace

int runCases(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("state"), Tr::tr("Only cases in this state."), Tr::tr("STATE")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("cases"),
                      Tr::tr("List the desk's cases, held shipments first then oldest, with their events."),
                      exitCode))
        return exitCode;
    CaseFilter filter;
    if (parser.isSet(QStringLiteral("state"))) {
        filter.state = caseStateFromName(parser.value(QStringLiteral("state")));
        if (!filter.state) {
            err() << Tr::tr("cases: --state is open, in_review, decided, escalated or closed.") << Qt::endl;
            return ExitUsage;
        }
    }
    filter.limit = 100000;
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    auto list = r->store->cases(filter);
    auto counts = r->store->caseCounts();
    if (!list || !counts) {
        err() << (list ? counts.error().message : list.error().message) << Qt::endl;
        return ExitUsage;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    const auto own = r->door->settings();
    const QString ownDeskName = own ? own->deskName : QString();
    QJsonArray cases;
    for (const CaseSummary& c : *list) {
        auto view = r->door->caseView(c.record.id);
        if (!view) {
            err() << view.error().message << Qt::endl;
            return ExitUsage;
        }
        QJsonArray events;
        for (const CaseEvent& e : view->events)
            events.append(eventJson(e));
        const QString state = caseStateName(view->facts.state);
        QJsonArray conflicts; // the outcomes decided at once, while in conflict
        for (Outcome o : view->facts.conflictingOutcomes)
            conflicts.append(outcomeName(o));
        const QString heldWord = Tr::tr("HELD"); // the column is as wide as the word in every language
        cases.append(QJsonObject{
            {QStringLiteral("id"), c.record.id},
            {QStringLiteral("inspection"), c.record.inspectionId},
            {QStringLiteral("number"), c.number},
            {QStringLiteral("participant"), c.participant},
            {QStringLiteral("state"), state},
            {QStringLiteral("held"), view->facts.held},
            {QStringLiteral("flagged_by"), view->facts.flaggedBy},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(view->facts.reasons)},
            {QStringLiteral("outcome"), view->facts.outcome ? QJsonValue(outcomeName(*view->facts.outcome))
                                                            : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("opened_at"), c.record.openedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("desk"), c.record.desk},
            // Another desk's case (pulled from the office) carries its desk's name.
            {QStringLiteral("desk_name"), c.record.deskName.isEmpty() ? ownDeskName : c.record.deskName},
            {QStringLiteral("conflict"), conflicts},
            {QStringLiteral("events"), events}});
        if (!json) {
            out() << c.record.id << "  " << state.leftJustified(10) << ' '
                  << (view->facts.held ? heldWord : QString()).leftJustified(heldWord.size()) << "  "
                  << printable(c.number) << "  " << printable(view->facts.reasons.join(QStringLiteral("; ")))
                  << '\n';
            for (const CaseEvent& e : view->events)
                out() << "    " << e.seq << ' ' << e.at.toString(Qt::ISODate) << ' ' << printable(e.actor)
                      << ' ' << caseEventKindName(e.kind) << '\n';
        }
    }
    QJsonObject countJson;
    for (auto it = counts->constBegin(); it != counts->constEnd(); ++it)
        countJson.insert(caseStateName(it.key()), it.value());
    if (json)
        printJson(QJsonObject{{QStringLiteral("cases"), cases}, {QStringLiteral("counts"), countJson}});
    out() << Qt::flush;
    return ExitOk;
}

} // namespace kp::cli
