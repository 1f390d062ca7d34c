#include "audit/AuditChain.h"
#include "crypto/Sha256.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QLocale>

#include <cstdio>
#include <cstring>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::AuditChain)
};

const QString kN = QStringLiteral("n");
const QString kAt = QStringLiteral("at");
const QString kDesk = QStringLiteral("desk");
const QString kActor = QStringLiteral("actor");
const QString kKind = QStringLiteral("kind");
const QString kData = QStringLiteral("data");

// An entry's number as the reader's language writes it (the window's, kpdesk-cli's system's).
QString entryNumber(quint64 n)
{
    return QLocale().toString(n);
}

Error badEntry(const QString& detail)
{
    return makeError(QStringLiteral("audit.bad-entry"), Tr::tr("Not a valid audit entry: %1").arg(detail));
}

DeterministicLimits entryLimits(const AuditLimits& limits)
{
    // The entry map is one level above its data.
    return DeterministicLimits{limits.maxDataDepth + 1, limits.maxItems, limits.maxBytes};
}

// The entry's keys, each followed by its value, in their deterministic order.
const QByteArray kKeyN = QByteArray::fromHex("616e");
const QByteArray kKeyAt = QByteArray::fromHex("626174");
const QByteArray kKeyData = QByteArray::fromHex("6464617461");
const QByteArray kKeyDesk = QByteArray::fromHex("646465736b");
const QByteArray kKeyKind = QByteArray::fromHex("646b696e64");
const QByteArray kKeyActor = QByteArray::fromHex("656163746f72");

// Fields of an encoded entry found by checkEncoded().
struct EncodedFields
{
    quint64 n = 0;
};

// Reads a head known to be well formed and in its shortest form (checkDeterministicCbor passed).
quint64 headValue(const quint8* p, qsizetype& pos)
{
    const int info = p[pos++] & 0x1f;
    if (info < 24)
        return quint64(info);
    quint64 value = 0;
    for (int i = 0; i < (1 << (info - 24)); ++i)
        value = (value << 8) | p[pos++];
    return value;
}

// "2026-11-30T07:21:00.000Z", without allocating.
bool validTime(const quint8* t, qsizetype size)
{
    if (size != 24)
        return false;
    static const char pattern[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    for (int i = 0; i < 24; ++i) {
        const bool digit = t[i] >= '0' && t[i] <= '9';
        if (pattern[i] == 'd' ? !digit : t[i] != quint8(pattern[i]))
            return false;
    }
    auto num = [t](int at, int len) {
        int v = 0;
        for (int i = 0; i < len; ++i)
            v = v * 10 + (t[at + i] - '0');
        return v;
    };
    const int year = num(0, 4);
    return year >= 1 && QDate::isValid(year, num(5, 2), num(8, 2)) && num(11, 2) < 24 && num(14, 2) < 60 &&
           num(17, 2) < 60;
}

// The checks that do not need the encoding; n is not checked here.
Status checkFields(const QString& at, const QString& desk, const QString& actor, const QString& kind)
{
    const QByteArray atBytes = at.toUtf8();
    if (!validTime(reinterpret_cast<const quint8*>(atBytes.constData()), atBytes.size()))
        return badEntry(
            Tr::tr("the time \u201c%1\u201d is not of the form 2026-11-30T07:21:00.000Z").arg(at));
    if (desk.isEmpty())
        return badEntry(Tr::tr("the desk is empty"));
    if (actor.isEmpty())
        return badEntry(Tr::tr("the actor is empty"));
    if (kind.isEmpty())
        return badEntry(Tr::tr("the kind is empty"));
    return success();
}

// Checks that encoded is exactly the deterministic encoding of a well-formed
// entry, without building it: the subset and order of checkDeterministicCbor,
// then the six fields in their fixed order.
Result<EncodedFields> checkEncoded(const QByteArray& encoded, const AuditLimits& limits)
{
    if (Status s = checkDeterministicCbor(encoded, entryLimits(limits)); !s)
        return s.error();
    const auto* p = reinterpret_cast<const quint8*>(encoded.constData());
    const qsizetype size = encoded.size();
    qsizetype pos = 0;
    const Error shape = badEntry(
        Tr::tr("it must be a map of exactly n (uint), at, desk, actor, kind (text) and data (a map)"));
    auto key = [&](const QByteArray& k) {
        if (size - pos < k.size() || memcmp(p + pos, k.constData(), size_t(k.size())) != 0)
            return false;
        pos += k.size();
        return true;
    };
    auto major = [&]() {
        return pos < size ? p[pos] >> 5 : -1;
    };
    EncodedFields fields;
    if (p[pos++] != 0xa6 || !key(kKeyN) || major() != 0)
        return shape;
    fields.n = headValue(p, pos);
    if (fields.n < 1)
        return badEntry(Tr::tr("n must be 1 or more"));
    if (!key(kKeyAt) || major() != 3)
        return shape;
    const qsizetype atLength = qsizetype(headValue(p, pos));
    if (!validTime(p + pos, atLength))
        return badEntry(Tr::tr("the time \u201c%1\u201d is not of the form 2026-11-30T07:21:00.000Z")
                            .arg(QString::fromUtf8(encoded.constData() + pos, atLength)));
    pos += atLength;
    if (!key(kKeyData) || major() != 5)
        return shape;
    auto dataLength =
        definiteItemLength(QByteArrayView(encoded.constData() + pos, size - pos), entryLimits(limits));
    if (!dataLength || *dataLength == 0)
        return shape;
    pos += *dataLength;
    for (const QByteArray* k : {&kKeyDesk, &kKeyKind, &kKeyActor}) {
        if (!key(*k) || major() != 3)
            return shape;
        const qsizetype length = qsizetype(headValue(p, pos));
        if (length == 0)
            return badEntry(k == &kKeyDesk   ? Tr::tr("the desk is empty")
                            : k == &kKeyKind ? Tr::tr("the kind is empty")
                                             : Tr::tr("the actor is empty"));
        pos += length;
    }
    if (pos != size)
        return shape;
    return fields;
}

Error aboutEntry(quint64 n, const Error& e)
{
    return makeError(e.code, Tr::tr("Entry %1: %2").arg(entryNumber(n), e.message));
}

} // namespace

