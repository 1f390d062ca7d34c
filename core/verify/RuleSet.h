#pragma once

#include <QCborValue>
#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

#include "util/Result.h"

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
    // Set by fromCache when the `bans` rule is malformed: no ban can be
    // trusted to be complete, so `sanctions` fails with this reason.
    QString bansError;

    static RuleSet defaults();
    // Defaults overridden by each rule the cache holds; a malformed
    // max_validity_days or usd_per_ct keeps its default (and is logged), a
    // malformed bans sets bansError. A rule that cannot be read is an error
    // ("cache.read"), never the defaults.
    static Result<RuleSet> fromCache(const CacheDatabase& db);

    // Parse one rule value; false when malformed.
    bool applyRule(const QString& key, const QCborValue& value);

    std::optional<ValueBand> bandFor(const QString& origin) const;
};

} // namespace kp
