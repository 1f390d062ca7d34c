#include "outbox/ShipmentRelease.h"

#include "outbox/DeskMessaging.h"

#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ShipmentRelease)
};

} // namespace

ShipmentRelease::ShipmentRelease(CacheDatabase& db, const Clock& clock, DeskRecords& door)
    : m_db(db), m_clock(clock), m_door(door)
{}

Result<ReleaseOutcome> ShipmentRelease::release(const Session& session, const QString& inspectionId,
                                                Stage* stoppedAt)
{
    const auto stop = [stoppedAt](Stage stage, const Error& e) -> Result<ReleaseOutcome> {
        if (stoppedAt)
            *stoppedAt = stage;
        return e;
    };
    auto record = m_door.store().inspection(inspectionId);
    if (!record)
        return stop(Stage::Read, record.error());
    if (!record->has_value())
        return stop(Stage::Read, makeError(QStringLiteral("records.not-found"),
                                           Tr::tr("The inspection is not in the desk's records.")));
    auto messaging = DeskMessaging::open(m_db, m_clock);
    if (!messaging)
        return stop(Stage::Messaging, messaging.error());
    const MessageMaker confirmation =
        messaging->enrolled() ? messaging->confirmation(**record, session.actor()) : MessageMaker{};
    if (auto released = m_door.release(session, inspectionId, confirmation); !released)
        return stop(Stage::Door, released.error());
    return ReleaseOutcome{(*record)->number, messaging->enrolled(), messaging->notEnrolled()};
}

} // namespace kp
