#include "format/Cbor.h"

#include <QCborStreamReader>
#include <QCoreApplication>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Cbor)
};

Error malformed(const QString& detail)
{
    return makeError(QStringLiteral("cbor.malformed"), Tr::tr("Malformed CBOR: %1").arg(detail));
}

// Reads a string or byte string to its end, chunk by chunk (indefinite
// lengths included), without keeping it.
bool skipStringChunks(QCborStreamReader& reader)
{
    auto result = reader.isString() ? reader.readString().status : reader.readByteArray().status;
    while (result == QCborStreamReader::Ok)
        result = reader.isString() ? reader.readString().status : reader.readByteArray().status;
    return result == QCborStreamReader::EndOfString;
}

// Walks one data item without recursion, enforcing the limits; returns
// the offset where it ends.
Result<qsizetype> walk(const QByteArray& bytes, const CborLimits& limits)
{
    QCborStreamReader reader(bytes);
    int depth = 0;
    int tagRun = 0;
    qsizetype items = 0;
    for (;;) {
        if (depth > 0 && !reader.hasNext()) {
            if (reader.lastError() != QCborError::NoError || !reader.leaveContainer())
                return malformed(reader.lastError().toString());
            if (--depth == 0)
                break;
            continue;
        }
        if (reader.lastError() != QCborError::NoError)
            return malformed(reader.lastError().toString());
        if (++items > limits.maxItems)
            return makeError(QStringLiteral("cbor.too-large"),
                             Tr::tr("CBOR data has more than %1 items.").arg(limits.maxItems));
        switch (reader.type()) {
        case QCborStreamReader::Array:
        case QCborStreamReader::Map: {
            if (depth + tagRun >= limits.maxDepth)
                return makeError(QStringLiteral("cbor.too-deep"),
                                 Tr::tr("CBOR data nests deeper than %1.").arg(limits.maxDepth));
            if (reader.isLengthKnown()) {
                // Every element takes at least one byte: refuse impossible lengths before allocating.
                const quint64 perElement = reader.isMap() ? 2 : 1;
                const quint64 remaining = quint64(bytes.size() - reader.currentOffset());
                if (reader.length() > remaining / perElement + 1)
                    return malformed(Tr::tr("a container claims more elements than there are bytes"));
            }
            if (!reader.enterContainer())
                return malformed(reader.lastError().toString());
            ++depth;
            tagRun = 0;
            continue;
        }
        case QCborStreamReader::Tag:
            if (++tagRun + depth > limits.maxDepth)
                return makeError(QStringLiteral("cbor.too-deep"),
                                 Tr::tr("CBOR data nests deeper than %1.").arg(limits.maxDepth));
            reader.next();
            continue;
        case QCborStreamReader::String:
        case QCborStreamReader::ByteArray:
            if (reader.isLengthKnown() && reader.length() > quint64(bytes.size() - reader.currentOffset()))
                return malformed(Tr::tr("a string claims more bytes than there are"));
            if (!skipStringChunks(reader))
                return malformed(reader.lastError() == QCborError::InvalidUtf8String
                                     ? Tr::tr("text is not valid UTF-8")
                                     : reader.lastError().toString());
            break;
        case QCborStreamReader::Invalid:
            return malformed(reader.lastError().toString());
        default:
            if (!reader.next())
                return malformed(reader.lastError().toString());
            break;
        }
        tagRun = 0;
        if (depth == 0)
            break;
    }
    if (reader.lastError() != QCborError::NoError)
        return malformed(reader.lastError().toString());
    return qsizetype(reader.currentOffset());
}

} // namespace

Result<QCborValue> parseCbor(const QByteArray& bytes, const CborLimits& limits)
{
    if (bytes.isEmpty())
        return malformed(Tr::tr("no data"));
    if (bytes.size() > limits.maxBytes)
        return makeError(QStringLiteral("cbor.too-large"),
                         Tr::tr("CBOR data is larger than %1 bytes.").arg(limits.maxBytes));
    auto end = walk(bytes, limits);
    if (!end)
        return end.error();
    if (*end != bytes.size())
        return makeError(QStringLiteral("cbor.trailing"), Tr::tr("Unexpected bytes after the CBOR data."));
    QCborParserError error;
    QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError)
        return malformed(error.errorString());
    return value;
}

Result<qsizetype> cborItemLength(const QByteArray& bytes, const CborLimits& limits)
{
    if (bytes.isEmpty())
        return malformed(Tr::tr("no data"));
    // fromRawData, not left(): a copy of a megabyte per item made applying a
    // large bundle quadratic in practice.
    return walk(bytes.size() > limits.maxBytes ? QByteArray::fromRawData(bytes.constData(), limits.maxBytes)
                                               : bytes,
                limits);
}

QByteArray encodeCbor(const QCborValue& value)
{
    return value.toCbor();
}

} // namespace kp
