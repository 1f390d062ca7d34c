#pragma once

// Scan and record, one use-case for the window and kpdesk-cli (release,
// flag): a scanned or typed text verified on the desk's data, its
// presentation kept, and the inspection recorded through the records door.
// A text that is no certificate records nothing. While another writer holds
// the desk (the window's own sync), a scan is verified now and recorded
// later (When::Later, then record()), never blocking and never lost.

#include "records/DeskRecords.h"
#include "util/Result.h"
#include "verify/Inspection.h"

#include <QByteArray>

#include <optional>

namespace kp {

class CacheDatabase;
class Clock;

struct RecordedScan
{
    Inspection inspection;
    QString inspectionId;          // the record's UUID; empty when not (yet) recorded
    std::optional<Error> notSaved; // why the inspection was not recorded (When::Now only)
};

class ScanRecording
{
public:
    enum class When { Now, Later };

    ScanRecording(CacheDatabase& db, DeskRecords& door, const Clock& clock);

    // Verifies the text and, When::Now, records the presentation and the
    // inspection. inspection.isCertificate() false: nothing was recorded.
    RecordedScan scan(const Session& session, const ScanInput& input, const QByteArray& imagePng,
                      When when = When::Now);
    // Records an inspection scanned When::Later: its presentation, then the
    // inspection. A presentation that could not be kept does not keep the
    // inspection from being saved: presentationProblem says why.
    Result<QString> recordLater(const Session& session, const Inspection& inspection,
                                const QByteArray& imagePng, QString* presentationProblem);
    // Saves again an inspection whose save failed (its presentation is kept).
    Result<QString> saveAgain(const Session& session, const Inspection& inspection,
                              const QByteArray& imagePng);

private:
    CacheDatabase& m_db;
    DeskRecords& m_door;
    const Clock& m_clock;
};

} // namespace kp
