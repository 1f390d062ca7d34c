#include "records/ScanRecording.h"

#include "cache/CacheDatabase.h"
#include "verify/Verifier.h"

namespace kp {

ScanRecording::ScanRecording(CacheDatabase& db, DeskRecords& door, const Clock& clock)
    : m_db(db), m_door(door), m_clock(clock)
{}

RecordedScan ScanRecording::scan(const Session& session, const ScanInput& input, const QByteArray& imagePng,
                                 When when)
{
    VerifyOptions options;
    options.recordPresentation = when == When::Now;
    RecordedScan out;
    out.inspection =
        Verifier(m_db, m_clock).verify(ScanInput{input.text.trimmed(), input.symbology, input.file}, options);
    if (!out.inspection.isCertificate() || when == When::Later)
        return out; // a typing mistake records nothing; a later one is recorded by recordLater
    if (auto saved = m_door.recordVerification(session, out.inspection, imagePng))
        out.inspectionId = *saved;
    else
        out.notSaved = saved.error();
    return out;
}

Result<QString> ScanRecording::recordLater(const Session& session, const Inspection& inspection,
                                           const QByteArray& imagePng, QString* presentationProblem)
{
    if (!inspection.number.isEmpty()) {
        if (auto r = m_db.recordPresentation(inspection.number, inspection.verifiedAt,
                                             verdictName(inspection.verdict));
            !r && presentationProblem)
            *presentationProblem = r.error().message;
    }
    return m_door.recordVerification(session, inspection, imagePng);
}

Result<QString> ScanRecording::saveAgain(const Session& session, const Inspection& inspection,
                                         const QByteArray& imagePng)
{
    return m_door.recordVerification(session, inspection, imagePng);
}

} // namespace kp
