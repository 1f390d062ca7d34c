#pragma once

// The desk's enrolment by file exchange, as `kpdesk-cli enrol` and the
// window (first run, settings) take it: one place for the checks, the files
// and the trail entries, so both say the same.

#include "outbox/DeskIdentity.h"
#include "util/Result.h"

#include <QDateTime>
#include <QString>

namespace kp {

class CacheDatabase;
class DeskRecords;
struct Session;

namespace DeskEnrolment {

// What requestToFile made: the desk id as recorded, and the SHA-256 of the
// request's public key (hex), which names the key in the trail.
struct RequestWritten
{
    QString deskId;
    QString keySha256;
};

// An administrator's (or the command line's) step one: makes the key and
// the request (DeskEnrolment::request; the key file is the desk user's
// alone), writes the request to `csrPath` (PEM, replaced whole), and notes
// `desk_enrolled` ({desk, key_sha256, force}) in the trail. The desk id is
// taken in capitals, without surrounding spaces.
// Error codes: "accounts.not-permitted", those of request(), "outbox.file"
// (the request cannot be written), "outbox.trail" (the trail cannot be written).
Result<RequestWritten> requestToFile(CacheDatabase& db, DeskRecords& door, const Session& session,
                                     const QString& deskId, bool force, const QString& csrPath);

// Step two, when the authority has answered: reads `certPath` (PEM, at most
// 64 KiB), checks and installs it (DeskEnrolment::install: the key file's
// permissions, the key, the participant, the desk id, the issuer), notes
// `desk_certificate_installed` ({desk, sha256, not_after}) and returns the
// desk's identity as now installed.
// Error codes: "accounts.not-permitted", "outbox.file", those of install()
// and DeskIdentity::load(), "outbox.trail".
Result<DeskIdentity> installFromFile(CacheDatabase& db, DeskRecords& door, const Session& session,
                                     const QString& certPath,
                                     const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace DeskEnrolment

} // namespace kp
