#include "verify/DeskChecks.h"

#include "format/Kp1.h"
#include "util/IsoTime.h"
#include "verify/StatusWords.h"

#include <QCoreApplication>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Checks)
};

QString when(const QDateTime& t)
{
    return shownUtc(t, ShownPrecision::Minutes);
}

} // namespace

bool DeskChecks::isOutOfDate(const SyncState& state, const QDateTime& now)
{
    return state.seq == 0 || state.seq < state.repairedFromSeq || !state.freshUntil.isValid() ||
           now > state.freshUntil;
}

CheckResult DeskChecks::registryForKp1(const SignedRecord& scannedRecord,
                                       const std::optional<QByteArray>& registryBytes, const SyncState& state)
{
    const QString name = CheckName::Registry;
    const CertificateRecord& scanned = scannedRecord.record;
    // The registry usually holds the very bytes the barcode carries: the same
    // COSE parses to the same payload, so it is not parsed again.
    if (registryBytes && *registryBytes == scannedRecord.coseBytes)
        return {name, CheckStatus::Pass, Tr::tr("The registry holds the same record.")};
    if (registryBytes) {
        const auto held = SignedRecord::fromCose(*registryBytes);
        if (held && (held->cose.payload == scannedRecord.cose.payload || held->record == scanned))
            return {name, CheckStatus::Pass, Tr::tr("The registry holds the same record.")};
        return {
            name, CheckStatus::Fail,
            Tr::tr("The registry holds a different record for %1: the barcode does not match what the issuer "
                   "registered.")
                .arg(scanned.number)};
    }
    if (state.publishedAt.isValid() && state.publishedAt.date() > scanned.issued.addDays(2))
        return {name, CheckStatus::Warn,
                Tr::tr("The registry (published %1) has no record of this certificate, issued %2.")
                    .arg(when(state.publishedAt), scanned.issued.toString(Qt::ISODate))};
    return {name, CheckStatus::Skip, Tr::tr("Issued after the desk's registry data; not yet listed.")};
}

CheckResult DeskChecks::revocation(const std::optional<RevocationEntry>& entry)
{
    const QString name = CheckName::Revocation;
    if (entry && entry->status != QLatin1String("used")) {
        QString detail = Tr::tr("Revoked as %1 by %2 on %3.")
                             .arg(revocationStatusText(entry->status), entry->by, entry->at);
        if (!entry->note.isEmpty())
            detail += u' ' + entry->note;
        return {name, CheckStatus::Fail, detail};
    }
    return {name, CheckStatus::Pass, Tr::tr("Not revoked.")};
}

CheckResult DeskChecks::duplicate(const std::optional<RevocationEntry>& entry,
                                  const QList<ReleaseEntry>& releasedHere)
{
    const QString name = CheckName::Duplicate;
    QStringList reasons;
    if (entry && entry->status == QLatin1String("used"))
        reasons << Tr::tr("already imported elsewhere (reported by %1 on %2)").arg(entry->by, entry->at);
    // The count after a colon needs no plural form in any language.
    if (!releasedHere.isEmpty())
        reasons << Tr::tr("a shipment under this certificate was already released at this desk on %1 "
                          "(releases here: %2)")
                       .arg(when(releasedHere.last().at))
                       .arg(releasedHere.size());
    if (!reasons.isEmpty())
        return {name, CheckStatus::Warn,
                Tr::tr("Possible re-use: %1.").arg(reasons.join(QStringLiteral("; ")))};
    return {name, CheckStatus::Pass, Tr::tr("No shipment under this certificate was released before.")};
}

CheckResult DeskChecks::freshness(const SyncState& state, const QDateTime& now)
{
    const QString name = CheckName::Freshness;
    if (state.seq == 0)
        return {name, CheckStatus::Warn,
                Tr::tr("This desk has never been synced: its data cannot vouch for anything.")};
    // After a repair the desk may take an older full bundle to get its data
    // back, but until it is where it was, what was revoked since may not show.
    if (state.seq < state.repairedFromSeq)
        return {name, CheckStatus::Warn,
                Tr::tr("The desk's data (seq %1) is older than what it had before its repair (seq %2): sync "
                       "again before relying on it.")
                    .arg(state.seq)
                    .arg(state.repairedFromSeq)};
    if (state.publishedAt.isValid() && now < state.publishedAt)
        return {name, CheckStatus::Warn,
                Tr::tr("The desk's clock (%1) is earlier than the newest data (%2): check the clock.")
                    .arg(when(now), when(state.publishedAt))};
    if (!state.freshUntil.isValid() || now > state.freshUntil)
        return {name, CheckStatus::Warn,
                Tr::tr("The desk's data is out of date since %1: sync as soon as possible.")
                    .arg(when(state.freshUntil))};
    return {name, CheckStatus::Pass,
            Tr::tr("Data %1 published %2, fresh until %3.")
                .arg(state.seq)
                .arg(when(state.publishedAt), when(state.freshUntil))};
}

CheckResult DeskChecks::unreadable(const QString& check, const Error& error)
{
    return {check, CheckStatus::Fail, error.message};
}

} // namespace kp
