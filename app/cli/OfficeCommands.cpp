// The office (issue 12, docs/office.md): `office` links a desk to the
// office's PostgreSQL database, tells how far it is, replicates once;
// `office-init` creates or migrates the office's schema.
#include "AdminSession.h"
#include "CliSupport.h"
#include "CliTrail.h"
#include "Commands.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeLink.h"
#include "office/Replicator.h"
#include "office/SetAside.h"
#include "outbox/DeskIdentity.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QCborMap>
#include <QJsonObject>

namespace kp::cli {

namespace {

// Longer than any record takes to write: a pull must not give up on a busy desk.
constexpr int OfficeWriteWaitMs = 60 * 1000;

int setOffice(CacheDatabase& db, const QCommandLineParser& parser)
{
    auto url = OfficeUrl::parse(parser.value(QStringLiteral("set")));
    if (!url) {
        err() << Tr::tr("office: %1").arg(url.error().message) << Qt::endl;
        return ExitUsage;
    }
    // Which office the desk takes others' cases from: an administrator's
    // change, named in the trail.
    SqliteRecordsStore store(db);
    SystemClock clock;
    DeskRecords door(store, clock);
    const auto session = administratorSession(door, parser, QStringLiteral("office"));
    if (!session)
        return ExitRefused;
    if (auto s = OfficeLink::save(db, *url); !s) {
        err() << Tr::tr("office: %1").arg(s.error().message) << Qt::endl;
        return ExitUsage;
    }
    // The trail says which office, never with its password.
    if (!noteInTrail(door, *session, QStringLiteral("office_set"),
                     QCborMap{{QStringLiteral("url"), url->redacted()}}))
        return ExitUsage;
    out() << Tr::tr("This desk replicates with %1.").arg(url->redacted()) << '\n';
    if (!url->password.isEmpty())
        out() << Tr::tr("Its password is kept in %1, readable by this account only.")
                     .arg(OfficeLink::passwordPath(db.path()))
              << '\n';
    out() << Qt::flush;
    return ExitOk;
}

int officeStatus(CacheDatabase& db, bool json)
{
    auto link = OfficeLink::load(db);
    auto waiting = Replicator::waiting(db);
    auto setAside = SetAside::count(db);
    if (!link || !waiting || !setAside) {
        err() << Tr::tr("office: %1")
                     .arg(!link      ? link.error().message
                          : !waiting ? waiting.error().message
                                     : setAside.error().message)
              << Qt::endl;
        return ExitUsage;
    }
    SqliteRecordsStore store(db);
    SystemClock clock;
    DeskRecords door(store, clock);
    auto desk = door.settings();
    QJsonObject o{{QStringLiteral("configured"), link->has_value()},
                  {QStringLiteral("waiting"), *waiting},
                  {QStringLiteral("set_aside"), setAside->pulled},
                  {QStringLiteral("conflicts"), setAside->conflicts},
                  {QStringLiteral("desk"), desk ? desk->deskId : QString()},
                  {QStringLiteral("desk_name"), desk ? desk->deskName : QString()}};
    QString reason;
    bool connected = false;
    if (link->has_value()) {
        o.insert(QStringLiteral("url"), (*link)->redacted());
        auto office = OfficeDatabase::connect(**link);
        connected = office.ok();
        if (!office)
            reason = office.error().message;
        else
            o.insert(QStringLiteral("schema"), (*office)->schemaVersion());
    } else {
        reason = Tr::tr("No office is set (kpdesk-cli office --set postgresql://…).");
    }
    o.insert(QStringLiteral("connected"), connected);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("error"), reason);
    // Another role's rows in this desk's places at the office: an alarm, never a success.
    const int exitCode = setAside->conflicts > 0 ? 1 : ExitOk;
    if (json) {
        printJson(o);
        return exitCode;
    }
    if (link->has_value())
        out() << Tr::tr("Office: %1").arg((*link)->redacted()) << '\n';
    out() << (connected ? Tr::tr("Connected.") : Tr::tr("Not connected: %1").arg(reason)) << '\n';
    out() << Tr::tr("%Ln record(s) wait to go up.", nullptr, int(*waiting)) << '\n';
    if (setAside->pulled > 0)
        out() << Tr::tr("%Ln row(s) of the office failed their checks and were set aside (not applied).",
                        nullptr, int(setAside->pulled))
              << '\n';
    if (setAside->conflicts > 0)
        out() << Tr::tr("ALARM: the office holds other entries at %Ln place(s) of this desk's trail: another "
                        "role wrote there.",
                        nullptr, int(setAside->conflicts))
              << '\n';
    out() << Qt::flush;
    return exitCode;
}

int officeSync(CacheDatabase& db, bool resend)
{
    auto link = OfficeLink::load(db);
    if (!link) {
        err() << Tr::tr("office --sync: %1").arg(link.error().message) << Qt::endl;
        return ExitUsage;
    }
    if (!link->has_value()) {
        err() << Tr::tr("office --sync: no office is set (kpdesk-cli office --set postgresql://…).")
              << Qt::endl;
        return 1;
    }
    auto office = OfficeDatabase::connect(**link);
    if (!office) {
        err() << Tr::tr("office --sync: %1").arg(office.error().message) << Qt::endl;
        return 1;
    }
    if (resend)
        if (auto r = Replicator::requeueAll(db); !r) {
            err() << Tr::tr("office --sync: %1").arg(r.error().message) << Qt::endl;
            return 1;
        }
    Replicator replicator(db, **office);
    // An enrolled desk signs its events (docs/office.md); a key that cannot be
    // read stops the sync rather than sending them unsigned.
    if (auto identity = DeskIdentity::load(db))
        replicator.setSigner(OfficeSigner{identity->deskId, identity->key, identity->certificate});
    else if (identity.error().code != QLatin1String("outbox.not-enrolled")) {
        err() << Tr::tr("office --sync: %1").arg(identity.error().message) << Qt::endl;
        return 1;
    }
    auto count = replicator.sync();
    if (!count) {
        err() << Tr::tr("office --sync: %1").arg(count.error().message) << Qt::endl;
        return 1;
    }
    out() << Tr::tr("%Ln record(s) went up;", nullptr, int(count->pushed)) << ' '
          << Tr::tr("%Ln case(s) of other desks", nullptr, int(count->cases)) << ' '
          << Tr::tr("and %Ln event(s) made elsewhere came down.", nullptr, int(count->events)) << '\n'
          << Qt::flush;
    if (auto held = replicator.checkOfficeHoldsDesk(); !held) {
        err() << Tr::tr("office --sync: %1").arg(held.error().message) << Qt::endl;
        return 1;
    }
    return ExitOk;
}

} // namespace

