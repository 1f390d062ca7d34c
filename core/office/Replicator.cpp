// The replicator: the desk's queue, and push then pull (docs/office.md).
// Push, pull and the completeness check are in Replicator<Job>.cpp.

#include "office/Replicator.h"
#include "office/Replicator_p.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeSchema_p.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QSqlError>

namespace kp {

using namespace replication;

Replicator::Replicator(CacheDatabase& desk, OfficeDatabase& office) : m_desk(desk), m_office(office) {}

Result<qint64> Replicator::waiting(CacheDatabase& desk)
{
    return deskNumber(desk, QStringLiteral("SELECT count(*) FROM office_queue"));
}

Status Replicator::requeueAll(CacheDatabase& desk)
{
    SqliteRecordsStore store(desk);
    if (auto b = store.begin(); !b)
        return b;
    // The same statements as the desk's schema 8 used for what it held then.
    for (const QString& sql :
         {QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'inspection', uuid FROM inspections "
                         "WHERE uuid IS NOT NULL ORDER BY id"),
          QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'case', id FROM cases "
                         "WHERE desk_name IS NULL ORDER BY rowid"),
          QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'event', id FROM case_events "
                         "WHERE origin IS NULL ORDER BY rowid"),
          QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'audit', n FROM audit ORDER BY n")}) {
        QSqlQuery q(desk.connection());
        if (!q.exec(sql)) {
            const Error e = deskError(q);
            store.rollback();
            return e;
        }
    }
    return store.commit();
}

Status Replicator::ensureDesk()
{
    if (!m_deskId.isEmpty())
        return success();
    SqliteRecordsStore store(m_desk);
    SystemClock clock;
    DeskRecords door(store, clock);
    auto s = door.settings(); // makes the desk's id on first use
    if (!s)
        return s.error();
    m_deskId = s->deskId;
    m_deskName = s->deskName;
    return success();
}

Result<ReplicationCount> Replicator::sync()
{
    auto pushed = push();
    if (!pushed)
        return pushed.error();
    auto pulled = pull();
    if (!pulled)
        return pulled.error();
    pulled->pushed = *pushed;
    // What the pull set aside is in this desk's trail now: up with it too.
    if (pulled->setAside > 0) {
        auto again = push();
        if (!again)
            return again.error();
        pulled->pushed += *again;
    }
    return *pulled;
}

} // namespace kp