bool operator==(const AuditEntry& a, const AuditEntry& b)
{
    if (a.n != b.n || a.at != b.at || a.desk != b.desk || a.actor != b.actor || a.kind != b.kind)
        return false;
    const auto da = encodeDeterministicCbor(a.data);
    const auto db = encodeDeterministicCbor(b.data);
    if (da.ok() && db.ok())
        return *da == *db;
    return a.data == b.data;
}

QByteArray AuditChain::genesis()
{
    return QByteArray(HashSize, '\0');
}

QString AuditChain::formatTime(const QDateTime& at)
{
    const QDateTime u = at.toUTC();
    const QDate d = u.date();
    const QTime t = u.time();
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year(), d.month(), d.day(),
                  t.hour(), t.minute(), t.second(), t.msec());
    return QString::fromLatin1(buffer);
}

std::optional<QDateTime> AuditChain::parseTime(const QString& text)
{
    const QByteArray t = text.toLatin1();
    if (text.size() != 24 || !validTime(reinterpret_cast<const quint8*>(t.constData()), t.size()))
        return std::nullopt; // every other spelling of a time is refused
    auto num = [&t](int at, int len) {
        return t.mid(at, len).toInt();
    };
    return QDateTime(QDate(num(0, 4), num(5, 2), num(8, 2)),
                     QTime(num(11, 2), num(14, 2), num(17, 2), num(20, 3)), Qt::UTC);
}

Result<QByteArray> AuditChain::encode(const AuditEntry& entry, const AuditLimits& limits)
{
    if (entry.n < 1 || entry.n > quint64(std::numeric_limits<qint64>::max()))
        return badEntry(Tr::tr("n must be from 1 to 2^63 - 1"));
    if (!entry.at.isValid() || entry.at.toUTC().date().year() < 1 || entry.at.toUTC().date().year() > 9999)
        return badEntry(Tr::tr("the time is invalid or outside the years 1 to 9999"));
    const QString at = formatTime(entry.at);
    if (Status s = checkFields(at, entry.desk, entry.actor, entry.kind); !s)
        return s.error();
    QCborMap map;
    map.insert(kN, qint64(entry.n));
    map.insert(kAt, at);
    map.insert(kDesk, entry.desk);
    map.insert(kActor, entry.actor);
    map.insert(kKind, entry.kind);
    map.insert(kData, entry.data);
    return encodeDeterministicCbor(map, entryLimits(limits));
}

