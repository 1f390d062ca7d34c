#pragma once

// Finding past inspections (the supervisor's search, `kpdesk-cli inspections`):
// the filter as a person types it, made into what the store holds, and one
// page of at most `limit` rows that says whether there were more.

#include "records/RecordsStore.h"

namespace kp {

// A certificate number as the store holds it: upper case, no white space
// ("bw 2026 000 001" is "BW2026000001", " bw-2026-1 " is "BW-2026-1").
QString normalizedCertificateNumber(const QString& typed);

// The filter with its number and participant normalised, the officer trimmed
// (matched ignoring case by the store) and the limit at least 1.
InspectionFilter normalizedInspectionFilter(InspectionFilter filter);

struct InspectionPage
{
    QList<InspectionRecord> rows; // newest first, at most `limit`
    bool more = false;            // more than `limit` matched: narrow the search
    int limit = 0;
};

// Reads limit + 1 rows to tell "exactly limit" from "more".
Result<InspectionPage> queryInspections(RecordsStore& store, const InspectionFilter& filter);

} // namespace kp
