#include "cases/PhysicalCheck.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::PhysicalCheck)
};

QString normalizedSeal(const QString& seal)
{
    return seal.trimmed().toUpper();
}

} // namespace

bool PhysicalCheck::isEmpty() const
{
    return declarationRef.isEmpty() && !parcelsCounted && !massCarats && !sealsIntact &&
           sealNumbers.isEmpty() && !importerMatches;
}

QStringList PhysicalCheck::mismatches(const CertificateRecord& record) const
{
    QStringList out;
    const QLocale locale; // the window's language's digits (kpdesk-cli: the system's)
    if (parcelsCounted && *parcelsCounted != record.parcels)
        out << Tr::tr("%1 parcels counted; the certificate says %2.")
                   .arg(locale.toString(*parcelsCounted), locale.toString(record.parcels));
    if (massCarats) {
        const double certified = double(record.totalCentiCarats()) / 100.0;
        if (std::abs(*massCarats - certified) > massToleranceCarats)
            out << Tr::tr("%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).")
                       .arg(locale.toString(*massCarats, 'f', 2), locale.toString(certified, 'f', 2),
                            locale.toString(massToleranceCarats, 'f', 2));
    }
    if (sealsIntact && !*sealsIntact)
        out << Tr::tr("A seal is broken or tampered with.");
    if (!sealNumbers.isEmpty()) {
        QStringList expected;
        for (const QString& s : record.seals)
            expected << normalizedSeal(s);
        QStringList seen;
        for (const QString& s : sealNumbers)
            if (!normalizedSeal(s).isEmpty())
                seen << normalizedSeal(s);
        expected.sort();
        seen.sort();
        if (expected != seen)
            out << Tr::tr("Seal numbers %1 do not match the certificate's %2.")
                       .arg(seen.join(QStringLiteral(", ")),
                            expected.isEmpty() ? Tr::tr("(none)") : expected.join(QStringLiteral(", ")));
    }
    if (importerMatches && !*importerMatches)
        out << Tr::tr("The importer on the declaration is not %1.").arg(record.importer.name);
    return out;
}

QJsonObject PhysicalCheck::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("declaration"), declarationRef);
    if (parcelsCounted)
        o.insert(QStringLiteral("parcels"), qint64(*parcelsCounted));
    if (massCarats)
        o.insert(QStringLiteral("massCarats"), *massCarats);
    o.insert(QStringLiteral("toleranceCarats"), massToleranceCarats);
    if (sealsIntact)
        o.insert(QStringLiteral("sealsIntact"), *sealsIntact);
    o.insert(QStringLiteral("seals"), QJsonArray::fromStringList(sealNumbers));
    if (importerMatches)
        o.insert(QStringLiteral("importerMatches"), *importerMatches);
    return o;
}

PhysicalCheck PhysicalCheck::fromJson(const QJsonObject& o)
{
    PhysicalCheck p;
    p.declarationRef = o.value(QStringLiteral("declaration")).toString();
    if (o.contains(QStringLiteral("parcels")))
        p.parcelsCounted = quint64(o.value(QStringLiteral("parcels")).toInteger());
    if (o.contains(QStringLiteral("massCarats")))
        p.massCarats = o.value(QStringLiteral("massCarats")).toDouble();
    p.massToleranceCarats = o.value(QStringLiteral("toleranceCarats")).toDouble(0.5);
    if (o.contains(QStringLiteral("sealsIntact")))
        p.sealsIntact = o.value(QStringLiteral("sealsIntact")).toBool();
    for (const QJsonValue v : o.value(QStringLiteral("seals")).toArray())
        p.sealNumbers << v.toString();
    if (o.contains(QStringLiteral("importerMatches")))
        p.importerMatches = o.value(QStringLiteral("importerMatches")).toBool();
    return p;
}

Verdict finalVerdict(Verdict verification, const QStringList& physicalMismatches)
{
    if (verification == Verdict::Accept && !physicalMismatches.isEmpty())
        return Verdict::Doubt;
    return verification;
}

} // namespace kp
