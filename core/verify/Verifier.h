#pragma once

#include "verify/Inspection.h"

namespace kp {

class CacheDatabase;
class Clock;

struct VerifyOptions
{
    QDate inspectionDate;            // null: today on the desk's clock
    bool recordPresentation = false; // counts as a presentation at this desk
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
