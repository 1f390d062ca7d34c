#include "sync/BundleManifest.h"
#include "util/IsoTime.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QRegularExpression>

namespace kp {

namespace {

Error manifestError(const QString& message)
{
    return makeError(QStringLiteral("bundle.manifest"), message);
}

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::BundleManifest)
};

} // namespace

QStringList BundleManifest::partNames()
{
    return {QStringLiteral("participants"), QStringLiteral("cas"),     QStringLiteral("signers"),
            QStringLiteral("certs"),        QStringLiteral("revoked"), QStringLiteral("rules"),
            QStringLiteral("contacts"),     QStringLiteral("desks")};
}

QString rfc3339(const QDateTime& time)
{
    return isoTime(time, IsoPrecision::Seconds);
}

QDateTime parseRfc3339(const QString& text)
{
    static const QRegularExpression form(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$"));
    if (!form.match(text).hasMatch())
        return {};
    return parseIsoTime(text);
}

Result<BundleManifest> BundleManifest::fromCbor(const QCborValue& value)
{
    if (!value.isMap())
        return manifestError(Tr::tr("The bundle manifest is not a map."));
    const QCborMap m = value.toMap();
    if (m.value(QStringLiteral("fmt")).toString() != QLatin1String("kpsync"))
        return manifestError(Tr::tr("Not a kpsync bundle (fmt)."));
    if (!m.value(QStringLiteral("v")).isInteger() || m.value(QStringLiteral("v")).toInteger() != 1)
        return manifestError(Tr::tr("Unsupported bundle version (v must be 1)."));
    BundleManifest out;
    const QCborValue pub = m.value(QStringLiteral("pub"));
    const QCborValue seq = m.value(QStringLiteral("seq"));
    const QCborValue base = m.value(QStringLiteral("base"));
    if (!pub.isString() || pub.toString().isEmpty())
        return manifestError(Tr::tr("The manifest has no publisher (pub)."));
    if (!seq.isInteger() || seq.toInteger() < 1)
        return manifestError(Tr::tr("The manifest's seq must be an integer of at least 1."));
    if (!base.isInteger() || base.toInteger() < 0 || base.toInteger() >= seq.toInteger())
        return manifestError(Tr::tr("The manifest's base must be an integer below seq."));
    out.publisher = pub.toString();
    out.seq = quint64(seq.toInteger());
    out.base = quint64(base.toInteger());
    out.at = parseRfc3339(m.value(QStringLiteral("at")).toString());
    out.fresh = parseRfc3339(m.value(QStringLiteral("fresh")).toString());
    if (!out.at.isValid() || !out.fresh.isValid())
        return manifestError(Tr::tr("The manifest's at and fresh must be RFC 3339 times."));
    const QCborValue parts = m.value(QStringLiteral("parts"));
    if (!parts.isArray())
        return manifestError(Tr::tr("The manifest's parts must be an array."));
    QStringList seen;
    for (const QCborValue& item : parts.toArray()) {
        const QCborMap p = item.toMap();
        PartInfo part;
        part.name = p.value(QStringLiteral("name")).toString();
        const QCborValue n = p.value(QStringLiteral("n"));
        const QCborValue len = p.value(QStringLiteral("len"));
        part.sha256 = p.value(QStringLiteral("sha256")).toByteArray();
        // A part this desk does not know is allowed (kp-sync.md): it is
        // hashed and skipped. A name must still be given, and only once.
        if (!item.isMap() || !p.value(QStringLiteral("name")).isString() || part.name.isEmpty() ||
            seen.contains(part.name))
            return manifestError(Tr::tr("A part has no name, or the part '%1' is repeated.").arg(part.name));
        if (!n.isInteger() || n.toInteger() < 0 || !len.isInteger() || len.toInteger() < 0 ||
            !p.value(QStringLiteral("sha256")).isByteArray() || part.sha256.size() != 32)
            return manifestError(Tr::tr("Part '%1' needs n, len and a 32-byte sha256.").arg(part.name));
        part.count = quint64(n.toInteger());
        part.length = quint64(len.toInteger());
        seen << part.name;
        out.parts.append(part);
    }
    return out;
}

QCborMap BundleManifest::toCbor() const
{
    QCborArray partArray;
    for (const PartInfo& p : parts)
        partArray.append(QCborMap{{QStringLiteral("name"), p.name},
                                  {QStringLiteral("n"), qint64(p.count)},
                                  {QStringLiteral("len"), qint64(p.length)},
                                  {QStringLiteral("sha256"), p.sha256}});
    return QCborMap{{QStringLiteral("fmt"), QStringLiteral("kpsync")},
                    {QStringLiteral("v"), 1},
                    {QStringLiteral("pub"), publisher},
                    {QStringLiteral("seq"), qint64(seq)},
                    {QStringLiteral("base"), qint64(base)},
                    {QStringLiteral("at"), rfc3339(at)},
                    {QStringLiteral("fresh"), rfc3339(fresh)},
                    {QStringLiteral("parts"), partArray}};
}

} // namespace kp
