#include "sync/SyncClient.h"

#include "cache/CacheDatabase.h"
#include "sync/BundleApplier.h"
#include "sync/SyncLock_p.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace kp {

namespace {

Result<SyncOutcome> syncFromSource(CacheDatabase& db, SyncSource& source, const FetchOptions& options,
                                   const Clock& clock, bool& noted)
{
    auto indexBytes = source.fetchIndex();
    if (!indexBytes)
        return indexBytes.error();
    auto keys = db.pinnedBundleKeys();
    if (!keys)
        return keys.error();
    auto index = SyncIndex::fromSigned(*indexBytes, *keys);
    if (!index)
        return index.error();
    auto state = db.syncState();
    if (!state)
        return state.error();
    SyncOutcome outcome;
    outcome.fromSeq = state->seq;
    outcome.toSeq = outcome.fromSeq;
    auto plan = index->planFrom(outcome.fromSeq);
    if (!plan)
        return plan.error();
    for (const IndexEntry& entry : *plan) {
        if (options.cancelled && options.cancelled())
            return makeError(QStringLiteral("sync.cancelled"),
                             QCoreApplication::translate("kp::SyncClient", "The sync was cancelled."));
        auto file = source.fetchFile(entry);
        if (!file)
            return file.error();
        auto report = applyBundleFileLocked(db, *file, clock); // notes its own failure
        if (!report) {
            noted = true;
            return report.error();
        }
        if (report->seq != entry.seq || report->base != entry.base) {
            // The applied bundle was valid and signed, but not what the index named.
            qCWarning(lcSync) << "bundle" << entry.file << "is seq" << report->seq << "not" << entry.seq;
        }
        outcome.applied.append(entry);
        outcome.toSeq = report->seq;
        if (file->endsWith(QLatin1String(".part")))
            QFile::remove(*file); // a finished download
    }
    return outcome;
}

} // namespace

Result<SyncOutcome> syncFrom(CacheDatabase& db, const QString& location, const FetchOptions& options,
                             const Clock& clock)
{
    // One sync at a time per desk, from the index to the last bundle: a
    // second one (another window, kpdesk-cli) is told so at once.
    auto lock = SyncLock::acquire(db.path());
    if (!lock)
        return lock.error(); // the running sync notes its own outcome
    bool noted = false;
    Result<SyncOutcome> result = Error{};
    const QFileInfo info(location);
    if (info.isFile()) {
        auto report = applyBundleFileLocked(db, location, clock);
        noted = true;
        if (report) {
            SyncOutcome outcome;
            outcome.toSeq = report->seq;
            outcome.fromSeq = report->base;
            outcome.applied.append(
                IndexEntry{report->base, report->seq, info.fileName(), quint64(info.size()), {}});
            result = outcome;
        } else {
            result = report.error();
        }
    } else {
        auto source = SyncSource::open(location, options);
        result = source ? syncFromSource(db, **source, options, clock, noted)
                        : Result<SyncOutcome>(source.error());
    }
    if (!result && !noted) {
        if (auto s = db.recordSyncAttempt(clock.nowUtc(), result.error().message); !s)
            qCWarning(lcSync) << "could not note the failed attempt:" << s.error().code;
    }
    if (result && result->applied.isEmpty()) {
        if (auto s = db.recordSyncAttempt(clock.nowUtc(), QString()); !s)
            qCWarning(lcSync) << "could not note the attempt:" << s.error().code;
    }
    return result;
}

} // namespace kp
