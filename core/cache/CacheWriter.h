#pragma once

#include "cache/CacheTypes.h"
#include "util/Result.h"

#include <memory>

namespace kp {

class CacheDatabase;

// Applies one bundle's content inside a single transaction. Nothing is visible
// until commit(); destroying the writer without commit() rolls back.
// Uses prepared statements that are reused across rows (bulk path).
class CacheWriter
{
public:
    // Starts the transaction (BEGIN IMMEDIATE).
    static Result<std::unique_ptr<CacheWriter>> begin(CacheDatabase& db);
    ~CacheWriter(); // rolls back if not committed

    // Full snapshot: clears participants, cas, signers, certs, revoked, rules
    // (desk configuration and presentations stay).
    Status clearAuthorityData();

    Status upsertParticipant(const ParticipantPeriod& period);
    // Keyed by SHA-256 of der; subjectCountry stored for lookup.
    Status upsertAuthorityCa(const QByteArray& der, const QString& subjectCountry, const QDate& revoked);
    // Keyed by (kid, SHA-256 of der): two signers may share a kid.
    Status upsertSigner(const QByteArray& der, const QByteArray& kid, const QDate& revoked,
                        const QString& why);
    // Keyed by number; stored as the signed COSE bytes.
    Status upsertCertificate(const QString& number, const QString& issuer, const QDate& issued,
                             const QByteArray& coseBytes);
    Status upsertRevocation(const RevocationEntry& entry);
    Status upsertRule(const QString& key, const QCborValue& value);

    // Sets seq, publisher, publishedAt, freshUntil and lastSuccess.
    Status setSyncState(const SyncState& state);

    Status commit();

private:
    explicit CacheWriter(CacheDatabase& db);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace kp
