#include "verify/RecordChecks.h"

#include "cache/CacheDatabase.h"
#include "verify/CountryCodes.h"
#include "verify/DeskChecks.h"
#include "verify/StatusWords.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <functional>
#include <optional>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Checks)
};

QString iso(const QDate& d)
{
    return d.toString(Qt::ISODate);
}

bool isParticipantCode(const QString& code)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Z]{2}$"));
    return pattern.match(code).hasMatch();
}

// The status in force for `code` on `day`, or nullopt when it was no participant.
Result<std::optional<ParticipantPeriod>> statusOn(const CacheDatabase& db, const QString& code,
                                                  const QDate& day)
{
    const auto periods = db.participantPeriods(code);
    if (!periods)
        return periods.error();
    std::optional<ParticipantPeriod> found;
    for (const ParticipantPeriod& p : *periods) {
        // Where periods overlap, the one that started last is in force.
        if (p.covers(day) && (!found || found->from < p.from))
            found = p;
    }
    return found;
}

// The sum of one amount over the lots that `counts`, or nullopt when it
// does not fit in 64 bits (each lot may be up to 2^63 - 1: no shipment's
// total is, and a wrapped sum would look like an ordinary one).
std::optional<quint64> lotTotal(const QList<Lot>& lots, quint64 Lot::*amount,
                                const std::function<bool(const Lot&)>& counts)
{
    quint64 total = 0;
    for (const Lot& lot : lots)
        if (counts(lot) && __builtin_add_overflow(total, lot.*amount, &total))
            return std::nullopt;
    return total;
}

bool anyLot(const Lot&)
{
    return true;
}

} // namespace

CheckResult RecordChecks::fields(const CertificateRecord& r, const RuleSet& rules)
{
    const QString name = CheckName::Fields;
    auto fail = [&](const QString& why) {
        return CheckResult{name, CheckStatus::Fail, why};
    };
    if (!isCertificateNumber(r.number))
        return fail(Tr::tr("The certificate number \"%1\" is not 4-32 of A-Z, 0-9, - and /.").arg(r.number));
    if (!isParticipantCode(r.issuer) || !r.number.startsWith(r.issuer))
        return fail(Tr::tr("The certificate number %1 does not start with the issuer's code %2.")
                        .arg(r.number, r.issuer));
    if (!isParticipantCode(r.destination))
        return fail(Tr::tr("The importing participant \"%1\" is not a participant code.").arg(r.destination));
    for (const QString& origin : r.origins) {
        if (!isParticipantCode(origin))
            return fail(Tr::tr("The country of origin \"%1\" is not a two-letter code.").arg(origin));
        // KP names the Kimberley Process itself (the Chair's and the WGM's
        // contacts), never a country; read as ISO's DPR Korea it is no
        // participant. Either way no certified origin (docs/spec-notes.md).
        if (origin == QLatin1String("KP"))
            return fail(Tr::tr("\"KP\" is not a country of origin: a certificate names the countries where "
                               "the diamonds were mined, or is marked as of mixed origin."));
        if (!isCountryCode(origin))
            return fail(Tr::tr("The country of origin \"%1\" is not a country (ISO 3166-1): a certificate "
                               "names the countries where the diamonds were mined, or is marked as of "
                               "mixed origin.")
                            .arg(origin));
    }
    static const QStringList hsCodes{QStringLiteral("7102.10"), QStringLiteral("7102.21"),
                                     QStringLiteral("7102.31")};
    for (const Lot& lot : r.lots) {
        if (!hsCodes.contains(lot.hs))
            return fail(
                Tr::tr("HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).").arg(lot.hs));
        if (lot.centiCarats == 0)
            return fail(Tr::tr("A lot (HS %1) has a carat weight of zero.").arg(lot.hs));
        if (lot.usdCents == 0)
            return fail(Tr::tr("A lot (HS %1) has a value of zero.").arg(lot.hs));
    }
    if (r.lots.isEmpty())
        return fail(Tr::tr("The certificate lists no lots."));
    if (!lotTotal(r.lots, &Lot::centiCarats, anyLot))
        return fail(Tr::tr("The lots' carat weights add up to more than any shipment can weigh."));
    if (!lotTotal(r.lots, &Lot::usdCents, anyLot))
        return fail(Tr::tr("The lots' values add up to more than any shipment can be worth."));
    if (r.parcels < 1)
        return fail(Tr::tr("The number of parcels must be at least 1."));
    if (r.expires <= r.issued)
        return fail(Tr::tr("The date of expiry %1 is not after the date of issue %2.")
                        .arg(iso(r.expires), iso(r.issued)));
    const qint64 validity = r.issued.daysTo(r.expires);
    if (validity > rules.maxValidityDays)
        return fail(Tr::tr("Valid for %1 days, longer than the %2 days allowed.")
                        .arg(validity)
                        .arg(rules.maxValidityDays));
    return CheckResult{name, CheckStatus::Pass,
                       Tr::tr("The KPCS minimum content is present and consistent.")};
}

CheckResult RecordChecks::expiry(const CertificateRecord& r, const QDate& day)
{
    const QString name = CheckName::Expiry;
    if (day > r.expires)
        return {name, CheckStatus::Fail,
                Tr::tr("Expired on %1 (inspection date %2).").arg(iso(r.expires), iso(day))};
    if (day < r.issued)
        return {name, CheckStatus::Fail,
                Tr::tr("Issued on %1, after the inspection date %2.").arg(iso(r.issued), iso(day))};
    return {name, CheckStatus::Pass,
            Tr::tr("Valid from %1 to %2; %3 days left.")
                .arg(iso(r.issued), iso(r.expires))
                .arg(day.daysTo(r.expires))};
}

