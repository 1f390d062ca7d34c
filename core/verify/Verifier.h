#pragma once

#include "verify/Inspection.h"

namespace kp {

class CacheDatabase;
class Clock;

struct VerifyOptions
{
    QDate inspectionDate;            // null: today on the desk's clock
    bool recordPresentation = false; // counts as a presentation at this desk
    // Verifying a stored inspection again (Recheck): its own presentation,
    // recorded at its verifiedAt, is not a re-use of itself, so the duplicate
    // check leaves out the presentations recorded at exactly this instant.
    // Later ones (shown again since) still count. Null: every one counts.
    QDateTime ownPresentationAt;
};

// The one verification pipeline: text (from a barcode or typed) -> checks ->
// verdict. The command line, the window and the tests all go through it.
class Verifier
{
public:
    Verifier(CacheDatabase& db, const Clock& clock);

    Inspection verify(const ScanInput& input, const VerifyOptions& options = {}) const;

    // What kind of text this is: a KP1 barcode, a certificate number, or neither.
    static SourceKind classify(QStringView text);

private:
    CacheDatabase& m_db;
    const Clock& m_clock;
};

} // namespace kp
