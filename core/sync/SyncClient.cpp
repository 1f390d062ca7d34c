#include "sync/SyncClient.h"

#include "cache/CacheDatabase.h"
#include "sync/BundleApplier.h"
#include "sync/SyncLock_p.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

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

QList<SyncAttempt> syncFromSources(CacheDatabase& db, const QStringList& sources, const FetchOptions& options,
                                   const Clock& clock, const std::function<void(const SyncAttempt&)>& tried)
{
    QList<SyncAttempt> attempts;
    for (const QString& source : sources) {
        attempts.append({source, syncFrom(db, source, options, clock)});
        const SyncAttempt& attempt = attempts.last();
        if (tried)
            tried(attempt);
        if (attempt.outcome)
            break;
        const QString& code = attempt.outcome.error().code;
        if (code == QLatin1String("sync.busy") || code == QLatin1String("sync.cancelled"))
            break;
    }
    return attempts;
}

Status checkSyncSource(const QString& location)
{
    const QString where = location.trimmed();
    const QUrl url(where);
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) {
        if (!url.isValid() || url.host().isEmpty())
            return makeError(
                QStringLiteral("sync.source"),
                QCoreApplication::translate("kp::SyncClient", "%1 is not a usable URL.").arg(where));
        return success();
    }
    const QFileInfo info(where);
    if (where.isEmpty() || !info.exists())
        return makeError(QStringLiteral("sync.source"),
                         QCoreApplication::translate(
                             "kp::SyncClient",
                             "%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.")
                             .arg(where));
    if (info.isFile()) {
        if (!info.isReadable())
            return makeError(QStringLiteral("sync.source"),
                             QCoreApplication::translate("kp::SyncClient", "Cannot read %1.").arg(where));
        return success();
    }
    const QDir dir(where);
    if (QFileInfo(dir.filePath(QStringLiteral("index"))).isFile())
        return success();
    if (!dir.entryList({QStringLiteral("*.kpsync")}, QDir::Files).isEmpty())
        return makeError(
            QStringLiteral("sync.no-index"),
            QCoreApplication::translate(
                "kp::SyncClient",
                "%1 holds bundles but no sync index (the file 'index'): a sync needs the authority's signed "
                "index to know which bundles to apply. Choose the folder the authority published "
                "(kpdesk-cli authority publish), or one bundle file.")
                .arg(where));
    return makeError(
        QStringLiteral("sync.no-index"),
        QCoreApplication::translate("kp::SyncClient", "There is no sync index in %1.").arg(where));
}

} // namespace kp
