#include "audit/DeterministicCbor.h"

#include <QByteArrayView>
#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>

#include <algorithm>
#include <utility>
#include <vector>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeterministicCbor)
};

enum Major : quint8 { Unsigned = 0, Negative = 1, Bytes = 2, Text = 3, Array = 4, Map = 5, Simple = 7 };

// Appends an item's head: its major type and its argument (an integer, a
// length or a count) in the shortest form (RFC 8949 §4.1, §4.2.1), as Qt's
// CBOR writer writes it. Written here rather than through QCborStreamWriter,
// which makes a QIODevice for every item (the office's events are encoded by
// every desk that pulls them: that was most of the time).
void appendHead(QByteArray& out, quint8 major, quint64 argument)
{
    const char type = char(major << 5);
    int bytes = 0;
    if (argument < 24) {
        out.append(char(type | char(argument)));
        return;
    }
    if (argument <= 0xff) {
        out.append(char(type | 24));
        bytes = 1;
    } else if (argument <= 0xffff) {
        out.append(char(type | 25));
        bytes = 2;
    } else if (argument <= 0xffffffffULL) {
        out.append(char(type | 26));
        bytes = 4;
    } else {
        out.append(char(type | 27));
        bytes = 8;
    }
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
        out.append(char((argument >> shift) & 0xff));
}

void appendInteger(QByteArray& out, qint64 value)
{
    if (value >= 0)
        appendHead(out, Unsigned, quint64(value));
    else
        appendHead(out, Negative, ~quint64(value)); // -1 - value
}

void appendString(QByteArray& out, Major major, QByteArrayView bytes)
{
    appendHead(out, major, quint64(bytes.size()));
    out.append(bytes);
}

// The simple values' single bytes (major type 7).
constexpr char CborFalse = char(0xf4), CborTrue = char(0xf5), CborNull = char(0xf6);

class Encoder
{
public:
    explicit Encoder(const DeterministicLimits& limits) : m_limits(limits) {}

    // Appends the encoding of value to out; depth is the container depth of value's parent.
    Status encode(const QCborValue& value, QByteArray& out, int depth)
    {
        if (++m_items > m_limits.maxItems)
            return makeError(QStringLiteral("audit.too-large"),
                             Tr::tr("The data has more than %1 items.").arg(m_limits.maxItems));
        if (value.isTag()) // Qt's extended types (date-time, URL, UUID, ...) are tags too
            return makeError(QStringLiteral("audit.tag"),
                             Tr::tr("The data holds a CBOR tag; tags are not allowed."));
        switch (value.type()) {
        case QCborValue::Integer: {
            appendInteger(out, value.toInteger());
            break;
        }
        case QCborValue::ByteArray: {
            appendString(out, Bytes, value.toByteArray());
            break;
        }
        case QCborValue::String: {
            const QString s = value.toString();
            if (!QStringView(s).isValidUtf16())
                return makeError(QStringLiteral("audit.bad-text"),
                                 Tr::tr("The data holds text that is not valid Unicode."));
            appendString(out, Text, s.toUtf8());
            break;
        }
        case QCborValue::Array: {
            if (depth + 1 > m_limits.maxDepth)
                return tooDeep();
            const QCborArray a = value.toArray();
            // The head only: the elements follow, each appended apart.
            appendHead(out, Array, quint64(a.size()));
            for (const QCborValue& element : a) {
                if (Status s = encode(element, out, depth + 1); !s)
                    return s;
            }
            break;
        }
        case QCborValue::Map: {
            if (depth + 1 > m_limits.maxDepth)
                return tooDeep();
            if (Status s = encodeMap(value.toMap(), out, depth + 1); !s)
                return s;
            break;
        }
        case QCborValue::False:
        case QCborValue::True:
            out.append(value.toBool() ? CborTrue : CborFalse);
            break;
        case QCborValue::Null:
            out.append(CborNull);
            break;
        case QCborValue::Double:
            return makeError(QStringLiteral("audit.float"),
                             Tr::tr("The data holds a floating-point number; amounts must be integers."));
        case QCborValue::Undefined:
            return makeError(QStringLiteral("audit.simple"), Tr::tr("The data holds the value undefined."));
        default:
            return makeError(QStringLiteral("audit.simple"),
                             Tr::tr("The data holds a CBOR simple value other than false, true and null."));
        }
        if (out.size() > m_limits.maxBytes)
            return makeError(QStringLiteral("audit.too-large"),
                             Tr::tr("The data takes more than %1 bytes.").arg(m_limits.maxBytes));
        return success();
    }

private:
    Status tooDeep() const
    {
        return makeError(QStringLiteral("audit.too-deep"),
                         Tr::tr("The data nests deeper than %1 levels.").arg(m_limits.maxDepth));
    }

