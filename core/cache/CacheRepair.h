#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace kp {

// What a repair kept and lost, table by table (the desk's own tables only:
// the authority data is dropped and fetched again by the next sync).
struct RepairReport
{
    struct Table
    {
        QString name;
        qint64 kept = 0;
        qint64 lost = 0;          // rows that could not be read, when known
        bool lostUnknown = false; // some rows could not be read, how many is unknown
    };
    QString path;            // the repaired cache
    QString damagedCopy;     // the damaged file, kept beside it
    QList<Table> tables;     // the desk's tables, in schema order
    quint64 previousSeq = 0; // the seq the damaged cache was at, 0 if unknown

    bool anyLost() const;
};

// Repairs the desk cache at `path` (docs/records-and-cache.md): a fresh
// cache is made beside it with the current schema; every row of the desk's
// own tables (meta without the sync state, bundle keys, presentations,
// inspections, flags, attachments and any later table that is not authority
// data) that can still be read is copied row by row, so a damaged page loses
// only the rows on it; the sync state is reset to seq 0, so the next sync
// takes a full bundle. The damaged file (with its -wal and -shm) is kept as
// `<path>.damaged-<UTC time>`, never deleted, and the new file takes its
// place by an atomic rename. No other connection may be open on `path`.
//
//
// The old seq is kept as meta.repaired_from_seq, so that an older bundle
// cannot turn a release or a revocation back. When the damaged file's sync
// state cannot be read (rows of meta lost), the repair refuses
// ("repair.seq-unknown", nothing changed) unless `minSeq` says which seq the
// desk must reach again (the newest bundle it may have seen; 0 for a desk
// that was never synced): a repair never lowers the seq it cannot read.
//
// Error codes: "cache.not-found", "repair.create", "repair.copy", "repair.swap",
// "repair.seq-unknown".
Result<RepairReport> repairCache(const QString& path, const QDateTime& nowUtc,
                                 std::optional<quint64> minSeq = std::nullopt);

} // namespace kp
