// inspections: find the desk's past inspections.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include "records/InspectionQuery.h"
#include "util/Printable.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace kp::cli {

namespace {

// A whole local day given as YYYY-MM-DD and nothing else (as verify --at).
std::optional<QDate> parseDay(const QString& text)
{
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QDate d = dateOnly.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

} // namespace

int runInspections(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("number"), Tr::tr("The certificate number (case and spaces ignored)."),
                      Tr::tr("NO")});
    parser.addOption(
        {QStringLiteral("from"), Tr::tr("From this day on (local time)."), Tr::tr("YYYY-MM-DD")});
    parser.addOption(
        {QStringLiteral("to"), Tr::tr("Up to this day, included (local time)."), Tr::tr("YYYY-MM-DD")});
    parser.addOption({QStringLiteral("verdict"), Tr::tr("The final verdict: accept, doubt or reject."),
                      Tr::tr("VERDICT")});
    parser.addOption({QStringLiteral("officer"), Tr::tr("Who inspected (case ignored)."), Tr::tr("NAME")});
    parser.addOption({QStringLiteral("participant"), Tr::tr("The certificate's participant (two letters)."),
                      Tr::tr("CC")});
    parser.addOption({QStringLiteral("limit"), Tr::tr("At most N inspections (default 500)."), Tr::tr("N")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("inspections"),
                      Tr::tr("Find the desk's past inspections, newest first. When more than the limit "
                             "match, says so: narrow the search.\nExit status: 0 searched (even when "
                             "none matched), 4 usage error or the records could not be read."),
                      exitCode))
        return exitCode;
    InspectionFilter filter;
    filter.number = parser.value(QStringLiteral("number"));
    filter.officer = parser.value(QStringLiteral("officer"));
    for (const char* name : {"from", "to"}) {
        const QString option = QString::fromLatin1(name);
        if (!parser.isSet(option))
            continue;
        const auto day = parseDay(parser.value(option));
        if (!day) {
            err() << Tr::tr("inspections: --%1 needs a date as YYYY-MM-DD.").arg(option) << Qt::endl;
            return ExitUsage;
        }
        // Whole local days: from the start of the first to the end of the last.
        if (option == QLatin1String("from"))
            filter.from = day->startOfDay().toUTC();
        else
            filter.to = day->addDays(1).startOfDay().toUTC();
    }
    if (filter.from.isValid() && filter.to.isValid() && filter.from >= filter.to) {
        err() << Tr::tr("inspections: --from is after --to.") << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("verdict"))) {
        filter.verdict = verdictFromName(parser.value(QStringLiteral("verdict")));
        if (!filter.verdict) {
            err() << Tr::tr("inspections: --verdict is accept, doubt or reject.") << Qt::endl;
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("participant"))) {
        static const QRegularExpression code(QStringLiteral("^[A-Za-z]{2}$"));
        filter.participant = parser.value(QStringLiteral("participant")).trimmed();
        if (!code.match(filter.participant).hasMatch()) {
            err() << Tr::tr("inspections: --participant needs a two-letter code (e.g. BW).") << Qt::endl;
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        filter.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || filter.limit < 1) {
            err() << Tr::tr("inspections: --limit needs a number of at least 1.") << Qt::endl;
            return ExitUsage;
        }
    }
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    const auto page = queryInspections(*r->store, filter);
    if (!page) {
        // Never an empty list: a script must not read "nothing found".
        err() << Tr::tr("inspections: %1").arg(page.error().message) << Qt::endl;
        return ExitUsage;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray list;
    for (const InspectionRecord& i : page->rows) {
        const QString at = i.at.toString(Qt::ISODate);
        list.append(QJsonObject{{QStringLiteral("id"), i.id},
                                {QStringLiteral("at"), i.at.toString(Qt::ISODateWithMs)},
                                {QStringLiteral("number"), i.number},
                                {QStringLiteral("participant"), i.participant},
                                {QStringLiteral("verdict"), verdictName(i.verdict)},
                                {QStringLiteral("final_verdict"), verdictName(i.finalVerdict)},
                                {QStringLiteral("officer"), i.officer},
                                {QStringLiteral("case"), i.hasCase},
                                {QStringLiteral("corrections"), i.corrected}});
        if (!json)
            out() << i.id << "  " << at << "  " << printable(i.number).leftJustified(20) << ' '
                  << printable(i.participant).leftJustified(2) << "  "
                  << verdictWord(i.verdict).leftJustified(7) << ' '
                  << verdictWord(i.finalVerdict).leftJustified(7) << ' ' << printable(i.officer)
                  << (i.hasCase ? QStringLiteral("  ") + Tr::tr("CASE") : QString())
                  << (i.corrected > 0 ? QStringLiteral("  ") + Tr::tr("CORRECTED") : QString()) << '\n';
    }
    if (json) {
        printJson(QJsonObject{{QStringLiteral("inspections"), list},
                              {QStringLiteral("count"), int(page->rows.size())},
                              {QStringLiteral("more"), page->more},
                              {QStringLiteral("limit"), page->limit}});
    } else {
        out() << Qt::flush;
        // The count for people, on standard error: standard output stays one line per inspection.
        err() << (page->more
                      ? Tr::tr("More than %Ln inspection(s) found: narrow the search.", "", page->limit)
                      : Tr::tr("%Ln inspection(s) found.", "", int(page->rows.size())))
              << Qt::endl;
    }
    return ExitOk;
}

} // namespace kp::cli
