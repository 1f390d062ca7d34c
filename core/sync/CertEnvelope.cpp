#include "sync/CertEnvelope_p.h"

#include <QByteArrayView>

#include <cstdint>
#include <cstring>

namespace kp {

namespace {

// Nesting allowed below the unprotected map and below a payload value; the
// full check allows more, so anything deeper is left undecided.
constexpr int MaxDepth = 4;

// Valid UTF-8 (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF; Qt checks that) and no noncharacter or byte order mark: the
// decoders of the full check may differ on those, so they are left undecided.
bool plainUtf8(const unsigned char* p, size_t n)
{
    // Nearly every text of a record is ASCII, which is plain UTF-8: eight
    // bytes at a time, no call (issue 22: two passes over every text were a
    // fifth of the parse).
    size_t ascii = 0;
    for (; ascii + 8 <= n; ascii += 8) {
        std::uint64_t word;
        std::memcpy(&word, p + ascii, 8);
        if (word & 0x8080808080808080u)
            break;
    }
    while (ascii < n && p[ascii] < 0x80)
        ++ascii;
    if (ascii == n)
        return true;
    if (!QByteArrayView(p, qsizetype(n)).isValidUtf8())
        return false;
    // Valid UTF-8: a byte from 0xEF up starts a sequence, and the few code
    // points left undecided are known by their bytes.
    for (size_t i = 0; i < n; ++i) {
        const unsigned char c = p[i];
        if (c < 0xef)
            continue;
        if (c == 0xef) { // U+FEFF, U+FDD0..U+FDEF, U+FFFE, U+FFFF
            const unsigned char b1 = p[i + 1], b2 = p[i + 2];
            if ((b1 == 0xbb && b2 == 0xbf) || (b1 == 0xb7 && b2 >= 0x90 && b2 <= 0xaf) ||
                (b1 == 0xbf && b2 >= 0xbe))
                return false;
            i += 2;
        } else { // U+nFFFE, U+nFFFF of planes 1 to 16
            if ((p[i + 1] & 0x0f) == 0x0f && p[i + 2] == 0xbf && p[i + 3] >= 0xbe)
                return false;
            i += 3;
        }
    }
    return true;
}

class Decoder
{
public:
    Decoder(const unsigned char* data, size_t size) : m_p(data), m_end(data + size) {}

    bool atEnd() const { return m_p == m_end; }
    size_t left() const { return size_t(m_end - m_p); }

    // The header at the cursor: major type and argument (a length or a
    // count, never indefinite, minimally encoded); the cursor moves past it.
    bool header(int& major, uint64_t& arg)
    {
        if (m_p == m_end)
            return false;
        const unsigned char first = *m_p++;
        major = first >> 5;
        const unsigned info = first & 0x1f;
        if (info < 24) {
            arg = info;
            return true;
        }
        if (info > 27)
            return false; // reserved or indefinite
        const size_t bytes = size_t(1) << (info - 24);
        if (left() < bytes)
            return false;
        arg = 0;
        for (size_t k = 0; k < bytes; ++k)
            arg = (arg << 8) | m_p[k];
        m_p += bytes;
        // Non-minimal forms: left to the full check.
        const uint64_t minimum = info == 24 ? 24 : info == 25 ? 0x100 : info == 26 ? 0x10000 : 0x100000000;
        if (major != 7 && arg < minimum)
            return false;
        return true;
    }

    // A byte or text string's content of `length` bytes.
    bool content(uint64_t length, const unsigned char*& start)
    {
        if (length > left())
            return false;
        start = m_p;
        m_p += length;
        return true;
    }

    // Skips one data item, at most `depth` containers deep.
    bool skip(int depth)
    {
        int major = 0;
        uint64_t arg = 0;
        const unsigned char* first = m_p;
        if (!header(major, arg))
            return false;
        switch (major) {
        case 0:
        case 1:
            return true;
        case 2:
        case 3: {
            const unsigned char* start = nullptr;
            if (!content(arg, start))
                return false;
            return major == 2 || plainUtf8(start, size_t(arg));
        }
        case 4:
        case 5: {
            if (depth <= 0 || arg > left())
                return false; // every item takes a byte at least
            const uint64_t items = major == 5 ? arg * 2 : arg;
            for (uint64_t k = 0; k < items; ++k) {
                if (!skip(depth - 1))
                    return false;
            }
            return true;
        }
        case 7: {
            const unsigned info = *first & 0x1f;
            // false, true, null, undefined and the three float sizes.
            return (info >= 20 && info <= 23) || (info >= 25 && info <= 27);
        }
        default: // tags
            return false;
        }
    }

