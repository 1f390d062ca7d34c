#pragma once

// Internal to the sync module: reads the CBOR items of one part, exactly
// within [offset, offset + length) of the bundle file, through bounded
// buffers so that memory stays flat however large the part is. Every byte is
// read once and hashed as it is read: the items handed out are views of the
// very bytes the hash covers (a file changed after a check cannot slip in),
// and a buffer is never written again while anyone holds a copy of it.

#include "crypto/Sha256.h"
#include "util/Result.h"

#include <QByteArray>
#include <QFile>

#include <optional>
#include <vector>

namespace kp {

// The length of the definite-length byte string at the start of `bytes`:
// its header and content together, and the header's length; std::nullopt
// when `bytes` does not start with one (an indefinite one, another type) or
// it is longer than `bytes`. The common case of a `certs` record, read
// without a CBOR reader.
struct ByteStringSpan
{
    qsizetype header = 0;
    qsizetype total = 0;
};
std::optional<ByteStringSpan> definiteByteString(QByteArrayView bytes);

class PartReader
{
public:
    static constexpr qsizetype MaxItemSize = 1 << 20;

    PartReader(QFile& file, qint64 offset, qint64 length);

    bool atEnd() const { return m_consumed == m_length; }
    // The raw bytes of the next item, a view into buffer(); error
    // "bundle.count" when the part ends inside an item or an item is
    // malformed or too large. The view stays valid for as long as a copy of
    // buffer(), taken after this call, is kept: the reader reads into a
    // buffer again only when it alone holds it (no copy is made of the items).
    Result<QByteArrayView> next();
    // The buffer the item next() returned last lies in (implicitly shared).
    const QByteArray& buffer() const { return m_buffer; }
    // Reads and hashes what is left of the part without parsing it (a part
    // the desk skips, or the rest after a bad record); false when the file
    // cannot be read.
    bool drain();
    // SHA-256 of every byte of the part read so far (all of it once
    // drain() returned true); the reader is then spent.
    QByteArray digest() { return m_hash.result(); }

private:
    bool fill();
    QByteArray freeBuffer();

    QFile& m_file;
    qint64 m_offset;
    qint64 m_length;
    qint64 m_read = 0;     // bytes of the part read from the file
    qint64 m_consumed = 0; // bytes of the part handed out as items
    QByteArray m_buffer;
    qsizetype m_start = 0;           // first unconsumed byte in m_buffer
    std::vector<QByteArray> m_spare; // earlier buffers, for reuse once nobody else holds them
    Sha256 m_hash;                   // over the bytes read, as they are read
};

} // namespace kp
