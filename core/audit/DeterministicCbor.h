#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QCborValue>
#include <QStringView>

namespace kp {

// What the audit trail accepts as CBOR (kp-cases.md): the core deterministic
// encoding of RFC 8949 §4.2.1 over a small subset of the data model.
//
// Allowed: integers (within qint64, as QCborValue holds them), text strings
// (valid Unicode), byte strings, arrays, maps whose keys are text strings
// (at every level), false, true, null.
// Refused: floating-point numbers ("audit.float"), tags and Qt's extended
// types which are tags ("audit.tag"), undefined and other simple values
// ("audit.simple"), non-text map keys ("audit.key-not-text"), the same key
// twice ("audit.duplicate-key"), text with lone surrogates ("audit.bad-text"),
// nesting deeper than maxDepth ("audit.too-deep"), more than maxItems items or
// more than maxBytes of encoding ("audit.too-large").
//
// QCborValue::toCbor() is not enough: it writes a map's keys in the order
// they were inserted (and QCborValue::fromCbor keeps the order it read), so
// two equal maps can encode differently. This encoder sorts map keys by the
// bytewise lexicographic order of their own deterministic encodings, writes
// every integer and length in its shortest form and lengths as definite.
struct DeterministicLimits
{
    int maxDepth = 8;           // nested arrays/maps, the outermost counting as 1
    qsizetype maxItems = 4096;  // data items in total, keys included
    qsizetype maxBytes = 65536; // bytes of the encoding
};

Result<QByteArray> encodeDeterministicCbor(const QCborValue& value, const DeterministicLimits& limits = {});

// The same encoding written item by item, for a fixed shape whose caller
// writes each map's keys already in that order: no QCborValue is built
// (EventSignature: every desk that pulls an office event encodes it again).
// Its output is encodeDeterministicCbor's for the same value; the caller's
// tests compare the two, as the order of keys is the caller's to get right.
class DeterministicWriter
{
public:
    void startMap(qsizetype entries);
    void startArray(qsizetype elements);
    void integer(qint64 value);
    void text(QStringView value); // lone surrogates: not ok()
    void bytes(QByteArrayView value);
    void null();

    bool ok() const { return m_ok; }
    qsizetype items() const { return m_items; } // as DeterministicLimits counts them
    const QByteArray& encoded() const { return m_out; }

private:
    QByteArray m_out;
    qsizetype m_items = 0;
    bool m_ok = true;
};

// Checks that bytes are exactly one data item of that subset in the
// deterministic encoding, without building it (fast enough to check a
// million stored entries in a few seconds). Shortest heads, definite lengths,
// keys in order and valid UTF-8 are checked; error codes as above, and
// "audit.malformed" (not well-formed, indefinite lengths, trailing bytes),
// "audit.not-deterministic" (a longer head than needed, keys out of order),
// "audit.integer-range" (an integer outside qint64).
// encodeDeterministicCbor's output always passes; nothing else does.
Status checkDeterministicCbor(QByteArrayView bytes, const DeterministicLimits& limits = {});

// The length of the first data item of bytes if it uses only definite
// lengths (anything else is not deterministic), without decoding it; 0 when
// bytes end before the item does (read more), an "audit.malformed" error when
// the item is not well formed or uses an indefinite length, "audit.too-large"
// past maxBytes, "audit.too-deep" past maxDepth.
Result<qsizetype> definiteItemLength(QByteArrayView bytes, const DeterministicLimits& limits = {});

} // namespace kp