    Status encodeMap(const QCborMap& map, QByteArray& out, int depth)
    {
        std::vector<std::pair<QByteArray, QByteArray>> entries; // encoded key, encoded value
        entries.reserve(size_t(map.size()));
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            const QCborValue key = it.key();
            if (!key.isString())
                return makeError(QStringLiteral("audit.key-not-text"),
                                 Tr::tr("The data has a map key that is not text."));
            QByteArray k;
            QByteArray v;
            if (Status s = encode(key, k, depth); !s)
                return s;
            if (Status s = encode(it.value(), v, depth); !s)
                return s;
            entries.emplace_back(std::move(k), std::move(v));
        }
        // RFC 8949 §4.2.1: keys in the bytewise lexicographic order of their deterministic encodings.
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t i = 1; i < entries.size(); ++i) {
            if (entries[i].first == entries[i - 1].first)
                return makeError(QStringLiteral("audit.duplicate-key"),
                                 Tr::tr("The data has the key \u201c%1\u201d twice.")
                                     .arg(QString::fromUtf8(entries[i].first.mid(1))));
        }
        appendHead(out, Map, quint64(entries.size()));
        for (const auto& [k, v] : entries) {
            out.append(k);
            out.append(v);
        }
        return success();
    }

    const DeterministicLimits& m_limits;
    qsizetype m_items = 0;
};

} // namespace

void DeterministicWriter::startMap(qsizetype entries)
{
    ++m_items;
    appendHead(m_out, Map, quint64(entries));
}

void DeterministicWriter::startArray(qsizetype elements)
{
    ++m_items;
    appendHead(m_out, Array, quint64(elements));
}

void DeterministicWriter::integer(qint64 value)
{
    ++m_items;
    appendInteger(m_out, value);
}

void DeterministicWriter::text(QStringView value)
{
    ++m_items;
    if (!value.isValidUtf16())
        m_ok = false;
    appendString(m_out, Text, value.toUtf8());
}

void DeterministicWriter::bytes(QByteArrayView value)
{
    ++m_items;
    appendString(m_out, Bytes, value);
}

void DeterministicWriter::null()
{
    ++m_items;
    m_out.append(CborNull);
}

namespace {

Error malformed(const QString& detail)
{
    return makeError(QStringLiteral("audit.malformed"), Tr::tr("Malformed CBOR: %1").arg(detail));
}

// Walks encoded bytes, checking everything encodeDeterministicCbor guarantees.
class Checker
{
public:
    Checker(QByteArrayView bytes, const DeterministicLimits& limits)
        : m_p(reinterpret_cast<const quint8*>(bytes.data())), m_size(bytes.size()), m_limits(limits)
    {}

    Status run()
    {
        if (m_size > m_limits.maxBytes)
            return makeError(QStringLiteral("audit.too-large"),
                             Tr::tr("The data takes more than %1 bytes.").arg(m_limits.maxBytes));
        if (m_size == 0)
            return malformed(Tr::tr("no data"));
        if (Status st = item(0); !st)
            return st;
        if (m_pos != m_size)
            return malformed(Tr::tr("bytes after the end of the data"));
        return success();
    }

private:
    Status truncated() const { return malformed(Tr::tr("the data ends too early")); }