Result<AuditEntry> AuditChain::decode(const QByteArray& encoded, const AuditLimits& limits)
{
    auto fields = checkEncoded(encoded, limits);
    if (!fields)
        return fields.error();
    const QCborMap map = QCborValue::fromCbor(encoded).toMap();
    AuditEntry entry;
    entry.n = fields->n;
    entry.at = *parseTime(map.value(kAt).toString());
    entry.desk = map.value(kDesk).toString();
    entry.actor = map.value(kActor).toString();
    entry.kind = map.value(kKind).toString();
    entry.data = map.value(kData).toMap();
    return entry;
}

QByteArray AuditChain::link(const QByteArray& prev, const QByteArray& encoded)
{
    return Sha256::hash(prev, encoded);
}

AuditVerifier::AuditVerifier() : m_head{0, AuditChain::genesis()} {}

AuditVerifier::AuditVerifier(AuditHead trusted) : m_head(std::move(trusted))
{
    if (m_head.count == 0 && m_head.hash.isEmpty())
        m_head.hash = AuditChain::genesis();
}

void AuditVerifier::expect(quint64 n, const QByteArray& hash)
{
    m_checkpoints.insert(n, hash);
}

Status AuditVerifier::fail(quint64 n, Error error)
{
    m_failedAt = n;
    m_error = std::move(error);
    return *m_error;
}

Status AuditVerifier::add(const AuditEntry& entry, const QByteArray& storedHash)
{
    if (m_error)
        return *m_error;
    auto encoded = AuditChain::encode(entry, limits);
    if (!encoded)
        return fail(entry.n, aboutEntry(entry.n, encoded.error()));
    return accept(entry.n, *encoded, storedHash);
}

Status AuditVerifier::addEncoded(const QByteArray& encoded, const QByteArray& storedHash)
{
    if (m_error)
        return *m_error;
    auto fields = checkEncoded(encoded, limits);
    if (!fields) {
        // Its own n cannot be trusted: name the place where it stands.
        const quint64 place = m_head.count + 1;
        return fail(place, aboutEntry(place, fields.error()));
    }
    return accept(fields->n, encoded, storedHash);
}

Status AuditVerifier::accept(quint64 n, const QByteArray& encoded, const QByteArray& storedHash)
{
    const quint64 expected = m_head.count + 1;
    if (n > expected)
        return fail(expected,
                    makeError(QStringLiteral("audit.sequence"),
                              Tr::tr("Entry %1 is missing: entry %2 comes after entry %3 "
                                     "(entries were removed or moved).")
                                  .arg(entryNumber(expected), entryNumber(n), entryNumber(m_head.count))));
    if (n < expected)
        return fail(expected, makeError(QStringLiteral("audit.sequence"),
                                        Tr::tr("Entry %1 is missing: entry %2 comes again in its place "
                                               "(an entry was repeated or moved).")
                                            .arg(entryNumber(expected), entryNumber(n))));
    const QByteArray hash = AuditChain::link(m_head.hash, encoded);
    if (!storedHash.isEmpty() && storedHash != hash)
        return fail(n,
                    makeError(QStringLiteral("audit.hash"),
                              Tr::tr("Entry %1 does not hold: its hash does not follow from its content and "
                                     "entry %2 (it was changed, or not linked to the entry before it).")
                                  .arg(entryNumber(n), entryNumber(m_head.count))));
    const auto checkpoint = m_checkpoints.constFind(n);
    if (checkpoint != m_checkpoints.cend() && *checkpoint != hash)
        return fail(n, makeError(QStringLiteral("audit.checkpoint"),
                                 Tr::tr("Entry %1 does not hold: the trail up to it differs from the head "
                                        "known from elsewhere (an entry up to %1 was changed).")
                                     .arg(entryNumber(n))));
    m_head = AuditHead{n, hash};
    return success();
}

Status AuditVerifier::finish() const
{
    if (m_error)
        return *m_error;
    const auto last = m_checkpoints.upperBound(m_head.count);
    if (last != m_checkpoints.cend())
        return makeError(
            QStringLiteral("audit.truncated"),
            Tr::tr("Entry %1 is missing: the trail ends at entry %2, but entry %3 is known "
                   "from elsewhere (entries were removed from its end).")
                .arg(entryNumber(m_head.count + 1), entryNumber(m_head.count), entryNumber(last.key())));
    return success();
}

} // namespace kp
