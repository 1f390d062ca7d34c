#include "format/CertificateRecord.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace kp {

namespace {

constexpr qsizetype MaxText = 512;
constexpr qsizetype MaxNote = 4096;
constexpr qsizetype MaxLots = 64;
constexpr qsizetype MaxSeals = 256;
constexpr qsizetype MaxOrigins = 64;

Error invalid(const QString& message)
{
    return makeError(QStringLiteral("record.invalid"), message);
}

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CertificateRecord)
};

// Reads typed fields out of a CBOR map, remembering the first problem.
class FieldReader
{
public:
    explicit FieldReader(QCborMap map) : m_map(std::move(map)) {}

    bool failed() const { return !m_error.isEmpty(); }
    Error error() const { return invalid(m_error); }
    bool has(const QString& key) const { return m_map.contains(key); }

    void fail(const QString& message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    QCborValue required(const QString& key)
    {
        if (!m_map.contains(key))
            fail(Tr::tr("The required field '%1' is missing.").arg(key));
        return m_map.value(key);
    }

    QString text(const QCborValue& v, const QString& key, qsizetype maxLength = MaxText)
    {
        if (!v.isString()) {
            fail(Tr::tr("The field '%1' must be text.").arg(key));
            return {};
        }
        const QString s = v.toString();
        if (s.size() > maxLength)
            fail(Tr::tr("The field '%1' is longer than %2 characters.").arg(key).arg(maxLength));
        return s;
    }
    QString text(const QString& key, qsizetype maxLength = MaxText)
    {
        return text(required(key), key, maxLength);
    }

    quint64 uint(const QCborValue& v, const QString& key)
    {
        if (!v.isInteger() || v.toInteger() < 0) {
            fail(Tr::tr("The field '%1' must be an unsigned integer.").arg(key));
            return 0;
        }
        return quint64(v.toInteger());
    }
    quint64 uint(const QString& key) { return uint(required(key), key); }

    QDate date(const QString& key)
    {
        static const QRegularExpression form(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        const QString s = text(key, 10);
        if (failed())
            return {};
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (!form.match(s).hasMatch() || !d.isValid())
            fail(Tr::tr("The field '%1' must be a date as YYYY-MM-DD.").arg(key));
        return d;
    }

    QStringList textArray(const QCborValue& v, const QString& key, qsizetype maxItems)
    {
        QStringList out;
        if (!v.isArray()) {
            fail(Tr::tr("The field '%1' must be an array of text.").arg(key));
            return out;
        }
        const QCborArray a = v.toArray();
        if (a.size() > maxItems)
            fail(Tr::tr("The field '%1' has more than %2 entries.").arg(key).arg(maxItems));
        for (const QCborValue& item : a)
            out << text(item, key);
        return out;
    }

    Party party(const QString& key)
    {
        const QCborValue v = required(key);
        if (!v.isMap()) {
            fail(Tr::tr("The field '%1' must be a map with 'n' and 'a'.").arg(key));
            return {};
        }
        const QCborMap m = v.toMap();
        if (!m.contains(QStringLiteral("n")) || !m.contains(QStringLiteral("a")))
            fail(Tr::tr("The field '%1' must have a name 'n' and an address 'a'.").arg(key));
        return Party{text(m.value(QStringLiteral("n")), key + QStringLiteral(".n")),
                     text(m.value(QStringLiteral("a")), key + QStringLiteral(".a"))};
    }

    QCborMap m_map;

private:
    QString m_error;
};

} // namespace

Result<CertificateRecord> CertificateRecord::fromCbor(const QCborValue& value)
{
    if (!value.isMap())
        return invalid(Tr::tr("The certificate record is not a CBOR map."));
    FieldReader f(value.toMap());
    CertificateRecord r;
    r.version = f.uint(QStringLiteral("v"));
    if (!f.failed() && r.version != 1)
        return invalid(Tr::tr("Schema version %1 is not supported (expected 1).").arg(r.version));
    r.number = f.text(QStringLiteral("no"), 64);
    r.issuer = f.text(QStringLiteral("iss"), 8);
    r.authority = f.text(QStringLiteral("auth"));
    r.issued = f.date(QStringLiteral("di"));
    r.expires = f.date(QStringLiteral("de"));
    r.origins = f.textArray(f.required(QStringLiteral("org")), QStringLiteral("org"), MaxOrigins);
    if (f.has(QStringLiteral("mix"))) {
        const QCborValue mix = f.m_map.value(QStringLiteral("mix"));
        if (!mix.isBool())
            f.fail(Tr::tr("The field 'mix' must be true or false."));
        r.mixed = mix.toBool();
    }
    r.exporter = f.party(QStringLiteral("exp"));
    r.importer = f.party(QStringLiteral("imp"));
    r.destination = f.text(QStringLiteral("dst"), 8);
    const QCborValue lots = f.required(QStringLiteral("lots"));
    if (!lots.isArray() || lots.toArray().isEmpty()) {
        f.fail(Tr::tr("The field 'lots' must be an array of at least one lot."));
    } else if (lots.toArray().size() > MaxLots) {
        f.fail(Tr::tr("The field 'lots' has more than %1 entries.").arg(MaxLots));
    } else {
        for (const QCborValue& item : lots.toArray()) {
            if (!item.isMap()) {
                f.fail(Tr::tr("Each entry of 'lots' must be a map with 'hs', 'cct' and 'usd'."));
                break;
            }
            const QCborMap lot = item.toMap();
            r.lots.append(Lot{f.text(lot.value(QStringLiteral("hs")), QStringLiteral("lots.hs"), 16),
                              f.uint(lot.value(QStringLiteral("cct")), QStringLiteral("lots.cct")),
                              f.uint(lot.value(QStringLiteral("usd")), QStringLiteral("lots.usd"))});
        }
    }
    r.parcels = f.uint(QStringLiteral("np"));
    if (f.has(QStringLiteral("seals")))
        r.seals = f.textArray(f.m_map.value(QStringLiteral("seals")), QStringLiteral("seals"), MaxSeals);
    if (f.has(QStringLiteral("note")))
        r.note = f.text(f.m_map.value(QStringLiteral("note")), QStringLiteral("note"), MaxNote);
    if (!f.failed() && r.origins.isEmpty() && !r.mixed)
        f.fail(Tr::tr("The field 'org' needs at least one country unless 'mix' is true."));
    if (f.failed())
        return f.error();
    return r;
}

QCborMap CertificateRecord::toCbor() const
{
    QCborMap m;
    m.insert(QStringLiteral("v"), qint64(version));
    m.insert(QStringLiteral("no"), number);
    m.insert(QStringLiteral("iss"), issuer);
    m.insert(QStringLiteral("auth"), authority);
    m.insert(QStringLiteral("di"), issued.toString(Qt::ISODate));
    m.insert(QStringLiteral("de"), expires.toString(Qt::ISODate));
    m.insert(QStringLiteral("org"), QCborArray::fromStringList(origins));
    if (mixed)
        m.insert(QStringLiteral("mix"), true);
    m.insert(QStringLiteral("exp"),
             QCborMap{{QStringLiteral("n"), exporter.name}, {QStringLiteral("a"), exporter.address}});
    m.insert(QStringLiteral("imp"),
             QCborMap{{QStringLiteral("n"), importer.name}, {QStringLiteral("a"), importer.address}});
    m.insert(QStringLiteral("dst"), destination);
    QCborArray lotArray;
    for (const Lot& lot : lots)
        lotArray.append(QCborMap{{QStringLiteral("hs"), lot.hs},
                                 {QStringLiteral("cct"), qint64(lot.centiCarats)},
                                 {QStringLiteral("usd"), qint64(lot.usdCents)}});
    m.insert(QStringLiteral("lots"), lotArray);
    m.insert(QStringLiteral("np"), qint64(parcels));
    if (!seals.isEmpty())
        m.insert(QStringLiteral("seals"), QCborArray::fromStringList(seals));
    if (!note.isEmpty())
        m.insert(QStringLiteral("note"), note);
    return m;
}

QJsonObject CertificateRecord::toJson() const
{
    return toCbor().toJsonObject();
}

Result<CertificateRecord> CertificateRecord::fromJson(const QJsonObject& json)
{
    // JSON numbers are doubles: amounts must be whole, non-negative and exact.
    QCborMap map;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it)
        map.insert(it.key(), QCborValue::fromJsonValue(it.value()));
    return fromCbor(map);
}

quint64 CertificateRecord::totalCentiCarats() const
{
    quint64 total = 0;
    for (const Lot& lot : lots)
        total += lot.centiCarats;
    return total;
}

quint64 CertificateRecord::totalUsdCents() const
{
    quint64 total = 0;
    for (const Lot& lot : lots)
        total += lot.usdCents;
    return total;
}

bool isCertificateNumber(QStringView text)
{
    if (text.size() < 4 || text.size() > 32)
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'/'))
            return false;
    }
    return true;
}

} // namespace kp