    Status notDeterministic(const QString& detail) const
    {
        return makeError(
            QStringLiteral("audit.not-deterministic"),
            Tr::tr("Not the deterministic CBOR encoding (RFC 8949, section 4.2.1): %1").arg(detail));
    }

    // Reads an initial byte and its argument, checking the argument is in its shortest form.
    Status head(int& major, int& info, quint64& value)
    {
        if (m_pos >= m_size)
            return truncated();
        const quint8 initial = m_p[m_pos++];
        major = initial >> 5;
        info = initial & 0x1f;
        if (info < 24) {
            value = quint64(info);
            return success();
        }
        if (info >= 28)
            return malformed(
                info == 31 ? Tr::tr("an indefinite length, which the deterministic encoding does not use")
                           : Tr::tr("a reserved additional information value"));
        if (major == Simple)
            return success(); // simple values and floats: refused by the caller
        const int n = 1 << (info - 24);
        if (m_size - m_pos < n)
            return truncated();
        value = 0;
        for (int i = 0; i < n; ++i)
            value = (value << 8) | m_p[m_pos++];
        static constexpr quint64 floor[] = {24, 0x100, 0x10000, 0x100000000ULL};
        if (value < floor[info - 24])
            return notDeterministic(Tr::tr("an integer or length in a longer form than needed"));
        return success();
    }

    Status item(int depth)
    {
        if (++m_items > m_limits.maxItems)
            return makeError(QStringLiteral("audit.too-large"),
                             Tr::tr("The data has more than %1 items.").arg(m_limits.maxItems));
        int major = 0;
        int info = 0;
        quint64 value = 0;
        if (Status st = head(major, info, value); !st)
            return st;
        switch (major) {
        case Unsigned:
        case Negative:
            if (value > quint64(std::numeric_limits<qint64>::max()))
                return makeError(QStringLiteral("audit.integer-range"),
                                 Tr::tr("The data holds an integer outside the 64-bit signed range."));
            return success();
        case Bytes:
        case Text: {
            if (value > quint64(m_size - m_pos))
                return truncated();
            const qsizetype start = m_pos;
            m_pos += qsizetype(value);
            if (major == Text && !validUtf8(m_p + start, qsizetype(value)))
                return malformed(Tr::tr("text is not valid UTF-8"));
            return success();
        }
        case Array:
        case Map: {
            if (depth + 1 > m_limits.maxDepth)
                return makeError(QStringLiteral("audit.too-deep"),
                                 Tr::tr("The data nests deeper than %1 levels.").arg(m_limits.maxDepth));
            if (value > quint64(m_size - m_pos)) // every element takes a byte at least
                return truncated();
            if (major == Array) {
                for (quint64 i = 0; i < value; ++i) {
                    if (Status st = item(depth + 1); !st)
                        return st;
                }
                return success();
            }
            qsizetype prevStart = -1;
            qsizetype prevEnd = -1;
            for (quint64 i = 0; i < value; ++i) {
                const qsizetype keyStart = m_pos;
                if (m_pos >= m_size)
                    return truncated();
                if ((m_p[m_pos] >> 5) != Text)
                    return makeError(QStringLiteral("audit.key-not-text"),
                                     Tr::tr("The data has a map key that is not text."));
                if (Status st = item(depth + 1); !st)
                    return st;
                if (prevStart >= 0) {
                    const QByteArrayView prev(m_p + prevStart, prevEnd - prevStart);
                    const QByteArrayView key(m_p + keyStart, m_pos - keyStart);
                    const int order = prev.compare(key);
                    if (order == 0)
                        return makeError(QStringLiteral("audit.duplicate-key"),
                                         Tr::tr("The data has the same map key twice."));
                    if (order > 0)
                        return notDeterministic(Tr::tr("map keys out of order"));
                }
                prevStart = keyStart;
                prevEnd = m_pos;
                if (Status st = item(depth + 1); !st)
                    return st;
            }
            return success();
        }
        case 6:
            return makeError(QStringLiteral("audit.tag"),
                             Tr::tr("The data holds a CBOR tag; tags are not allowed."));
        default: // Simple
            if (info == 20 || info == 21 || info == 22)
                return success();
            if (info >= 25 && info <= 27)
                return makeError(QStringLiteral("audit.float"),
                                 Tr::tr("The data holds a floating-point number; amounts must be integers."));
            if (info == 23)
                return makeError(QStringLiteral("audit.simple"),
                                 Tr::tr("The data holds the value undefined."));
            return makeError(QStringLiteral("audit.simple"),
                             Tr::tr("The data holds a CBOR simple value other than false, true and null."));
        }
    }

