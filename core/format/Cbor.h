#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QCborValue>

namespace kp {

// Limits for parsing CBOR that comes from outside (barcodes, bundles).
struct CborLimits
{
    int maxDepth = 16;           // nesting of arrays/maps/tags
    qsizetype maxItems = 100000; // data items in total
    qsizetype maxBytes = 1 << 20;
};

// Parses exactly one CBOR data item from bytes. The structure is walked with
// QCborStreamReader first, iteratively, so that hostile nesting or sizes are
// refused before any tree is built. Trailing bytes are an error.
// Error codes: "cbor.malformed", "cbor.too-deep", "cbor.too-large", "cbor.trailing".
Result<QCborValue> parseCbor(const QByteArray& bytes, const CborLimits& limits = {});

// The length of the first CBOR data item in bytes (at most limits.maxBytes
// are looked at), walked as parseCbor does; trailing bytes are allowed.
Result<qsizetype> cborItemLength(const QByteArray& bytes, const CborLimits& limits = {});

// Encodes with deterministic map order as given (QCborValue keeps insertion order).
QByteArray encodeCbor(const QCborValue& value);

} // namespace kp
