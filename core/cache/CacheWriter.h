#pragma once

#include "cache/CacheTypes.h"
#include "util/Result.h"

#include <functional>
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

// Writes authority data. begin(): straight into the live tables inside one
// transaction; nothing is visible until commit(); destroying the writer
// without commit() rolls back. Uses prepared statements that are reused
// across rows (bulk path).
//
// beginStaged() (a bundle, kp-sync.md "Applying a bundle"): into staging
// tables of the same file, in short transactions (pace() commits every
// 60 ms and, when another connection waits for SQLite's write lock, leaves it
// free for a few ms, so an officer's save never waits long behind a sync),
// then switchIn() puts the staged data live
// in one short transaction: a full snapshot swaps the tables by renaming
// them, a delta merges its staged rows. Until then the live tables are
// untouched; the leftovers of a sync killed half way are cleared by the next
// one.
class CacheWriter
{
public:
    enum class Staging {
        Replace, // a full snapshot: the staged tables become the live ones
        Merge,   // a delta: the staged rows are upserted into the live tables
    };

    // Starts the transaction (BEGIN IMMEDIATE).
    static Result<std::unique_ptr<CacheWriter>> begin(CacheDatabase& db);
    // Clears what an earlier sync left behind (in short steps) and makes
    // empty staging tables; no write lock is held on return.
    static Result<std::unique_ptr<CacheWriter>> beginStaged(CacheDatabase& db, Staging how);
    ~CacheWriter(); // rolls back if not committed; a staged writer drops its staging tables

    // Full snapshot: clears participants, cas, signers, certs, revoked, rules,
    // contacts, desks (desk configuration and presentations stay).
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
    // Keyed by the certificate's SHA-256.
    Status upsertDeskCertificate(const DeskCertificateEntry& entry);

    // Sets seq, publisher, publishedAt, freshUntil and lastSuccess.
    Status setSyncState(const SyncState& state);

    Status commit();

    // Staged only: commits the staged rows written so far when the write
    // lock has been held long enough, then pauses when another connection
    // waits for the lock, so that it gets its turn. Call between rows.
    Status pace();
    // How many times pace() has left the lock free (tests, benchmarks).
    int pauses() const;
    // Staged only: one transaction that runs `check` (false: nothing is
    // switched, its error is returned), puts the staged data live and sets
    // the sync state. Then clears the replaced tables in short steps.
    Status switchIn(const std::function<Status()>& check, const SyncState& state);

private:
    explicit CacheWriter(CacheDatabase& db);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace kp
