#pragma once

#include "audit/AuditChain.h"

#include <QIODevice>

#include <functional>

namespace kp {

// An audit trail export: a CBOR sequence (RFC 8742, media type
// application/cbor-seq) of the entries' maps, in order, each exactly the
// bytes that were hashed. Nothing else is in the file: anyone can split it
// into items, hash them (SHA-256(prev ‖ item), prev starting at 32 zero
// bytes) and compare the head with the one sent to the authority.
class AuditExportWriter
{
public:
    explicit AuditExportWriter(QIODevice* out) : m_out(out) {}

    // Appends one entry as stored. The bytes are checked (a well-formed
    // deterministic entry that follows the ones written before) so that an
    // export is never written with a break the writer could see.
    // Error codes: those of AuditVerifier, "audit.write".
    Status addEncoded(const QByteArray& encoded, const QByteArray& storedHash = {});
    Status add(const AuditEntry& entry);

    // What was written so far: the count and head a reader will find.
    AuditHead head() const { return m_verifier.position(); }

private:
    QIODevice* m_out;
    AuditVerifier m_verifier;
};

struct AuditExportCheck
{
    // Heads known from elsewhere (for example those sent to the authority):
    // the export must pass through each of them.
    QList<AuditHead> checkpoints;
    // Called for every entry that holds, in order.
    std::function<void(const AuditEntry&)> onEntry;
    AuditLimits limits;
};

// Reads an export and verifies it from its first entry: every item a
// well-formed deterministic entry, n counting from 1 without gap, the chain
// through every checkpoint. Returns the count and head found. The error of
// the first entry that does not hold names it (codes of AuditVerifier;
// "audit.read" when the device cannot be read, "audit.malformed" for a file
// that ends inside an item).
Result<AuditHead> readAuditExport(QIODevice* in, const AuditExportCheck& check = {});

} // namespace kp
