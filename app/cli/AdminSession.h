#pragma once

// Who may change whom the desk believes and where it reports (issue 19
// item 10): its sync sources, its enrolment, its office. On a desk with
// accounts these commands sign in as an administrator (--user ADMIN, the
// password on standard input) and the trail names them; on a desk with no
// account yet (just made by `init`, being set up) the desk's own Unix user
// acts, as "cli:<user>", as `users add` makes the first administrator.

#include "records/DeskRecords.h"

#include <QCommandLineParser>

#include <optional>

namespace kp::cli {

// --user ADMIN, with the words administrative commands give it.
void addAdministratorOption(QCommandLineParser& parser);

// The session that may make the change; nullopt after saying why on stderr
// (no --user on a desk with accounts, a wrong password, not an
// administrator, the accounts cannot be read).
std::optional<Session> administratorSession(DeskRecords& door, const QCommandLineParser& parser,
                                            const QString& command);

} // namespace kp::cli
