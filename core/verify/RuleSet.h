#pragma once

#include <QCborValue>
#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace kp {

class CacheDatabase;

// US$ per carat band for an origin (warn only: assortments vary widely).
struct ValueBand
{
    double min = 0;
    double max = 0;
};

// A national ban (law outside the KP), e.g. on Russian-origin diamonds.
struct Ban
{
    QString country;
    QDate from;
    QDate to;      // null: in force
    QString scope; // "origin" or "issuer"
    QString note;
    bool covers(const QDate& day) const { return from <= day && (to.isNull() || day <= to); }
};

// Rule parameters from the bundle's `rules` part, with the domain's defaults
// where a bundle gives none (docs/rules.md).
struct RuleSet
{
    static inline const QString WorldBand = QStringLiteral("*");

    int maxValidityDays = 60;
    QMap<QString, ValueBand> usdPerCarat;
    QList<Ban> bans;

    static RuleSet defaults();
    // Defaults overridden by each rule the cache holds; a malformed rule keeps
    // its default (and is logged).
    static RuleSet fromCache(const CacheDatabase& db);

    // Parse one rule value; false when malformed.
    bool applyRule(const QString& key, const QCborValue& value);

    std::optional<ValueBand> bandFor(const QString& origin) const;
};

} // namespace kp