    // Strict UTF-8 (RFC 3629): shortest forms, no surrogates, at most U+10FFFF.
    static bool validUtf8(const quint8* s, qsizetype n) { return QByteArrayView(s, n).isValidUtf8(); }

    const quint8* m_p;
    qsizetype m_size;
    const DeterministicLimits& m_limits;
    qsizetype m_pos = 0;
    qsizetype m_items = 0;
};

} // namespace

Status checkDeterministicCbor(QByteArrayView bytes, const DeterministicLimits& limits)
{
    return Checker(bytes, limits).run();
}

Result<QByteArray> encodeDeterministicCbor(const QCborValue& value, const DeterministicLimits& limits)
{
    QByteArray out;
    Encoder encoder(limits);
    if (Status s = encoder.encode(value, out, 0); !s)
        return s.error();
    return out;
}

Result<qsizetype> definiteItemLength(QByteArrayView bytes, const DeterministicLimits& limits)
{
    const auto* p = reinterpret_cast<const quint8*>(bytes.data());
    const qsizetype size = std::min(bytes.size(), limits.maxBytes + 1);
    qsizetype pos = 0;
    qsizetype items = 0;
    std::vector<quint64> pending; // items still to read in each open container
    bool truncated = false;
    do {
        if (pos >= size) {
            truncated = true;
            break;
        }
        if (++items > limits.maxItems)
            return makeError(QStringLiteral("audit.too-large"),
                             Tr::tr("The data has more than %1 items.").arg(limits.maxItems));
        const quint8 initial = p[pos++];
        const int major = initial >> 5;
        const int info = initial & 0x1f;
        quint64 value = 0;
        if (info < 24) {
            value = quint64(info);
        } else if (info <= 27) {
            const int n = 1 << (info - 24);
            if (pos + n > size) {
                truncated = true;
                break;
            }
            for (int i = 0; i < n; ++i)
                value = (value << 8) | p[pos++];
        } else if (info == 31) {
            return malformed(Tr::tr("an indefinite length, which the deterministic encoding does not use"));
        } else {
            return malformed(Tr::tr("a reserved additional information value"));
        }
        if (!pending.empty())
            --pending.back();
        switch (major) {
        case Bytes:
        case Text:
            if (value > quint64(limits.maxBytes))
                return makeError(QStringLiteral("audit.too-large"),
                                 Tr::tr("The data takes more than %1 bytes.").arg(limits.maxBytes));
            pos += qsizetype(value);
            break;
        case Array:
        case Map:
        case 6: // a tag: one item follows
            if (value > quint64(limits.maxBytes))
                return makeError(QStringLiteral("audit.too-large"),
                                 Tr::tr("The data takes more than %1 bytes.").arg(limits.maxBytes));
            if (major == 6)
                pending.push_back(1);
            else
                pending.push_back(major == Map ? 2 * value : value);
            if (qsizetype(pending.size()) > limits.maxDepth)
                return makeError(QStringLiteral("audit.too-deep"),
                                 Tr::tr("The data nests deeper than %1 levels.").arg(limits.maxDepth));
            break;
        default:
            break;
        }
        while (!pending.empty() && pending.back() == 0)
            pending.pop_back();
        if (pos > limits.maxBytes)
            return makeError(QStringLiteral("audit.too-large"),
                             Tr::tr("The data takes more than %1 bytes.").arg(limits.maxBytes));
    } while (!pending.empty());
    if (truncated || !pending.empty() || pos > bytes.size())
        return qsizetype(0); // the item goes on past the bytes given
    return pos;
}

} // namespace kp
