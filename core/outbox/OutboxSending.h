#pragma once

// Sending the outbox, one use-case for the window (in the background, on
// its own connection) and kpdesk-cli outbox send: the waiting messages PUT
// to the intake the desk's settings name, over TLS with the desk's enrolled
// key (docs/outbox.md).

#include "outbox/OutboxDelivery.h"
#include "records/DeskRecords.h"
#include "util/Result.h"

namespace kp {

class CacheDatabase;

class OutboxSending
{
public:
    // On the caller's connection and door.
    static Result<DeliveryReport> send(CacheDatabase& db, DeskRecords& door, const Session& session);
    // On a connection of its own to the desk's file at dbPath (a worker
    // thread), with the system clock.
    static Result<DeliveryReport> sendFrom(const QString& dbPath, const Session& session);
};

} // namespace kp