    // A text string's content, valid UTF-8, without a byte order mark.
    bool text(QByteArrayView& out)
    {
        int major = 0;
        uint64_t arg = 0;
        const unsigned char* start = nullptr;
        if (!header(major, arg) || major != 3 || !content(arg, start) || !plainUtf8(start, size_t(arg)))
            return false;
        out = QByteArrayView(reinterpret_cast<const char*>(start), qsizetype(arg));
        return true;
    }

    const unsigned char* cursor() const { return m_p; }

private:
    const unsigned char* m_p;
    const unsigned char* m_end;
};

// The key is `word` (a literal): compared without measuring the literal.
template <size_t N>
bool keyIs(QByteArrayView key, const char (&word)[N])
{
    return key.size() == qsizetype(N - 1) && std::memcmp(key.data(), word, N - 1) == 0;
}

bool isTextAt(const Decoder& d)
{
    return !d.atEnd() && (*d.cursor() >> 5) == 3;
}

// The key at the cursor when it is a text string of at most 8 bytes, else
// an empty view (and the key is skipped). False: malformed or unusual.
bool readKey(Decoder& d, QByteArrayView& key)
{
    key = {};
    if (isTextAt(d)) {
        QByteArrayView text;
        if (!d.text(text))
            return false;
        if (text.size() <= 8)
            key = text;
        return true;
    }
    return d.skip(MaxDepth);
}

} // namespace

std::optional<CertEnvelope> decodeCertEnvelope(QByteArrayView cose)
{
    Decoder d(reinterpret_cast<const unsigned char*>(cose.data()), size_t(cose.size()));
    if (!d.atEnd() && *d.cursor() == 0xd2) // tag 18, in its one-byte form
        d = Decoder(d.cursor() + 1, d.left() - 1);
    int major = 0;
    uint64_t arg = 0;
    if (!d.header(major, arg) || major != 4 || arg != 4)
        return std::nullopt;
    const unsigned char* payload = nullptr;
    uint64_t payloadSize = 0;
    for (int i = 0; i < 4; ++i) {
        if (i == 1) {
            if (d.atEnd() || (*d.cursor() >> 5) != 5 || !d.skip(MaxDepth + 1))
                return std::nullopt;
            continue;
        }
        const unsigned char* start = nullptr;
        if (!d.header(major, arg) || major != 2 || !d.content(arg, start))
            return std::nullopt;
        if (i == 2) {
            payload = start;
            payloadSize = arg;
        }
    }
    if (!d.atEnd())
        return std::nullopt;

    Decoder fields(payload, size_t(payloadSize));
    if (!fields.header(major, arg) || major != 5 || arg > fields.left())
        return std::nullopt;
    CertEnvelope out;
    bool haveNumber = false;
    for (uint64_t k = 0; k < arg; ++k) {
        QByteArrayView key;
        if (!readKey(fields, key) || fields.atEnd())
            return std::nullopt;
        // The first of a repeated key counts, as when the record is verified;
        // `iss` and `di` count when they are text.
        QByteArrayView* target = nullptr;
        bool* seen = nullptr;
        if (keyIs(key, "no") && !haveNumber) {
            if (!isTextAt(fields))
                return std::nullopt; // refused by the full check, with its reason
            target = &out.number;
            seen = &haveNumber;
        } else if (keyIs(key, "iss") && !out.hasIssuer && isTextAt(fields)) {
            target = &out.issuer;
            seen = &out.hasIssuer;
        } else if (keyIs(key, "di") && !out.hasIssued && isTextAt(fields)) {
            target = &out.issued;
            seen = &out.hasIssued;
        }
        if (target) {
            // Empty text (null or empty in the full check's hands) is left
            // to it as well.
            if (!fields.text(*target) || target->isEmpty())
                return std::nullopt;
            *seen = true;
        } else if (!fields.skip(MaxDepth)) {
            return std::nullopt;
        }
    }
    if (!fields.atEnd() || !haveNumber || out.number.isEmpty())
        return std::nullopt;
    return out;
}

} // namespace kp
