#pragma once

// What a sync did, in the desk's audit trail (kp-cases.md: "sync applied or
// refused"). One place, so the window and the command line write the same
// entries.

#include "records/DeskRecords.h"
#include "sync/SyncClient.h"

namespace kp {

// A sync that applied bundles gives "sync_applied" ({source, from_seq,
// to_seq, bundles: [{base, seq}]}); a failed one "sync_refused" ({source,
// code, reason}); "already current" changed nothing and gives no entry. The
// source is written without any user name or password a URL may carry.
Status noteSyncInTrail(DeskRecords& door, const Session& session, const QString& source,
                       const Result<SyncOutcome>& outcome);

// "verification" ({no, verdict, source}) for a presentation recorded outside
// the window (kpdesk-cli verify --record), which keeps no inspection record.
Status noteVerificationInTrail(DeskRecords& door, const Session& session, const Inspection& inspection);

} // namespace kp
