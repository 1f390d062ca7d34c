#pragma once

// Whether a case of another desk may be opened at this desk (issue 19,
// docs/office.md "What a desk trusts"). The office's case rows are not
// signed: a case exists at a desk only through its `flagged` event, signed
// by the desk that opened it (checked by PulledEventCheck first), and every
// field the desk shows or decides on comes from that event
// (records/FlaggedEvent): who flagged, when, held, reasons, the desk, the
// inspection, the certificate's number and participant. The office's row must
// say the same; one that is missing, or says otherwise, was written by someone
// other than that desk and the case is set aside ("office.case").

#include "office/EventSignature.h"

#include "records/RecordsStore.h"

#include <optional>

namespace kp {

// A case row as the office holds it (nullopt: none).
struct OfficeCaseRow
{
    QString deskId, inspectionId, openedAt, number, participant;
};

// The case as this desk takes it.
struct PulledCase
{
    CaseRecord record;
    QString number, participant;
};

namespace PulledCaseCheck {

// `flagged`: a verified flagged event's fields, as the office holds them.
// Error code "office.case".
Result<PulledCase> check(const SignedEventFields& flagged, const std::optional<OfficeCaseRow>& office);

} // namespace PulledCaseCheck

} // namespace kp
