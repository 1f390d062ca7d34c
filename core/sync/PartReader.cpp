#include "sync/PartReader_p.h"

#include "format/Cbor.h"

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

bool PartReader::fill()
{
    // Keep at least one whole maximal item in the window.
    constexpr qsizetype Window = 2 * MaxItemSize;
    if (m_start > 0 && m_start >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_start);
        m_start = 0;
    }
    // Read in large chunks, only when less than one maximal item is left:
    // one system call per item made a big bundle slow.
    if (m_buffer.size() - m_start >= MaxItemSize)
        return true;
    const qint64 want = qMin<qint64>(Window - (m_buffer.size() - m_start), m_length - m_read);
    if (want <= 0)
        return true;
    if (!m_file.seek(m_offset + m_read))
        return false;
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + qsizetype(want));
    const qint64 got = m_file.read(m_buffer.data() + old, want);
    if (got != want)
        return false;
    m_hash.addData(QByteArrayView(m_buffer.constData() + old, got));
    m_read += got;
    return true;
}

bool PartReader::drain()
{
    m_buffer.clear();
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

Result<QByteArray> PartReader::next()
{
    const Error malformed{QStringLiteral("bundle.count"), QString()};
    if (atEnd() || !fill())
        return malformed;
    const QByteArray window =
        QByteArray::fromRawData(m_buffer.constData() + m_start, m_buffer.size() - m_start);
    // A definite byte string (each `certs` record) is delimited by its
    // header alone; anything else is walked with the CBOR limits.
    Result<qsizetype> length = malformed;
    if (const auto span = definiteByteString(window); span && span->total <= MaxItemSize) {
        length = span->total;
    } else {
        CborLimits limits;
        limits.maxDepth = 8;
        limits.maxItems = 100000;
        limits.maxBytes = MaxItemSize;
        length = cborItemLength(window, limits);
    }
    if (!length)
        return malformed;
    QByteArray item(window.constData(), *length); // a deep copy: the window moves on
    m_start += *length;
    m_consumed += *length;
    return item;
}

} // namespace kp
