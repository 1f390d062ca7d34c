#include "sync/PartReader_p.h"

#include "format/Cbor.h"

#include <cstring>

namespace kp {

std::optional<ByteStringSpan> definiteByteString(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return std::nullopt;
    const auto byte = [&](qsizetype i) {
        return quint64(quint8(bytes[i]));
    };
    const quint8 first = quint8(bytes[0]);
    if ((first >> 5) != 2) // major type 2: byte string
        return std::nullopt;
    const quint8 info = first & 0x1f;
    qsizetype header = 1;
    quint64 length = info;
    if (info >= 24) {
        if (info > 27)
            return std::nullopt; // indefinite (31) or reserved
        header = 1 + (qsizetype(1) << (info - 24));
        if (bytes.size() < header)
            return std::nullopt;
        length = 0;
        for (qsizetype i = 1; i < header; ++i)
            length = (length << 8) | byte(i);
    }
    if (length > quint64(bytes.size() - header))
        return std::nullopt;
    return ByteStringSpan{header, header + qsizetype(length)};
}

PartReader::PartReader(QFile& file, qint64 offset, qint64 length)
    : m_file(file), m_offset(offset), m_length(length)
{}

namespace {

// A buffer holds at least one whole maximal item besides the start of the
// next one; the file is read in chunks of about this size.
constexpr qsizetype Window = 2 * PartReader::MaxItemSize;
// Buffers kept for reuse: the one being filled, the one the writer is
// storing and the one before it are all the pipeline holds at once.
constexpr size_t SpareBuffers = 4;

} // namespace

QByteArray PartReader::freeBuffer()
{
    for (auto it = m_spare.begin(); it != m_spare.end(); ++it) {
        // Nobody else holds it (its batch is done): reading into it is safe.
        if (it->isDetached()) {
            QByteArray buffer = std::move(*it);
            m_spare.erase(it);
            return buffer;
        }
    }
    QByteArray buffer;
    buffer.reserve(Window);
    return buffer;
}

bool PartReader::fill()
{
    // A new buffer: the start of the item not yet whole, then the next
    // chunk of the file. The old one stays as it is for whoever holds it.
    const qsizetype tail = m_buffer.size() - m_start;
    const qint64 want = qMin<qint64>(Window - tail, m_length - m_read);
    if (want <= 0)
        return false;
    QByteArray next = freeBuffer();
    next.resize(tail + qsizetype(want));
    std::memcpy(next.data(), m_buffer.constData() + m_start, size_t(tail));
    if (!m_file.seek(m_offset + m_read))
        return false;
    const qint64 got = m_file.read(next.data() + tail, want);
    if (got != want)
        return false;
    m_hash.addData(QByteArrayView(next.constData() + tail, got));
    m_read += got;
    if (m_spare.size() < SpareBuffers && !m_buffer.isNull())
        m_spare.push_back(std::move(m_buffer));
    m_buffer = std::move(next);
    m_start = 0;
    return true;
}

bool PartReader::drain()
{
    m_buffer = QByteArray();
    m_start = 0;
    QByteArray chunk;
    while (m_read < m_length) {
        if (!m_file.seek(m_offset + m_read))
            return false;
        chunk.resize(qsizetype(qMin<qint64>(m_length - m_read, 1 << 20)));
        const qint64 got = m_file.read(chunk.data(), chunk.size());
        if (got <= 0)
            return false;
        m_hash.addData(QByteArrayView(chunk.constData(), got));
        m_read += got;
    }
    m_consumed = m_length;
    return true;
}

Result<QByteArrayView> PartReader::next()
{
    const auto malformed = [] {
        return Error{QStringLiteral("bundle.count"), QString()};
    };
    if (atEnd())
        return malformed();
    for (bool refilled = false;; refilled = true) {
        const QByteArrayView window(m_buffer.constData() + m_start, m_buffer.size() - m_start);
        // A definite byte string (each `certs` record) is delimited by its
        // header alone; anything else is walked with the CBOR limits.
        qsizetype length = -1;
        if (const auto span = definiteByteString(window)) {
            length = span->total;
        } else {
            CborLimits limits;
            limits.maxDepth = 8;
            limits.maxItems = 100000;
            limits.maxBytes = MaxItemSize;
            if (const auto walked =
                    cborItemLength(QByteArray::fromRawData(window.data(), window.size()), limits))
                length = *walked;
        }
        if (length > 0 && length <= MaxItemSize) {
            m_start += length;
            m_consumed += length;
            return window.first(length);
        }
        // Not whole in this buffer: once more with the next chunk of the
        // file, which then holds at least a maximal item.
        if (refilled || m_read == m_length || !fill())
            return malformed();
    }
}

} // namespace kp
