#include "outbox/OutboxSending.h"

#include "cache/CacheDatabase.h"
#include "outbox/DeskIdentity.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

namespace kp {

Result<DeliveryReport> OutboxSending::send(CacheDatabase& db, DeskRecords& door, const Session& session)
{
    const auto settings = door.settings();
    if (!settings)
        return settings.error();
    auto identity = DeskIdentity::load(db);
    if (!identity)
        return identity.error();
    SendOptions options;
    options.intake = QUrl(settings->outboxIntake);
    options.caPath = settings->outboxCaPath;
    options.proxy = settings->outboxProxy;
    return OutboxDelivery::send(door, session, options, identity->key, identity->certificate);
}

Result<DeliveryReport> OutboxSending::sendFrom(const QString& dbPath, const Session& session)
{
    auto db = CacheDatabase::open(dbPath, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return db.error();
    SqliteRecordsStore store(**db);
    SystemClock clock;
    DeskRecords door(store, clock);
    return send(**db, door, session);
}

} // namespace kp
