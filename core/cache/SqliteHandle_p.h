#pragma once

// The sqlite3 handle behind a Qt SQLite connection, for the few things Qt's
// driver does not offer (binding a bundle's rows on SQLite's own statements,
// a progress handler that stops a long check).

#include <QSqlDatabase>

struct sqlite3;

namespace kp {

// The connection's own sqlite3 handle, or nullptr. Only when the Qt driver
// resolves SQLite to the very library this program is linked with (Debian's
// Qt uses the system SQLite): a handle from a copy of SQLite built into the
// plugin must never meet this program's sqlite3_* functions.
sqlite3* ownSqliteHandle(const QSqlDatabase& db);

} // namespace kp
