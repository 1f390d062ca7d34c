#pragma once

#include "util/Result.h"

#include "sync/BundleManifest.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace kp {

class CacheDatabase;
class Clock;

struct ApplyReport
{
    quint64 seq = 0;
    quint64 base = 0;
    QString publisher;
    QMap<QString, quint64> counts; // records per part
    QStringList skipped;           // parts this desk does not know (hashed, not read)
};

// The signed manifest at the start of a bundle file, its signature checked
// against the given bundle keys (DER certificates).
Result<BundleManifest> readBundleManifest(const QString& path, const QList<QByteArray>& keysDer);

// Applies a .kpsync bundle file to the desk's cache (kp-sync.md, "Applying a
// bundle"): the manifest's signature against the pinned bundle keys first,
// then publisher, seq and base, then every part's length and SHA-256, and
// only then the records, all in one transaction in which publisher, seq and
// base are checked again. Parts the desk does not know are hashed and
// skipped. Anything wrong leaves the cache exactly as it was (the failure is
// noted as the last sync attempt).
//
// Error codes: bundle.unreadable, bundle.signature, bundle.manifest,
// bundle.publisher, bundle.replay, bundle.base, bundle.truncated,
// bundle.trailing, bundle.hash, bundle.count, bundle.record, cache.*, and
// sync.busy when another sync of this desk is running (one sync at a time per
// desk, with a lock the kernel releases when its process ends).
Result<ApplyReport> applyBundleFile(CacheDatabase& db, const QString& path, const Clock& clock);

} // namespace kp
