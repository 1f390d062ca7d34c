#pragma once

#include "cache/CacheTypes.h"
#include "verify/Inspection.h"

#include <optional>

namespace kp {

class CacheDatabase;

// The checks that compare with what the authorities and this desk know:
// registry, revocation, duplicate (presentations) and freshness.
namespace DeskChecks {
// True when the cache is past `fresh`, or was never synced.
bool isOutOfDate(const SyncState& state, const QDateTime& now);

// scanned: the record from a KP1 barcode; registryBytes: what the registry holds.
CheckResult registryForKp1(const QByteArray& scannedPayload, const CertificateRecord& scanned,
                           const std::optional<QByteArray>& registryBytes, const SyncState& state);
CheckResult revocation(const std::optional<RevocationEntry>& entry);
CheckResult duplicate(const std::optional<RevocationEntry>& entry, const QList<PresentationEntry>& seenHere);
CheckResult freshness(const SyncState& state, const QDateTime& now);
} // namespace DeskChecks

} // namespace kp
