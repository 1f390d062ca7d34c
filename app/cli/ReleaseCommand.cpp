// release: verify, record the physical check and release a shipment.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include "RecordedIntake.h"

#include "outbox/DeskMessaging.h"
#include "outbox/ShipmentRelease.h"
#include "util/Printable.h"

namespace kp::cli {

int runRelease(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    addInputOptions(parser);
    addUserOption(parser);
    parser.addOption({QStringLiteral("parcels"), Tr::tr("Parcels counted."), Tr::tr("N")});
    parser.addOption({QStringLiteral("mass"), Tr::tr("Mass weighed, in carats."), Tr::tr("CARATS")});
    parser.addOption({QStringLiteral("seals-intact"), Tr::tr("The seals are intact.")});
    parser.addOption({QStringLiteral("importer-matches"), Tr::tr("The importer matches the declaration.")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("release"),
            Tr::tr("Verify a certificate, record the inspection and its physical check, and release the "
                   "shipment when the role and the verdict allow it.\nExit status: 0 released, 1 not "
                   "released (the reason is printed and recorded), 3 nothing to verify, 4 usage or "
                   "environment error."),
            exitCode))
        return exitCode;
    bool parcelsOk = false, massOk = false;
    const quint64 parcels = parser.value(QStringLiteral("parcels")).toULongLong(&parcelsOk);
    const double mass = parser.value(QStringLiteral("mass")).toDouble(&massOk);
    if (!parcelsOk || !massOk || mass < 0) {
        err() << Tr::tr("release: --parcels N and --mass CARATS are needed.") << Qt::endl;
        return ExitUsage;
    }
    auto in = intake(parser, QStringLiteral("release"), exitCode);
    if (!in)
        return exitCode;
    PhysicalCheck check;
    check.parcelsCounted = parcels;
    check.massCarats = mass;
    check.sealsIntact = parser.isSet(QStringLiteral("seals-intact"));
    check.importerMatches = parser.isSet(QStringLiteral("importer-matches"));
    auto final = in->records->door->recordPhysicalCheck(in->session, in->inspectionId, check);
    if (!final) {
        err() << Tr::tr("release: %1").arg(final.error().message) << Qt::endl;
        return final.error().code == QLatin1String("accounts.not-permitted") ? ExitRefused : ExitUsage;
    }
    // Releasing a shipment: the same use-case as the window's (core/outbox/ShipmentRelease.h); an
    // enrolled desk confirms the import to the exporting authority in the release's own transaction.
    ShipmentRelease::Stage stoppedAt = ShipmentRelease::Stage::Door;
    auto released = ShipmentRelease(*in->records->db, in->records->clock, *in->records->door)
                        .release(in->session, in->inspectionId, &stoppedAt);
    if (!released && stoppedAt != ShipmentRelease::Stage::Door) {
        err() << Tr::tr("release: %1").arg(released.error().message) << Qt::endl;
        return ExitUsage;
    }
    if (!released) {
        err() << Tr::tr("release: not released: %1").arg(released.error().message) << Qt::endl;
        return released.error().code.startsWith(QLatin1String("records.write")) ? ExitUsage : ExitRefused;
    }
    out() << Tr::tr("RELEASED: %1 by %2").arg(printable(in->inspection.number), printable(in->session.name))
          << Qt::endl;
    if (!released->confirmationQueued)
        err() << Tr::tr("release: no import confirmation was made: %1").arg(released->noConfirmation)
              << Qt::endl;
    else
        out() << Tr::tr("Import confirmation waiting in the outbox (kpdesk-cli outbox send).") << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
