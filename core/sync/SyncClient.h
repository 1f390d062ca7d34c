#pragma once

// Brings a desk's cache up to date from a source: a .kpsync file, a folder
// laid out as a web server's (a USB stick), or an http(s) base URL.

#include "sync/SyncSource.h"

#include <QList>

namespace kp {

class CacheDatabase;
class Clock;

struct SyncOutcome
{
    quint64 fromSeq = 0;
    quint64 toSeq = 0;
    QList<IndexEntry> applied; // empty: already current
};

// Each bundle is applied in its own transaction, so a chain cut short leaves
// the cache at the last bundle that applied completely. A failure is noted as
// the last sync attempt. One sync at a time per desk: a second one while
// another runs (in this process or another) is refused with "sync.busy".
Result<SyncOutcome> syncFrom(CacheDatabase& db, const QString& location, const FetchOptions& options,
                             const Clock& clock);

} // namespace kp
