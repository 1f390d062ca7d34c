#pragma once

// What the authority's ledger adds to its next bundle (kp-outbox.md, "At the
// authority"): every confirmed import marks its certificate number `used`.

#include "authority/MessageLedger.h"
#include "cache/CacheTypes.h"

#include <QList>

namespace kp {

namespace UsedRevocations {

// One `revoked` record {no, st: used, at: the date of receipt, by: the
// importing participant} per certificate number confirmed. A number confirmed
// more than once (itself a sign of re-use) keeps its first receipt: that is
// the import every later presentation is compared with.
Result<QList<RevocationEntry>> fromLedger(const MessageLedger& ledger);

// The ledger's records, each replaced by an explicit one for the same number:
// an authority that declared a certificate stolen or cancelled knows more
// than a confirmation does, and says so on purpose. Ordered by number.
QList<RevocationEntry> merge(const QList<RevocationEntry>& fromLedger,
                             const QList<RevocationEntry>& explicitOnes);

} // namespace UsedRevocations

} // namespace kp
