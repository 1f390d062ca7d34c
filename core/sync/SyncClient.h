#pragma once

// Brings a desk's cache up to date from a source: a .kpsync file, a folder
// laid out as a web server's (a USB stick), or an http(s) base URL.

#include "sync/SyncSource.h"

#include <QList>
#include <QStringList>

#include <functional>

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

// One source tried by syncFromSources.
struct SyncAttempt
{
    QString source;
    Result<SyncOutcome> outcome = Error{};
};

// The desk's configured sources tried in order (kpdesk-cli sync, the
// window's Sync now, the first run): a source that fails (an unmounted USB
// folder, a server down) is passed over for the next, until one applies or
// finds the desk current. "sync.busy" (another sync of this desk runs) or
// "sync.cancelled" stops at once. `tried` is called after each attempt, on
// the calling thread (to note it in the trail, or print it). The last
// attempt is the one that worked, if any did; empty for no sources.
QList<SyncAttempt> syncFromSources(CacheDatabase& db, const QStringList& sources, const FetchOptions& options,
                                   const Clock& clock,
                                   const std::function<void(const SyncAttempt&)>& tried = {});

// A location a desk may take as a sync source, checked before it is saved
// (first run, settings): an http(s) URL with a host, a .kpsync file, or a
// folder holding a sync index. A folder with bundles but no index is refused
// with the reason ("sync.no-index"): a sync needs the signed index to know
// which bundles to apply and in what order. "sync.source" for anything else.
Status checkSyncSource(const QString& location);

} // namespace kp
