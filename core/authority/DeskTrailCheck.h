#pragma once

// Checks a desk's exported audit trail (`kpdesk-cli audit export`, a CBOR
// sequence: core/audit/AuditExport) against every (entry count, head) the
// authority received from that desk in its messages (MessageLedger's
// audit_pairs; kp-outbox.md, "At the authority"): at each of those entry
// numbers the trail must have that same hash. Unlike a checkpoint that stops
// at the first difference, every pair is reported, so an auditor sees which
// messages the trail no longer agrees with.

#include "authority/MessageLedger.h"

#include <QIODevice>

namespace kp {

struct TrailMismatch
{
    enum class Kind {
        Different, // the trail has another hash at that entry: rewritten
        Missing,   // the trail ends before that entry: entries removed, or went back
    };
    Kind kind = Kind::Different;
    AuditPair pair;       // what the desk reported, and in which message
    QByteArray trailHash; // Different: what the trail has there
};
QString trailMismatchKindName(TrailMismatch::Kind kind); // "different", "missing"

struct DeskTrailReport
{
    AuditHead trail;                 // the export's own count and head
    qsizetype checked = 0;           // pairs compared
    QList<TrailMismatch> mismatches; // by entry number
};

class DeskTrailCheck
{
public:
    // Reads and verifies the export from its first entry (its own hash chain
    // must hold: the error codes of readAuditExport otherwise), then compares
    // it with `pairs`.
    static Result<DeskTrailReport> check(QIODevice* exported, const QList<AuditPair>& pairs);
};

} // namespace kp
