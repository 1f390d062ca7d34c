#pragma once

// The messages about a case (kp-outbox.md), made from the case and its
// inspection as stored: one place for the command line and the window.

#include "outbox/DeskMessaging.h"
#include "records/DeskRecords.h"

namespace kp {

class CacheDatabase;
class Clock;
class RecordsStore;

class CaseMessages
{
public:
    CaseMessages(CacheDatabase& db, const Clock& clock, DeskRecords& door, RecordsStore& store);

    // For a `released` decision. Empty when the desk is not enrolled: the
    // decision then goes without its confirmation.
    Result<MessageMaker> confirmation(const QString& caseId, const QString& officer);

    // For an escalation; `to` empty gets the default addressees. The case's
    // PDF (as the printed record) goes beside it; when it cannot be made the
    // message goes without (its CBOR holds everything the PDF shows) and
    // `pdfProblem` says why. Empty when the desk is not enrolled: the door
    // then refuses the escalation with the reason.
    Result<MessageMaker> doubt(const QString& caseId, QStringList& to, const QString& printedBy,
                               QString* pdfProblem = nullptr);

private:
    struct Stored
    {
        DeskRecords::CaseView kase;
        InspectionRecord inspection;
    };
    Result<Stored> load(const QString& caseId);

    CacheDatabase& m_db;
    const Clock& m_clock;
    DeskRecords& m_door;
    RecordsStore& m_store;
};

} // namespace kp