int runOffice(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("set"),
                      Tr::tr("Replicate with this office: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
                             "[?sslmode=MODE]."),
                      Tr::tr("URL")});
    parser.addOption({QStringLiteral("status"), Tr::tr("Say whether the office answers and what waits.")});
    parser.addOption({QStringLiteral("sync"), Tr::tr("Push and pull once; 0 only when the office holds "
                                                     "everything this desk made.")});
    parser.addOption({QStringLiteral("resend"),
                      Tr::tr("With --sync: send everything this desk made again (an office restored from "
                             "an older backup).")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    addAdministratorOption(parser);
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("office"),
                      Tr::tr("Link the desk to its office's database, and replicate with it."), exitCode))
        return exitCode;
    const int actions = int(parser.isSet(QStringLiteral("set"))) +
                        int(parser.isSet(QStringLiteral("status"))) +
                        int(parser.isSet(QStringLiteral("sync")));
    if (actions != 1) {
        err() << Tr::tr("office: give one of --set, --status or --sync.") << Qt::endl;
        return ExitUsage;
    }
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;
    if (auto s = db->setWriteWait(OfficeWriteWaitMs); !s) {
        err() << s.error().message << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("set")))
        return setOffice(*db, parser);
    if (parser.isSet(QStringLiteral("status")))
        return officeStatus(*db, parser.isSet(QStringLiteral("json")));
    return officeSync(*db, parser.isSet(QStringLiteral("resend")));
}

int runOfficeInit(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("url"), Tr::tr("postgresql://OWNER@HOST[:PORT]/DATABASE"));
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("office-init"),
                      Tr::tr("Create or migrate the office's schema (as the database's owner; the password "
                             "from PGPASSWORD or ~/.pgpass rather than the URL)."),
                      exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        err() << Tr::tr("office-init: give the office's URL.") << Qt::endl;
        return ExitUsage;
    }
    auto url = OfficeUrl::parse(parser.positionalArguments().constFirst());
    if (!url) {
        err() << Tr::tr("office-init: %1").arg(url.error().message) << Qt::endl;
        return ExitUsage;
    }
    auto office = OfficeDatabase::connect(*url);
    if (!office) {
        err() << Tr::tr("office-init: %1").arg(office.error().message) << Qt::endl;
        return 1;
    }
    out() << Tr::tr("The office %1 is at schema %2.").arg(url->redacted()).arg((*office)->schemaVersion())
          << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
