#pragma once

#include "verify/Inspection.h"

namespace kp {

class CacheDatabase;
class Clock;

struct VerifyOptions
{
    QDate inspectionDate; // null: today on the desk's clock
    // Records the scan in the desk's presentations (kept as a log of scans;
    // the `duplicate` check counts releases, not scans).
    bool recordPresentation = false;
    // Verifying a stored inspection again (Recheck): the release of that
    // inspection itself (it was seen at this instant) is not a re-use of
    // itself. Other releases, before or since, still count. Null: all count.
    QDateTime ownInspectionAt;
};

// The one verification pipeline: text (from a barcode or typed) -> checks ->
// verdict. The command line, the window and the tests all go through it.
class Verifier
{
public:
    Verifier(CacheDatabase& db, const Clock& clock);

    Inspection verify(const ScanInput& input, const VerifyOptions& options = {}) const;

    // What kind of text this is, once normalised: a KP1 barcode, a
    // certificate number, or neither ("not a certificate": verify() then
    // records nothing and Inspection::isCertificate() is false).
    static SourceKind classify(QStringView text);

    // The text as the desk reads it, undoing typing slips that cannot change
    // its meaning: a certificate number typed in lower case or with spaces
    // ("na-2026- 000377" is NA-2026-000377), a KP1 barcode sent with Caps Lock
    // on (Base45 has no lower case). Anything else comes back trimmed.
    static QString normalised(QStringView text);

private:
    CacheDatabase& m_db;
    const Clock& m_clock;
};

} // namespace kp
