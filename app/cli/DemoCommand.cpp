// demo: the main job before the window exists: a demo desk and its verdicts.
#include "CliSupport.h"
#include "Commands.h"

#include "authority/DemoDesk.h"
#include "util/Clock.h"
#include "verify/ImageScan.h"
#include "verify/Verifier.h"

#include <QStandardPaths>

namespace kp::cli {

int runDemo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("dir"),
                      Tr::tr("Where to make the demo desk (default: %1).")
                          .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                               QStringLiteral("/demo-desk")),
                      Tr::tr("DIR")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("demo"),
            Tr::tr("Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the "
                   "verdict for each demo certificate."),
            exitCode))
        return exitCode;
    const QString dir = parser.isSet(QStringLiteral("dir"))
                            ? parser.value(QStringLiteral("dir"))
                            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                  QStringLiteral("/demo-desk");
    SystemClock clock;
    out() << Tr::tr("=== KP Desk DEMO: demo data, not real certificates ===") << '\n'
          << Tr::tr("Making a demo desk of the EU in %1 ...").arg(dir) << Qt::endl;
    auto desk = buildDemoDesk(dir, clock);
    if (!desk) {
        err() << Tr::tr("demo: %1").arg(desk.error().message) << Qt::endl;
        return ExitUsage;
    }
    auto db = CacheDatabase::open(desk->dbPath, CacheDatabase::OpenMode::MustExist);
    if (!db) {
        err() << Tr::tr("demo: %1").arg(db.error().message) << Qt::endl;
        return ExitUsage;
    }
    out() << Tr::tr("Desk cache %1, bundles applied: %2").arg(desk->dbPath).arg(desk->bundles.size())
          << "\n\n";
    const Verifier verifier(**db, clock);
    int surprises = 0;
    for (const DemoSample& sample : desk->samples) {
        auto input = scanImageFile(sample.imagePath);
        QString verdict; // the stable name, compared with the expected one
        QString shown;
        QString reason;
        if (!input) {
            shown = Tr::tr("unread");
            reason = input.error().message;
        } else {
            const Inspection insp = verifier.verify(*input);
            verdict = verdictName(insp.verdict);
            shown = verdictWord(insp.verdict);
            for (const CheckResult& c : insp.checks) {
                if ((insp.verdict == Verdict::Reject && c.status == CheckStatus::Fail) ||
                    (insp.verdict == Verdict::Doubt && c.status == CheckStatus::Warn)) {
                    reason = c.check + QStringLiteral(": ") + c.detail;
                    break;
                }
            }
            if (insp.verdict == Verdict::Accept)
                reason = Tr::tr("all checks passed (%1)").arg(input->symbology);
        }
        if (verdict != sample.expected)
            ++surprises;
        out() << shown.leftJustified(7) << ' ' << sample.label << '\n'
              << "        " << reason << '\n'
              << "        " << sample.imagePath << '\n';
    }
    out() << '\n'
          << Tr::tr("Try one yourself:") << '\n'
          << "  kpdesk-cli verify --db " << desk->dbPath << ' ' << desk->samples.first().imagePath << '\n'
          << "  kpdesk-cli status --db " << desk->dbPath << '\n'
          << Qt::flush;
    if (surprises > 0) {
        err() << Tr::tr("demo: %Ln certificate(s) did not get the expected verdict.", nullptr, surprises)
              << Qt::endl;
        return ExitUsage;
    }
    return ExitOk;
}

} // namespace kp::cli
