#include "verify/RuleSet.h"

#include "cache/CacheDatabase.h"
#include "util/Logging.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Checks)
};

double number(const QCborValue& v)
{
    return v.isDouble() ? v.toDouble() : double(v.toInteger());
}

bool isNumber(const QCborValue& v)
{
    return v.isInteger() || v.isDouble();
}

QDate parseDate(const QCborValue& v)
{
    return v.isString() ? QDate::fromString(v.toString(), Qt::ISODate) : QDate();
}

} // namespace

RuleSet RuleSet::defaults()
{
    // Wide bands around KP production statistics (US$/ct, 2011-2023,
    // domain/kpcs.md): about a third of the lowest to three times the highest
    // year. Shipments are sorted assortments, so these only ever warn.
    RuleSet rules;
    rules.usdPerCarat = {
        {QStringLiteral("NA"), {150, 1800}},
        {QStringLiteral("LS"), {90, 1300}},
        {QStringLiteral("AO"), {45, 700}},
        {QStringLiteral("SL"), {60, 650}},
        {QStringLiteral("BW"), {40, 550}},
        {QStringLiteral("ZA"), {40, 650}},
        {QStringLiteral("CA"), {30, 700}},
        {QStringLiteral("RU"), {25, 300}},
        {QStringLiteral("ZW"), {18, 300}},
        {QStringLiteral("CD"), {2, 30}},
        {WorldBand, {2, 2000}},
    };
    return rules;
}

bool RuleSet::applyRule(const QString& key, const QCborValue& value)
{
    if (key == QLatin1String("max_validity_days")) {
        if (!value.isInteger() || value.toInteger() < 1 || value.toInteger() > 3660)
            return false;
        maxValidityDays = int(value.toInteger());
        return true;
    }
    if (key == QLatin1String("usd_per_ct")) {
        if (!value.isMap())
            return false;
        QMap<QString, ValueBand> bands;
        const QCborMap map = value.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            const QCborArray range = it.value().toArray();
            if (!it.key().isString() || !it.value().isArray() || range.size() != 2 || !isNumber(range[0]) ||
                !isNumber(range[1]) || number(range[0]) > number(range[1]))
                return false;
            bands.insert(it.key().toString(), ValueBand{number(range[0]), number(range[1])});
        }
        usdPerCarat = bands;
        return true;
    }
    if (key == QLatin1String("bans")) {
        if (!value.isArray())
            return false;
        QList<Ban> parsed;
        for (const QCborValue& item : value.toArray()) {
            const QCborMap m = item.toMap();
            Ban ban;
            ban.country = m.value(QStringLiteral("c")).toString();
            ban.from = parseDate(m.value(QStringLiteral("from")));
            ban.to = parseDate(m.value(QStringLiteral("to")));
            ban.scope = m.value(QStringLiteral("scope")).toString();
            ban.note = m.value(QStringLiteral("note")).toString();
            const bool scopeOk = ban.scope == QLatin1String("origin") || ban.scope == QLatin1String("issuer");
            if (!item.isMap() || ban.country.isEmpty() || !ban.from.isValid() || !scopeOk)
                return false;
            parsed.append(ban);
        }
        bans = parsed;
        return true;
    }
    return true; // unknown rules are for newer desks
}

Result<RuleSet> RuleSet::fromCache(const CacheDatabase& db)
{
    RuleSet rules = defaults();
    for (const QString& key :
         {QStringLiteral("max_validity_days"), QStringLiteral("usd_per_ct"), QStringLiteral("bans")}) {
        const auto value = db.rule(key);
        if (!value)
            return value.error();
        if (!*value || rules.applyRule(key, **value))
            continue;
        if (key == QLatin1String("bans")) {
            qCWarning(lcVerify) << "malformed bans rule: sanctions cannot be checked";
            rules.bans.clear();
            rules.bansError = Tr::tr("The national bans in the desk's data are malformed, so no ban can be "
                                     "checked: sync again, and tell the authority if this stays.");
        } else {
            qCWarning(lcVerify) << "malformed rule ignored, default kept:" << key;
        }
    }
    return rules;
}

std::optional<ValueBand> RuleSet::bandFor(const QString& origin) const
{
    if (auto it = usdPerCarat.constFind(origin); it != usdPerCarat.constEnd())
        return *it;
    if (auto it = usdPerCarat.constFind(WorldBand); it != usdPerCarat.constEnd())
        return *it;
    return std::nullopt;
}

} // namespace kp
