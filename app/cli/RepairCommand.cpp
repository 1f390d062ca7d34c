// repair: a damaged desk cache made whole again, the desk's own records kept.
#include "CliSupport.h"
#include "Commands.h"

#include "cache/CacheRepair.h"
#include "util/Clock.h"

#include <QFileInfo>

namespace kp::cli {

int runRepair(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("min-seq"),
                      Tr::tr("When the damaged desk's last sync number cannot be read: the number of the "
                             "authority's newest bundle, which the desk must reach again before it accepts "
                             "anything (0: the desk was never synced)."),
                      Tr::tr("NUMBER")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("repair"),
            Tr::tr(
                "Rebuild a damaged desk cache: keep every readable record of the desk itself (configuration, "
                "presentations, inspections, flags, attachments), drop the authorities' data to be fetched "
                "again by the next sync, and keep the damaged file beside it. Close the window first."),
            exitCode))
        return exitCode;
    const QString path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                            : CacheDatabase::defaultPath();
    if (!QFileInfo::exists(path)) {
        err() << Tr::tr("repair: there is no desk cache at %1.").arg(path) << Qt::endl;
        return ExitUsage;
    }
    std::optional<quint64> minSeq;
    if (parser.isSet(QStringLiteral("min-seq"))) {
        bool ok = false;
        minSeq = parser.value(QStringLiteral("min-seq")).toULongLong(&ok);
        if (!ok) {
            err() << Tr::tr("repair: --min-seq takes a bundle number (0 or more), not '%1'.")
                         .arg(parser.value(QStringLiteral("min-seq")))
                  << Qt::endl;
            return ExitUsage;
        }
    }
    const auto repaired = repairCache(path, SystemClock().nowUtc(), minSeq);
    if (!repaired) {
        err() << Tr::tr("repair: %1").arg(repaired.error().message) << Qt::endl;
        return ExitUsage;
    }
    out() << Tr::tr("Repaired the desk cache %1.").arg(repaired->path) << '\n';
    out() << Tr::tr("Kept (the desk's own records):") << '\n';
    for (const RepairReport::Table& t : repaired->tables)
        out() << "  " << t.name.leftJustified(16) << Tr::tr("%Ln row(s)", nullptr, int(t.kept)) << '\n';
    if (repaired->anyLost()) {
        out() << Tr::tr("Lost (could not be read from the damaged file):") << '\n';
        for (const RepairReport::Table& t : repaired->tables) {
            if (t.lost > 0)
                out() << "  " << t.name.leftJustified(16) << Tr::tr("%Ln row(s)", nullptr, int(t.lost))
                      << '\n';
            else if (t.lostUnknown)
                out() << "  " << t.name.leftJustified(16) << Tr::tr("some rows (how many is unknown)")
                      << '\n';
        }
    } else {
        out() << Tr::tr("Lost: nothing of the desk's own records.") << '\n';
    }
    out() << Tr::tr(
                 "Dropped: the authorities' data (participants, CAs, signers, registry, revocations, rules, "
                 "contacts); the desk is at seq 0.")
          << '\n'
          << Tr::tr("The damaged file is kept as %1.").arg(repaired->damagedCopy) << '\n'
          << Tr::tr("Sync now to fetch the authority data again: kpdesk-cli sync --db %1").arg(repaired->path)
          << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
