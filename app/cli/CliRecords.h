#pragma once

// The desk's records for one command (issue 10): the desk, its records store
// and door, and who signs in. Every write goes through the records door
// (core/records/DeskRecords.h).

#include "CliSupport.h"

#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <memory>
#include <optional>

namespace kp::cli {

// The desk, its records store and door, for one command.
struct Records
{
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<SqliteRecordsStore> store;
    SystemClock clock;
    std::unique_ptr<DeskRecords> door;
};

// --db's desk, or nothing after saying why on stderr.
// `adopt`: take in the flags kept before this desk had cases (not for
// commands that only read, such as `audit verify`).
std::unique_ptr<Records> openRecords(const QCommandLineParser& parser, bool adopt = true);

// --user NAME.
void addUserOption(QCommandLineParser& parser);

// Signs in --user with the password on standard input; else says why on stderr.
std::optional<Session> signIn(Records& r, const QString& command, const QString& user);
std::optional<Session> signIn(DeskRecords& door, const QString& command, const QString& user);

} // namespace kp::cli
