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

bool said(const Status& s)
{
    if (!s)
        err() << Tr::tr("The desk's audit trail could not be written: %1").arg(s.error().message) << Qt::endl;
    return s.ok();
}

bool note(CacheDatabase& db, const std::function<Status(DeskRecords&, const Session&)>& write)
{
    SqliteRecordsStore store(db);
    SystemClock clock;
    DeskRecords door(store, clock);
    const auto settings = door.settings();
    const Session session = cliSession(door);
    return said(settings ? write(door, session) : Status(settings.error()));
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

bool noteInTrail(DeskRecords& door, const Session& session, const QString& kind, const QCborMap& data)
{
    return said(door.note(session, kind, data));
}

bool noteInTrail(CacheDatabase& db, const QString& kind, const QCborMap& data)
{
    return note(db,
                [&](DeskRecords& door, const Session& session) { return door.note(session, kind, data); });
}

} // namespace kp::cli
