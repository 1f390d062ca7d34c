#include "CliTrail.h"

#include "CliSupport.h"

#include "records/SqliteRecordsStore.h"
#include "records/SyncTrail.h"
#include "util/Clock.h"

#include <QCborMap>

#include <pwd.h>
#include <unistd.h>

namespace kp::cli {

QString unixUser()
{
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QString::number(getuid()) : user;
}

Session cliSession(DeskRecords& door)
{
    const auto settings = door.settings();
    return Session::forCommandLine(unixUser(), settings ? settings->deskId : QString());
}

namespace {

bool note(CacheDatabase& db, const std::function<Status(DeskRecords&, const Session&)>& write)
{
    SqliteRecordsStore store(db);
    SystemClock clock;
    DeskRecords door(store, clock);
    const auto settings = door.settings();
    const Session session = cliSession(door);
    const Status s = settings ? write(door, session) : Status(settings.error());
    if (!s)
        err() << Tr::tr("The desk's audit trail could not be written: %1").arg(s.error().message) << Qt::endl;
    return s.ok();
}

} // namespace

bool noteSyncInTrail(CacheDatabase& db, const QString& source, const Result<SyncOutcome>& outcome)
{
    return note(db, [&](DeskRecords& door, const Session& session) {
        return kp::noteSyncInTrail(door, session, source, outcome);
    });
}

bool noteVerificationInTrail(CacheDatabase& db, const Inspection& inspection)
{
    return note(db, [&](DeskRecords& door, const Session& session) {
        return kp::noteVerificationInTrail(door, session, inspection);
    });
}

bool noteInTrail(CacheDatabase& db, const QString& kind, const QCborMap& data)
{
    return note(db,
                [&](DeskRecords& door, const Session& session) { return door.note(session, kind, data); });
}

} // namespace kp::cli
