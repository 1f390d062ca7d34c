#pragma once

#include "audit/DeterministicCbor.h"
#include "util/Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>
#include <QMap>
#include <QString>

#include <optional>

namespace kp {

// One entry of the desk's audit trail (kp-cases.md, "The audit trail").
// It is hashed as the deterministic CBOR map
//   {"n": uint, "at": tstr, "data": map, "desk": tstr, "kind": tstr, "actor": tstr}
// (the keys in that order: shorter encodings first, then bytewise).
// `at` is written as RFC 3339 UTC with milliseconds, "2026-11-30T07:21:00.000Z".
struct AuditEntry
{
    quint64 n = 0; // from 1
    QDateTime at;
    QString desk;
    QString actor;
    QString kind;
    QCborMap data; // text keys at every level; no floats, tags or undefined (DeterministicCbor.h)

    // Equal fields, and data equal whatever the order of its keys (QCborMap's
    // own == compares the order too).
    friend bool operator==(const AuditEntry& a, const AuditEntry& b);
};

// Where a chain stands: the number of entries and the hash of the newest
// (the head; 32 zero bytes when there are none). This is what goes out with
// every message to the home authority.
struct AuditHead
{
    quint64 count = 0;
    QByteArray hash;

    friend bool operator==(const AuditHead&, const AuditHead&) = default;
};

// Limits of one encoded entry (its data map is nested one level inside the entry).
struct AuditLimits
{
    int maxDataDepth = 6;
    qsizetype maxItems = 4096;
    qsizetype maxBytes = 64 * 1024;
};

class AuditChain
{
public:
    static constexpr int HashSize = 32;

    // prev of entry 1: 32 zero bytes.
    static QByteArray genesis();

    // The deterministic CBOR of an entry, exactly the bytes that are hashed and exported.
    // Error codes: "audit.bad-entry" (n is 0, `at` invalid or outside years 1-9999, empty
    // desk, actor or kind), and those of encodeDeterministicCbor for `data`.
    static Result<QByteArray> encode(const AuditEntry& entry, const AuditLimits& limits = {});

    // Reads an encoded entry back. It must be exactly the deterministic encoding
    // of a well-formed entry (decoding and encoding again gives the same bytes).
    // Error codes: "audit.malformed", "audit.not-deterministic", "audit.bad-entry",
    // "audit.too-large", and those of encode().
    static Result<AuditEntry> decode(const QByteArray& encoded, const AuditLimits& limits = {});

    // SHA-256(prev ‖ encoded): the entry's hash.
    static QByteArray link(const QByteArray& prev, const QByteArray& encoded);

    // The canonical text of a time in an entry, and its strict reading.
    static QString formatTime(const QDateTime& at);
    static std::optional<QDateTime> parseTime(const QString& text);
};

// Checks a trail entry by entry, in order, and stops at the first entry that
// does not hold: every later add() returns that same error. Errors name the
// entry (their message starts "Entry n") and have stable codes:
//   "audit.sequence"   an entry is missing, moved or repeated (n is not the next number);
//   "audit.hash"       the stored hash is not SHA-256(prev ‖ entry): the entry was
//                      changed, or it was not linked to the entry before it;
//   "audit.checkpoint" the chain at entry n differs from a hash known from elsewhere
//                      (the authority's copy of a head);
//   "audit.truncated"  (finish) the trail ends before a known checkpoint: entries were removed
//                      from its end;
//   and the decode() codes for encoded bytes that are not a well-formed entry.
class AuditVerifier
{
public:
    // From the start of a trail.
    AuditVerifier();
    // From a head already trusted (verify only what was appended after it).
    explicit AuditVerifier(AuditHead trusted);

    // A hash the trail must have at entry n (for example a head sent to the
    // authority). Add them before the entries.
    void expect(quint64 n, const QByteArray& hash);
    void expect(const AuditHead& head) { expect(head.count, head.hash); }

    // The next entry. storedHash, when given, is the hash the store kept for it.
    Status add(const AuditEntry& entry, const QByteArray& storedHash = {});
    // The next entry as stored: its encoded bytes (checked to be a
    // deterministic, well-formed entry) and, when given, its stored hash.
    Status addEncoded(const QByteArray& encoded, const QByteArray& storedHash = {});

    // After the last entry: every checkpoint reached, no error before.
    Status finish() const;

    quint64 count() const { return m_head.count; }
    QByteArray head() const { return m_head.hash; }
    AuditHead position() const { return m_head; }
    bool failed() const { return m_error.has_value(); }
    // The number of the entry the first error is about (0 when none).
    quint64 failedAt() const { return m_failedAt; }

    AuditLimits limits;

private:
    Status fail(quint64 n, Error error);
    Status accept(quint64 n, const QByteArray& encoded, const QByteArray& storedHash);

    AuditHead m_head;
    QMap<quint64, QByteArray> m_checkpoints;
    std::optional<Error> m_error;
    quint64 m_failedAt = 0;
};

} // namespace kp