CheckResult RecordChecks::participant(const CertificateRecord& r, const CacheDatabase& db,
                                      const QString& desk, QString* dataError)
{
    const QString name = CheckName::Participant;
    auto unreadable = [&](const Error& error) {
        if (dataError)
            *dataError = error.message;
        return DeskChecks::unreadable(name, error);
    };
    const QString di = iso(r.issued);
    if (r.destination != desk)
        return {name, CheckStatus::Fail,
                Tr::tr("The certificate is addressed to %1, not to this desk's participant %2.")
                    .arg(r.destination, desk)};
    const auto issuerRead = statusOn(db, r.issuer, r.issued);
    if (!issuerRead)
        return unreadable(issuerRead.error());
    const std::optional<ParticipantPeriod>& issuer = *issuerRead;
    if (!issuer) {
        const auto any = db.hasParticipantData();
        if (!any)
            return unreadable(any.error());
        if (!*any)
            return {name, CheckStatus::Skip,
                    Tr::tr("Not checked: this desk has no participant data yet (sync first).")};
    }
    if (!issuer)
        return {name, CheckStatus::Fail, Tr::tr("%1 was not a KP participant on %2.").arg(r.issuer, di)};
    const QString note = issuer->note.isEmpty() ? QString() : QStringLiteral(": ") + issuer->note;
    if (issuer->status == QLatin1String("suspended") || issuer->status == QLatin1String("withdrawn") ||
        (issuer->status != QLatin1String("active") && issuer->status != QLatin1String("restricted")))
        return {name, CheckStatus::Fail,
                Tr::tr("%1 was %2 on %3%4.").arg(r.issuer, participantStatusText(issuer->status), di, note)};

    QStringList warnings;
    if (issuer->status == QLatin1String("restricted"))
        warnings << Tr::tr("the issuer %1 was restricted on %2%3").arg(r.issuer, di, note);
    for (const QString& origin : r.origins) {
        const auto statusRead = statusOn(db, origin, r.issued);
        if (!statusRead)
            return unreadable(statusRead.error());
        const std::optional<ParticipantPeriod>& status = *statusRead;
        if (status &&
            (status->status == QLatin1String("suspended") || status->status == QLatin1String("restricted")))
            warnings << Tr::tr("the origin %1 was %2 on %3")
                            .arg(origin, participantStatusText(status->status), di);
    }
    if (!warnings.isEmpty())
        return {name, CheckStatus::Warn, Tr::tr("Examine: %1.").arg(warnings.join(QStringLiteral("; ")))};
    return {name, CheckStatus::Pass,
            Tr::tr("%1 was an active participant on %2; addressed to %3.").arg(r.issuer, di, desk)};
}

CheckResult RecordChecks::sanctions(const CertificateRecord& r, const RuleSet& rules)
{
    const QString name = CheckName::Sanctions;
    if (!rules.bansError.isEmpty())
        return {name, CheckStatus::Fail, rules.bansError};
    for (const Ban& ban : rules.bans) {
        if (!ban.covers(r.issued))
            continue;
        const bool hit =
            ban.scope == QLatin1String("issuer") ? ban.country == r.issuer : r.origins.contains(ban.country);
        if (hit) {
            const QString what = ban.scope == QLatin1String("issuer")
                                     ? Tr::tr("issued by %1").arg(ban.country)
                                     : Tr::tr("of %1 origin").arg(ban.country);
            return {name, CheckStatus::Fail,
                    Tr::tr("Diamonds %1 are banned by national law from %2%3.")
                        .arg(what, iso(ban.from),
                             ban.note.isEmpty() ? QString() : QStringLiteral(": ") + ban.note)};
        }
    }
    return {name, CheckStatus::Pass, Tr::tr("No national ban applies.")};
}

CheckResult RecordChecks::value(const CertificateRecord& r, const RuleSet& rules)
{
    const QString name = CheckName::Value;
    // Industrial rough (7102.21) is worth far less per carat: bands are for gem and unsorted rough.
    const auto compared = [](const Lot& lot) {
        return lot.hs != QLatin1String("7102.21");
    };
    const std::optional<quint64> cents = lotTotal(r.lots, &Lot::usdCents, compared);
    const std::optional<quint64> centiCarats = lotTotal(r.lots, &Lot::centiCarats, compared);
    if (!cents || !centiCarats)
        return {name, CheckStatus::Warn,
                Tr::tr("The lots' values or weights add up to more than any shipment: examine the "
                       "certificate.")};
    if (*centiCarats == 0)
        return {name, CheckStatus::Skip, Tr::tr("No gem or unsorted lots to compare with a value band.")};
    const QString origin = (r.origins.size() == 1 && !r.mixed) ? r.origins.first() : RuleSet::WorldBand;
    const auto band = rules.bandFor(origin);
    if (!band)
        return {name, CheckStatus::Skip, Tr::tr("No value band for this origin.")};
    const double perCarat = double(*cents) / double(*centiCarats); // cents per centicarat = US$ per carat
    const QLocale c = QLocale::c();
    const QString figure = c.toString(perCarat, 'f', 0);
    const QString range = Tr::tr("%1-%2").arg(c.toString(band->min, 'f', 0), c.toString(band->max, 'f', 0));
    const QString where = origin == RuleSet::WorldBand ? Tr::tr("mixed or several origins") : origin;
    if (perCarat < band->min || perCarat > band->max)
        return {name, CheckStatus::Warn,
                Tr::tr("US$ %1 per carat is outside the usual range of US$ %2 for %3.")
                    .arg(figure, range, where)};
    return {name, CheckStatus::Pass,
            Tr::tr("US$ %1 per carat, within US$ %2 for %3.").arg(figure, range, where)};
}

} // namespace kp
