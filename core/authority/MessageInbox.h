#pragma once

// The authority's intake folder (kp-outbox.md, "At the authority";
// docs/authority-inbox.md): every `*.kpmsg` in it is checked and either taken
// into the ledger (then moved to taken/) or refused (moved to refused/ with a
// `.reason` file beside it; the ledger is not changed).

#include "authority/MessageLedger.h"
#include "crypto/Certificate.h"
#include "util/Clock.h"

#include <functional>

namespace kp {

struct InboxItem
{
    enum class Outcome { Taken, Skipped, Refused };
    QString fileName;
    Outcome outcome = Outcome::Refused;
    QString code;   // Refused: the reason's stable code ("inbox.unknown-ca", "kpmsg.signature"...)
    QString reason; // Refused: for people
    // Known once the message was read (empty for a file that is not one).
    QString messageId;
    QString desk;
    quint64 n = 0;
    QString kind;
    QList<CounterReport> reports; // Taken: gaps, repeats, audit conflicts
};
QString inboxOutcomeName(InboxItem::Outcome outcome); // "taken", "skipped", "refused"

struct InboxRun
{
    QList<InboxItem> items;
    int count(InboxItem::Outcome outcome) const;
};

class MessageInbox
{
public:
    // Whether the authority revoked this desk certificate, or never issued it
    // (its own list of the desks it enrolled and revoked, DeskRegistry). It is
    // required: without one every message is refused ("inbox.no-desk-list").
    using RevokedCheck = std::function<bool(const Certificate&)>;

    // How the authority bounds a message's claimed time `at` by the time it
    // received it (docs/spec-notes.md, "Issue 19 item 6"): `at` no later than
    // receipt plus a desk clock's skew, and the certificate valid at `at` and
    // expired at most LateDeliveryDays before receipt (a border post's USB
    // stick may come in late; a key kept after its certificate expired cannot
    // backdate messages for longer than that).
    static constexpr qint64 ClockSkewSeconds = 5 * 60;
    static constexpr int LateDeliveryDays = 30;

    explicit MessageInbox(MessageLedger& ledger, const Clock* clock = nullptr);

    // Takes every `*.kpmsg` in `dir`, sorted by name. A message that fails a
    // check is an item "refused", not an error. Error codes: "inbox.folder"
    // (the folder, or its taken/ or refused/, cannot be used), "inbox.move",
    // the ledger's (a write that failed stops the run: what is left stays
    // in the folder for the next one).
    Result<InboxRun> take(const QString& dir, const QList<Certificate>& trustedCas,
                          const RevokedCheck& isRevoked);

    // The checks of the desk certificate, on their own: issued by one of the
    // CAs, CA:FALSE, digitalSignature, `at` not after `receivedAt` (plus the
    // skew), valid at `at`, expired at most LateDeliveryDays before
    // `receivedAt`, its C the CA's C, not revoked. Error codes
    // "inbox.unknown-ca", "inbox.not-a-desk", "inbox.future", "inbox.expired",
    // "inbox.late", "inbox.participant", "inbox.no-desk-list", "inbox.revoked".
    static Status checkDeskCertificate(const Certificate& desk, const QDateTime& at,
                                       const QDateTime& receivedAt, const QList<Certificate>& trustedCas,
                                       const RevokedCheck& isRevoked);

private:
    // A taken file's move to taken/, run once its batch is committed.
    struct PendingMove
    {
        std::function<Status()> run;
    };
    InboxItem takeOne(const QString& dir, const QString& name, const QList<Certificate>& trustedCas,
                      const RevokedCheck& isRevoked, QList<PendingMove>& moves, std::optional<Error>& fatal);

    MessageLedger& m_ledger;
    SystemClock m_systemClock;
    const Clock* m_clock;
};

} // namespace kp
