#pragma once

#include "verify/Inspection.h"
#include "verify/RuleSet.h"

namespace kp {

class CacheDatabase;

// The checks that look at the record's content against KPCS and the rules.
namespace RecordChecks {
CheckResult fields(const CertificateRecord& record, const RuleSet& rules);
CheckResult expiry(const CertificateRecord& record, const QDate& inspectionDate);
// dataError (if given) is set when the participants could not be read.
CheckResult participant(const CertificateRecord& record, const CacheDatabase& db,
                        const QString& deskParticipant, QString* dataError = nullptr);
// Fails when the bans rule is malformed (RuleSet::bansError): bans are law.
CheckResult sanctions(const CertificateRecord& record, const RuleSet& rules);
CheckResult value(const CertificateRecord& record, const RuleSet& rules);
} // namespace RecordChecks

} // namespace kp
