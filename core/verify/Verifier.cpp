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

SourceKind Verifier::classify(QStringView text)
{
    if (Kp1::hasPrefix(text))
        return SourceKind::Kp1;
    if (isCertificateNumber(text.trimmed()))
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
    insp.deskParticipant = m_db.participant();
    insp.source = classify(input.text);
    insp.checks = skippedChecks(Tr::tr("Not checked: the certificate could not be read."));

    const SyncState state = m_db.syncState();
    const bool outOfDate = DeskChecks::isOutOfDate(state, insp.verifiedAt);
    put(insp.checks, DeskChecks::freshness(state, insp.verifiedAt));

    std::optional<SignedRecord> signedRecord;
    std::optional<QByteArray> registryBytes;
    if (insp.source == SourceKind::Kp1) {
        auto decoded = Kp1::decode(input.text);
        if (!decoded) {
            put(insp.checks, {CheckName::Format, CheckStatus::Fail, formatErrorDetail(decoded.error())});
        } else {
            signedRecord = std::move(decoded).value();
            insp.number = signedRecord->record.number;
            registryBytes = m_db.certificateRecord(insp.number);
            put(insp.checks, {CheckName::Format, CheckStatus::Pass, Tr::tr("A well-formed KP1 barcode.")});
            put(insp.checks, DeskChecks::registryForKp1(signedRecord->cose.payload, signedRecord->record,
                                                        registryBytes, state));
        }
    } else if (insp.source == SourceKind::PlainNumber) {
        insp.number = input.text.trimmed();
        registryBytes = m_db.certificateRecord(insp.number);
        if (!registryBytes) {
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
        } else if (auto held = SignedRecord::fromCose(*registryBytes); !held) {
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
        put(insp.checks,
            {CheckName::Format, CheckStatus::Fail, Tr::tr("Not a KP1 barcode nor a certificate number.")});
    }

    if (signedRecord) {
        const CertificateRecord& record = signedRecord->record;
        insp.certificate = record;
        insp.signedBytes = signedRecord->coseBytes;
        const RuleSet rules = RuleSet::fromCache(m_db);
        const AuthenticityResult auth = checkAuthenticity(*signedRecord, m_db, outOfDate);
        put(insp.checks, auth.signature);
        put(insp.checks, auth.signer);
        put(insp.checks, RecordChecks::fields(record, rules));
        put(insp.checks, RecordChecks::expiry(record, insp.inspectionDate));
        put(insp.checks, RecordChecks::participant(record, m_db, insp.deskParticipant));
        put(insp.checks, RecordChecks::sanctions(record, rules));
        put(insp.checks, RecordChecks::value(record, rules));
    }
    if (!insp.number.isEmpty()) {
        const auto revocation = m_db.revocation(insp.number);
        put(insp.checks, DeskChecks::revocation(revocation));
        put(insp.checks, DeskChecks::duplicate(revocation, m_db.presentations(insp.number)));
    }

    insp.verdict = verdictFor(insp.checks);
    snapshot.release();
    if (options.recordPresentation && !insp.number.isEmpty()) {
        auto recorded = m_db.recordPresentation(insp.number, insp.verifiedAt, verdictName(insp.verdict));
        if (!recorded) {
            qCWarning(lcVerify) << "presentation not recorded:" << recorded.error().code;
            insp.recordingError = recorded.error().message;
        }
    }
    return insp;
}

} // namespace kp
