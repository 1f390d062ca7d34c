#pragma once

// Ways to break a desk cache on purpose, for the tests that make sure a
// database that cannot be read never looks like good news.

#include <QString>
#include <QStringList>

namespace kp::test {

// The root page (1-based) of a table or index, read with a connection of its
// own; 0 when there is none.
int rootPage(const QString& dbPath, const QString& name);
int pageSize(const QString& dbPath);

// Folds the -wal into the file (no connection may be open in this process).
void checkpoint(const QString& dbPath);

// Overwrites page `page` of the file with garbage (after a checkpoint).
bool damagePage(const QString& dbPath, int page);
// The left-most child of the root page of `name` when the root is an
// interior page of a table b-tree (a leaf holding some of its rows), else 0.
int firstChildPage(const QString& dbPath, const QString& name);
// Damages the root page of table or index `name`.
bool damageRootOf(const QString& dbPath, const QString& name);
// Flips the lowest bit of the last byte of the first occurrence of `needle`
// in the root page of index (or table) `name`: one bit of the file changed,
// the page still well-formed, as a failing disk or memory would leave it.
bool flipBitInRootOf(const QString& dbPath, const QString& name, const QByteArray& needle);
// Runs one statement (DROP TABLE, ALTER TABLE ... RENAME) on its own connection.
bool execute(const QString& dbPath, const QString& sql);

// A VFS that wraps SQLite's default one and, once installed, becomes the
// default (so Qt's QSQLITE driver, which links the same libsqlite3, uses it
// for every connection opened afterwards). Reads of the main database file
// that touch pages [first, last] of a file whose path ends with `fileSuffix`
// fail with SQLITE_IOERR_READ. Memory-mapped I/O is off, so every read goes
// through xRead.
namespace FaultyVfs {
bool install();
void failReads(const QString& fileSuffix, int firstPage, int lastPage, int pageSize);
void clear();
int failedReads(); // how many reads failed since install
} // namespace FaultyVfs

} // namespace kp::test
