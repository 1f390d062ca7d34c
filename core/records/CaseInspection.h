#pragma once

// The inspection behind a case, as this desk may use it (issue 19). A case of
// another desk names an inspection held at that desk: an id that names one of
// this desk's inspections is not it (a hostile desk could sign such an id),
// so it is never looked up here. What that desk signed of its inspection is
// FlaggedEvent::inspection(the case's events).

#include "records/RecordsStore.h"

#include <optional>

namespace kp {

// nullopt for a case of another desk, or when this desk does not hold it.
inline Result<std::optional<InspectionRecord>> caseInspection(RecordsStore& store, const CaseRecord& record)
{
    if (!record.deskName.isEmpty()) // pulled from the office
        return std::optional<InspectionRecord>();
    return store.inspection(record.inspectionId);
}

} // namespace kp
