#pragma once

// Trail entries written by the command line, which acts with the rights of
// whoever can write the desk's files (actor "cli:<unix user>").

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "sync/SyncClient.h"
#include "verify/Inspection.h"

namespace kp::cli {

// The account the command runs under.
QString unixUser();
// The command line's session at this desk (actor "cli:<unix user>").
Session cliSession(DeskRecords& door);

// Each says on stderr why when the entry cannot be written, and returns false.
bool noteSyncInTrail(CacheDatabase& db, const QString& source, const Result<SyncOutcome>& outcome);
bool noteVerificationInTrail(CacheDatabase& db, const Inspection& inspection);
// An entry of a kind with no record of its own (DeskRecords::note).
bool noteInTrail(CacheDatabase& db, const QString& kind, const QCborMap& data);
// The same, by whoever signed in for the command.
bool noteInTrail(DeskRecords& door, const Session& session, const QString& kind, const QCborMap& data);

} // namespace kp::cli
