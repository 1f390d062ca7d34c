// kpdesk-cli print: one case or one inspection as a PDF for the customs file
// (docs/records.md, "Printing"). A read: nothing is written to the desk's
// records and no trail entry is made (kp-cases.md has no kind for it;
// docs/spec-notes.md).
#include "CliSupport.h"
#include "CliTrail.h"
#include "Commands.h"

#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "report/PdfExport.h"
#include "report/RecordReport.h"
#include "util/Clock.h"

#include <QDir>

namespace kp::cli {

int runPrint(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("case"), Tr::tr("The case to print."), Tr::tr("CASE_ID")});
    parser.addOption(
        {QStringLiteral("inspection"), Tr::tr("The inspection to print."), Tr::tr("INSPECTION_ID")});
    parser.addOption({QStringLiteral("out"), Tr::tr("The PDF file to write."), Tr::tr("FILE")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("print"),
            Tr::tr("Write one case (with its events, attachments and inspection) or one inspection "
                   "as a PDF (A4).\nExit status: 0 written, 1 no such case or inspection, 4 usage or "
                   "environment error (the desk cannot be read, the file cannot be written)."),
            exitCode))
        return exitCode;
    const bool isCase = parser.isSet(QStringLiteral("case"));
    if (isCase == parser.isSet(QStringLiteral("inspection")) || !parser.isSet(QStringLiteral("out")) ||
        parser.value(QStringLiteral("out")).isEmpty() || !parser.positionalArguments().isEmpty()) {
        err() << Tr::tr(
                     "print: give one of --case CASE_ID or --inspection INSPECTION_ID, and --out FILE.pdf.")
              << Qt::endl;
        return ExitUsage;
    }
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;
    SqliteRecordsStore store(*db);
    SystemClock clock;
    DeskRecords door(store, clock);
    const QString id = parser.value(isCase ? QStringLiteral("case") : QStringLiteral("inspection"));
    const QString printedBy = Session::forCommandLine(unixUser()).actor();
    auto report = isCase ? RecordReport::forCase(door, id, printedBy, clock.nowUtc())
                         : RecordReport::forInspection(door, id, printedBy, clock.nowUtc());
    if (!report) {
        err() << Tr::tr("print: %1").arg(report.error().message) << Qt::endl;
        return report.error().code == QLatin1String("records.not-found") ? ExitRefused : ExitUsage;
    }
    const QString path = parser.value(QStringLiteral("out"));
    auto pages = PdfExport::write(*report, path);
    if (!pages) {
        err() << Tr::tr("print: %1").arg(pages.error().message) << Qt::endl;
        return ExitUsage;
    }
    out() << Tr::tr("%1 (%Ln page(s))", "", *pages).arg(QDir::toNativeSeparators(path)) << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
