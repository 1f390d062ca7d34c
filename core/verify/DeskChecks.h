#pragma once

#include "cache/CacheTypes.h"
#include "util/Result.h"
#include "verify/Inspection.h"

#include <optional>

namespace kp {

class CacheDatabase;
struct SignedRecord;

// The checks that compare with what the authorities and this desk know:
// registry, revocation, duplicate (releases here, `used` from the authority)
// and freshness.
namespace DeskChecks {
// True when the cache is past `fresh`, or was never synced.
bool isOutOfDate(const SyncState& state, const QDateTime& now);

// scanned: the signed record from a KP1 barcode; registryBytes: what the registry holds.
CheckResult registryForKp1(const SignedRecord& scanned, const std::optional<QByteArray>& registryBytes,
                           const SyncState& state);
CheckResult revocation(const std::optional<RevocationEntry>& entry);
// A scan is not a presentation: checking again (the same inspection, or the
// same certificate until a shipment under it is released) never warns. What
// warns is a shipment released here, or an import confirmed elsewhere (`used`).
CheckResult duplicate(const std::optional<RevocationEntry>& entry, const QList<ReleaseEntry>& releasedHere);
CheckResult freshness(const SyncState& state, const QDateTime& now);
// A check that needed the desk's data and could not read it: it fails with
// the reason ("The desk's data could not be read: ..."), never passes or skips.
CheckResult unreadable(const QString& check, const Error& error);
} // namespace DeskChecks

} // namespace kp
