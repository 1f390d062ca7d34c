#include "verify/Verifier.h"

#include "cache/CacheDatabase.h"
#include "format/Kp1.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "verify/AuthenticityChecks.h"
#include "verify/DeskChecks.h"
#include "verify/RecordChecks.h"
#include "verify/RuleSet.h"

#include <QCoreApplication>

#include <algorithm>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Checks)
};

// Every named check, each starting as skipped with a reason, so that a check
// an earlier failure kept from running is shown as such, never as passed.
QList<CheckResult> skippedChecks(const QString& reason)
{
    QList<CheckResult> checks;
    for (const QString& name : CheckName::all())
        checks.append(CheckResult{name, CheckStatus::Skip, reason});
    return checks;
}

void put(QList<CheckResult>& checks, const CheckResult& result)
{
    for (auto& c : checks) {
        if (c.check == result.check) {
            c = result;
            return;
        }
    }
}

QString formatErrorDetail(const Error& error)
{
    if (error.code == QLatin1String("kp1.prefix"))
        return Tr::tr("Not a KP1 barcode nor a certificate number.");
    return Tr::tr("The barcode is damaged or malformed: %1").arg(error.message);
}

} // namespace

Verifier::Verifier(CacheDatabase& db, const Clock& clock) : m_db(db), m_clock(clock) {}

namespace {

// kp1-barcode.md: a number is 4-32 of A-Z 0-9 - /, starting with its
// issuer's two-letter code.
bool isPlainNumber(QStringView text)
{
    return isCertificateNumber(text) && text.size() >= 2 && text.at(0).isLetter() && text.at(1).isLetter();
}

// A number typed with slips: upper-cased and without spaces, it must still
// look like a real one (a participant code and digits), so that "hello
// world" stays what it is, not a number HELLOWORLD.
std::optional<QString> typedNumber(QStringView text)
{
    QString n;
    for (const QChar c : text)
        if (!c.isSpace())
            n += c.toUpper();
    const bool hasDigit = std::any_of(n.cbegin(), n.cend(), [](QChar c) { return c.isDigit(); });
    if (isPlainNumber(n) && hasDigit)
        return n;
    return std::nullopt;
}

} // namespace

QString Verifier::normalised(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.size() >= Kp1::Prefix.size() &&
        trimmed.left(Kp1::Prefix.size()).compare(Kp1::Prefix, Qt::CaseInsensitive) == 0) {
        // Spaces are Base45 digits: only the ends are trimmed.
        return trimmed.startsWith(Kp1::Prefix) ? trimmed.toString() : trimmed.toString().toUpper();
    }
    if (isPlainNumber(trimmed))
        return trimmed.toString();
    if (const auto number = typedNumber(trimmed))
        return *number;
    return trimmed.toString();
}

SourceKind Verifier::classify(QStringView text)
{
    const QString t = normalised(text);
    if (Kp1::hasPrefix(t))
        return SourceKind::Kp1;
    if (isPlainNumber(t))
        return SourceKind::PlainNumber;
    return SourceKind::Unrecognized;
}

