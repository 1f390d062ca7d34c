#include "verify/Recheck.h"

#include "util/IsoTime.h"
#include "util/Translation.h"
#include "verify/Verifier.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Recheck)
};

QString when(const QDateTime& t)
{
    return shownUtc(t, ShownPrecision::Minutes);
}

QString statusWordOf(const QString& name)
{
    const auto status = checkStatusFromName(name);
    return status ? InspectionChange::statusWord(*status) : name;
}

QString verdictWordOf(const QString& name)
{
    const auto verdict = verdictFromName(name);
    return verdict ? InspectionChange::verdictWord(*verdict) : name;
}

struct Seen
{
    QString status;
    QString detail;
};

// The checks of an Inspection::toJson(), by name, in their order.
QList<QPair<QString, Seen>> checksOf(const QJsonObject& inspection)
{
    QList<QPair<QString, Seen>> out;
    for (const QJsonValue& v : inspection.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        out.append({c.value(QStringLiteral("check")).toString(),
                    Seen{c.value(QStringLiteral("status")).toString(),
                         c.value(QStringLiteral("detail")).toString()}});
    }
    return out;
}

const Seen* findCheck(const QList<QPair<QString, Seen>>& checks, const QString& name)
{
    for (const auto& [n, seen] : checks)
        if (n == name)
            return &seen;
    return nullptr;
}

} // namespace

QString InspectionChange::verdictWord(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return Tr::tr("ACCEPT");
    case Verdict::Doubt:
        return Tr::tr("DOUBT");
    case Verdict::Reject:
        break;
    }
    return Tr::tr("REJECT");
}

QString InspectionChange::statusWord(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return Tr::tr("pass", "check status");
    case CheckStatus::Warn:
        return Tr::tr("warn", "check status");
    case CheckStatus::Fail:
        return Tr::tr("FAIL", "check status");
    case CheckStatus::Skip:
        break;
    }
    return Tr::tr("skip", "check status");
}

QString InspectionChange::text() const
{
    // The check in words, as the window shows it; the stable name stays in `check`.
    if (isVerdict())
        return Tr::tr("verdict: was %1, now %2").arg(verdictWordOf(was), verdictWordOf(now));
    if (was.isEmpty())
        return Tr::tr("%1: not in the inspection then, now %2 — %3")
            .arg(CheckName::title(check), statusWordOf(now), nowDetail);
    if (now.isEmpty())
        return Tr::tr("%1: was %2, not checked now").arg(CheckName::title(check), statusWordOf(was));
    if (statusChanged())
        return Tr::tr("%1: was %2, now %3 — %4")
            .arg(CheckName::title(check), statusWordOf(was), statusWordOf(now), nowDetail);
    return Tr::tr("%1: still %2 — now: %3 (then: %4)")
        .arg(CheckName::title(check), statusWordOf(now), nowDetail, wasDetail);
}

InspectionChanges InspectionChanges::between(const QJsonObject& then, const QJsonObject& now)
{
    InspectionChanges out;
    const QString verdictThen = then.value(QStringLiteral("verdict")).toString();
    const QString verdictNow = now.value(QStringLiteral("verdict")).toString();
    if (verdictThen != verdictNow)
        out.changes.append({QString(), verdictThen, verdictNow, {}, {}});

    const auto checksThen = checksOf(then);
    const auto checksNow = checksOf(now);
    // Details are text in the language of the window that verified: in
    // another language every detail differs, and only statuses can be
    // compared (issue 21: a recheck after a change of language).
    const bool sameLanguage =
        then.value(DetailsLanguageKey).toString() == now.value(DetailsLanguageKey).toString();
    // Status changes first: a detail alone (days left, the data's age) changes
    // by itself as time goes by and matters less.
    QList<InspectionChange> detailsOnly;
    for (const auto& [name, seenNow] : checksNow) {
        const Seen* seenThen = findCheck(checksThen, name);
        if (!seenThen)
            out.changes.append({name, {}, seenNow.status, {}, seenNow.detail});
        else if (seenThen->status != seenNow.status)
            out.changes.append({name, seenThen->status, seenNow.status, seenThen->detail, seenNow.detail});
        else if (sameLanguage && seenThen->detail != seenNow.detail)
            detailsOnly.append({name, seenThen->status, seenNow.status, seenThen->detail, seenNow.detail});
    }
    for (const auto& [name, seenThen] : checksThen) {
        if (!findCheck(checksNow, name))
            out.changes.append({name, seenThen.status, {}, seenThen.detail, {}});
    }
    out.changes += detailsOnly;
    return out;
}

const InspectionChange* InspectionChanges::change(const QString& check) const
{
    for (const auto& c : changes)
        if (c.check == check)
            return &c;
    return nullptr;
}

QStringList InspectionChanges::lines(const QDateTime& since) const
{
    if (changes.isEmpty())
        return {Tr::tr("No change since %1.").arg(when(since))};
    QStringList out;
    for (const auto& c : changes)
        out << c.text();
    return out;
}

Result<ScanInput> storedInput(const QJsonObject& then)
{
    ScanInput input;
    input.symbology = then.value(QStringLiteral("symbology")).toString();
    input.file = then.value(QStringLiteral("file")).toString();
    input.text = then.value(QStringLiteral("text")).toString();
    // Inspections stored before the text was kept: a plain number was its text.
    if (input.text.trimmed().isEmpty() &&
        then.value(QStringLiteral("source")).toString() == QLatin1String("number"))
        input.text = then.value(QStringLiteral("number")).toString();
    if (input.text.trimmed().isEmpty())
        return makeError(
            QStringLiteral("recheck.no-input"),
            Tr::tr("This inspection was stored without what was scanned, so it cannot be verified "
                   "again: scan the certificate again."));
    return input;
}

Result<Recheck> recheckInspection(const Verifier& verifier, const QJsonObject& then, const QDateTime& seenAt)
{
    const auto input = storedInput(then);
    if (!input)
        return input.error();
    VerifyOptions options; // today, and no presentation recorded
    options.ownInspectionAt = seenAt;
    Recheck out;
    out.today = verifier.verify(*input, options);
    if (!out.today.dataError.isEmpty())
        return makeError(QStringLiteral("recheck.data"),
                         Tr::tr("Not verified again: %1").arg(out.today.dataError));
    QJsonObject now = out.today.toJson();
    now.insert(DetailsLanguageKey, Translation::current());
    out.changes = InspectionChanges::between(then, now);
    return out;
}

} // namespace kp
