#pragma once

// Releasing a shipment, one use-case for the window and kpdesk-cli release:
// the inspection's shipment released through the records door, and for an
// enrolled desk the import confirmation to the exporting authority made in
// the release's own transaction (kp-outbox.md); a desk not enrolled
// releases and says why no confirmation was made.

#include "records/DeskRecords.h"
#include "util/Result.h"

namespace kp {

class CacheDatabase;
class Clock;

struct ReleaseOutcome
{
    QString number;                  // the certificate released
    bool confirmationQueued = false; // the import confirmation waits in the outbox
    QString noConfirmation;          // why none was made (the desk is not enrolled)
};

class ShipmentRelease
{
public:
    // Where a release stopped: the inspection could not be read, the desk's
    // messaging could not be opened, or the door refused or failed.
    enum class Stage { Read, Messaging, Door };

    ShipmentRelease(CacheDatabase& db, const Clock& clock, DeskRecords& door);

    Result<ReleaseOutcome> release(const Session& session, const QString& inspectionId,
                                   Stage* stoppedAt = nullptr);

private:
    CacheDatabase& m_db;
    const Clock& m_clock;
    DeskRecords& m_door;
};

} // namespace kp