Inspection Verifier::verify(const ScanInput& input, const VerifyOptions& options) const
{
    CacheDatabase::ReadSnapshot snapshot(m_db);
    Inspection insp;
    insp.input = input;
    insp.verifiedAt = m_clock.nowUtc();
    insp.inspectionDate = options.inspectionDate.isValid() ? options.inspectionDate : m_clock.today();
    const QString text = normalised(input.text);
    insp.source = classify(text);
    insp.checks = skippedChecks(Tr::tr("Not checked: the certificate could not be read."));

    // A database that cannot be read must never look like good news: every
    // check that meets "could not read" fails with the reason, and the first
    // reason is the inspection's dataError.
    auto unreadable = [&](const QString& check, const Error& error) {
        if (insp.dataError.isEmpty())
            insp.dataError = error.message;
        put(insp.checks, DeskChecks::unreadable(check, error));
    };
    auto noteDataError = [&](const QString& message) {
        if (insp.dataError.isEmpty())
            insp.dataError = message;
    };
    const Status health = m_db.checkHealth(CacheDatabase::HealthLevel::Quick);

    const auto deskParticipant = m_db.participant();
    if (deskParticipant)
        insp.deskParticipant = *deskParticipant;

    const auto stateRead = m_db.syncState();
    const SyncState state = stateRead ? *stateRead : SyncState{};
    // Sync state that cannot be read is not "never synced": no softer verdict
    // for an unknown signer either.
    const bool outOfDate = stateRead && DeskChecks::isOutOfDate(state, insp.verifiedAt);
    if (stateRead)
        put(insp.checks, DeskChecks::freshness(state, insp.verifiedAt));
    else
        unreadable(CheckName::Freshness, stateRead.error());

    std::optional<SignedRecord> signedRecord;
    if (insp.source == SourceKind::Kp1) {
        auto decoded = Kp1::decode(text);
        if (!decoded) {
            put(insp.checks, {CheckName::Format, CheckStatus::Fail, formatErrorDetail(decoded.error())});
        } else {
            signedRecord = std::move(decoded).value();
            insp.number = signedRecord->record.number;
            put(insp.checks, {CheckName::Format, CheckStatus::Pass, Tr::tr("A well-formed KP1 barcode.")});
            const auto registryBytes = m_db.certificateRecord(insp.number);
            if (!registryBytes)
                unreadable(CheckName::Registry, registryBytes.error());
            else if (!*registryBytes && !stateRead)
                unreadable(CheckName::Registry, stateRead.error());
            else
                put(insp.checks, DeskChecks::registryForKp1(*signedRecord, *registryBytes, state));
        }
    } else if (insp.source == SourceKind::PlainNumber) {
        insp.number = text;
        const auto registryBytes = m_db.certificateRecord(insp.number);
        if (!registryBytes) {
            put(insp.checks, {CheckName::Format, CheckStatus::Pass, Tr::tr("A certificate number.")});
            unreadable(CheckName::Registry, registryBytes.error());
            for (auto& c : insp.checks) {
                if (c.status == CheckStatus::Skip && c.check != CheckName::Revocation &&
                    c.check != CheckName::Duplicate)
                    c.detail = Tr::tr("Not checked: the registry's record could not be read.");
            }
        } else if (!*registryBytes) {
            put(insp.checks, {CheckName::Format, CheckStatus::Pass, Tr::tr("A certificate number.")});
            put(insp.checks, {CheckName::Registry, CheckStatus::Fail,
                              Tr::tr("The registry holds no record of %1: nothing can vouch for this "
                                     "certificate.")
                                  .arg(insp.number)});
            for (auto& c : insp.checks) {
                if (c.status == CheckStatus::Skip && c.check != CheckName::Revocation &&
                    c.check != CheckName::Duplicate)
                    c.detail = Tr::tr("Not checked: there is no signed record for this number.");
            }
        } else if (auto held = SignedRecord::fromCose(**registryBytes); !held) {
            put(insp.checks,
                {CheckName::Format, CheckStatus::Fail,
                 Tr::tr("The registry's record for this number is malformed: %1").arg(held.error().message)});
        } else {
            signedRecord = std::move(held).value();
            put(insp.checks, {CheckName::Format, CheckStatus::Pass,
                              Tr::tr("A certificate number; its signed registry record was checked.")});
            put(insp.checks,
                {CheckName::Registry, CheckStatus::Pass, Tr::tr("The registry holds a signed record.")});
        }
    } else {
        // Not a certificate at all (a typing mistake, another barcode): no
        // verdict to act on and nothing recorded (Inspection::isCertificate).
        put(insp.checks, {CheckName::Format, CheckStatus::Fail, Inspection::notACertificateText()});
    }

    if (signedRecord) {
        const CertificateRecord& record = signedRecord->record;
        insp.certificate = record;
        insp.signedBytes = signedRecord->coseBytes;
        const auto rules = RuleSet::fromCache(m_db);
        const AuthenticityResult auth = checkAuthenticity(*signedRecord, m_db, outOfDate);
        if (!auth.dataError.isEmpty())
            noteDataError(auth.dataError);
        put(insp.checks, auth.signature);
        put(insp.checks, auth.signer);
        if (rules)
            put(insp.checks, RecordChecks::fields(record, *rules));
        else
            unreadable(CheckName::Fields, rules.error());
        put(insp.checks, RecordChecks::expiry(record, insp.inspectionDate));
        if (!deskParticipant) {
            unreadable(CheckName::Participant, deskParticipant.error());
        } else {
            QString participantError;
            put(insp.checks,
                RecordChecks::participant(record, m_db, insp.deskParticipant, &participantError));
            if (!participantError.isEmpty())
                noteDataError(participantError);
        }
        if (rules) {
            put(insp.checks, RecordChecks::sanctions(record, *rules));
            put(insp.checks, RecordChecks::value(record, *rules));
        } else {
            unreadable(CheckName::Sanctions, rules.error());
            unreadable(CheckName::Value, rules.error());
        }
    }
    if (!insp.number.isEmpty()) {
        const auto revocation = m_db.revocation(insp.number);
        if (!revocation) {
            unreadable(CheckName::Revocation, revocation.error());
            unreadable(CheckName::Duplicate, revocation.error());
        } else {
            put(insp.checks, DeskChecks::revocation(*revocation));
            if (auto released = m_db.releases(insp.number); !released) {
                unreadable(CheckName::Duplicate, released.error());
            } else {
                if (options.ownInspectionAt.isValid())
                    released->removeIf(
                        [&](const ReleaseEntry& r) { return r.seenAt == options.ownInspectionAt; });
                put(insp.checks, DeskChecks::duplicate(*revocation, *released));
            }
        }
    }
    if (!health) {
        // A table missing or unreadable: nothing that depends on the desk's
        // data can be trusted, whatever the single lookups returned.
        noteDataError(health.error().message);
        for (auto& c : insp.checks) {
            if (c.check != CheckName::Format && c.check != CheckName::Expiry)
                c = DeskChecks::unreadable(c.check, health.error());
        }
    }

    insp.verdict = verdictFor(insp.checks);
    if (!insp.dataError.isEmpty())
        insp.verdict = Verdict::Reject; // and verdictFor says so already: every such check failed
    snapshot.release();
    if (options.recordPresentation && insp.isCertificate() && !insp.number.isEmpty()) {
        auto recorded = m_db.recordPresentation(insp.number, insp.verifiedAt, verdictName(insp.verdict));
        if (!recorded) {
            qCWarning(lcVerify) << "presentation not recorded:" << recorded.error().code;
            insp.recordingError = recorded.error().message;
        }
    }
    return insp;
}

} // namespace kp
