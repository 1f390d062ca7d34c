#pragma once

#include "cache/CacheTypes.h"
#include "util/Result.h"

#include <memory>

namespace kp {

class CacheDatabase;

// A `certs` row as a bundle gives it: UTF-8 text (a null QByteArray is SQL
// NULL) and the signed bytes as they came.
struct CertificateRow
{
    QByteArray number;
    QByteArray issuer; // the record's `iss`, null when it has none
    QByteArray issued; // its `di`
    QByteArray cose;
};

// Applies one bundle's content inside a single transaction. Nothing is visible
// until commit(); destroying the writer without commit() rolls back.
// Uses prepared statements that are reused across rows (bulk path).
class CacheWriter
{
public:
    // Starts the transaction (BEGIN IMMEDIATE).
    static Result<std::unique_ptr<CacheWriter>> begin(CacheDatabase& db);
    ~CacheWriter(); // rolls back if not committed

    // Full snapshot: clears participants, cas, signers, certs, revoked, rules,
    // contacts (desk configuration and presentations stay).
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
    // The same for a record taken from a bundle as it came (kp-sync.md: it
    // need only parse; its content is judged when it is verified). The bulk
    // of a big bundle: bound straight on SQLite's own statement when Qt's
    // driver runs on the same SQLite library as this program.
    Status upsertCertificateRow(const CertificateRow& row);
    Status upsertRevocation(const RevocationEntry& entry);
    Status upsertRule(const QString& key, const QCborValue& value);
    // Keyed by (participant, role).
    Status upsertContact(const ContactEntry& contact);

    // Sets seq, publisher, publishedAt, freshUntil and lastSuccess.
    Status setSyncState(const SyncState& state);

    Status commit();

private:
    explicit CacheWriter(CacheDatabase& db);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace kp
