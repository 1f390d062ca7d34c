#pragma once

// Delivery of the outbox's waiting messages (kp-outbox.md, "Delivery"):
// copied to a folder (a USB stick the authority reads), or PUT to the home
// authority's intake over TLS with the desk certificate as client
// certificate. Both are idempotent: a message delivered twice is the same
// bytes under the same name. Nothing is removed from the outbox; each
// message only records how far it went (and the trail says so).

#include "crypto/Certificate.h"
#include "records/DeskRecords.h"

#include <QUrl>

#include <functional>

namespace kp {

struct DeliveryReport
{
    int delivered = 0;    // PUT answered, or copied
    int waiting = 0;      // still waiting after this run
    QStringList problems; // "<file>: <reason>", one per message that stays waiting
};

struct SendOptions
{
    QUrl intake;           // the base URL; each message goes to intake + file name
    QString caPath;        // PEM trusted for the server besides the system's CAs
    QString proxy;         // "" the system's, "none", host:port
    int timeoutMs = 30000; // no byte for this long: this message waits for next time
    std::function<bool()> cancelled;
};

namespace OutboxDelivery {

// Copies every waiting message, and the PDF beside a doubt, into `folder`
// (written whole and flushed to the device before it counts), then marks it
// handed over. Error "outbox.folder" when the folder cannot be written: then
// nothing is marked.
Result<DeliveryReport> exportTo(DeskRecords& door, const Session& session, const QString& folder);

// PUTs each waiting message (its PDF first, as `<file>.pdf`); 201 or 204 is
// delivered, anything else leaves it waiting with the reason (in the
// outbox, not the trail). Runs an event loop per request: call it off the
// window's thread.
Result<DeliveryReport> send(DeskRecords& door, const Session& session, const SendOptions& options,
                            const PrivateKey& deskKey, const Certificate& deskCert);

} // namespace OutboxDelivery

} // namespace kp
