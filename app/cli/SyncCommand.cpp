// sync: bring the desk up to date from a bundle file, a folder or the authority (kpdesk-cli-full only).
#include "CliSupport.h"
#include "CliTrail.h"
#include "Commands.h"

#include "sync/SyncClient.h"
#include "util/Clock.h"

#include <limits>

namespace kp::cli {

int runSync(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addPositionalArgument(
        QStringLiteral("SOURCE"),
        Tr::tr("A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the "
               "authority's http(s) base URL. Default: the desk's configured sources."));
    parser.addOption({QStringLiteral("proxy"),
                      Tr::tr("HTTP proxy as host:port, or 'none'. Default: the system's proxy settings."),
                      Tr::tr("PROXY")});
    parser.addOption({QStringLiteral("ca-cert"),
                      Tr::tr("A CA certificate (PEM) to trust for the server, besides the system's."),
                      Tr::tr("FILE")});
    parser.addOption({QStringLiteral("timeout"),
                      Tr::tr("Seconds without data before a try is given up (default 30)."),
                      Tr::tr("SECONDS"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("deadline"),
                      Tr::tr("Seconds the whole sync from one source may take, however slowly data still "
                             "comes, before it is given up (default 3600; 0: no limit)."),
                      Tr::tr("SECONDS"), QStringLiteral("3600")});
    parser.addOption({QStringLiteral("retries"), Tr::tr("Further tries after a network failure (default 3)."),
                      Tr::tr("N"), QStringLiteral("3")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("sync"),
            Tr::tr("Bring the desk's data up to date from its home authority. Each bundle is applied whole "
                   "or not at all."),
            exitCode))
        return exitCode;
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;
    QStringList sources = parser.positionalArguments();
    if (sources.size() > 1) {
        err() << Tr::tr("sync: name at most one SOURCE.") << Qt::endl;
        return ExitUsage;
    }
    if (sources.isEmpty()) {
        auto configured = db->syncSources();
        if (!configured) {
            err() << Tr::tr("sync: %1").arg(configured.error().message) << Qt::endl;
            return ExitUsage;
        }
        sources = *configured;
    }
    if (sources.isEmpty()) {
        err() << Tr::tr(
                     "sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).")
              << Qt::endl;
        return ExitUsage;
    }
    bool ok = false;
    FetchOptions options;
    options.proxy = parser.value(QStringLiteral("proxy"));
    options.pinnedCaPath = parser.value(QStringLiteral("ca-cert"));
    options.idleTimeoutMs = parser.value(QStringLiteral("timeout")).toInt(&ok) * 1000;
    if (!ok || options.idleTimeoutMs <= 0) {
        err() << Tr::tr("sync: --timeout needs a number of seconds.") << Qt::endl;
        return ExitUsage;
    }
    const int deadlineS = parser.value(QStringLiteral("deadline")).toInt(&ok);
    if (!ok || deadlineS < 0 || deadlineS > std::numeric_limits<int>::max() / 1000) {
        err() << Tr::tr("sync: --deadline needs a number of seconds.") << Qt::endl;
        return ExitUsage;
    }
    options.deadlineMs = deadlineS * 1000;
    options.retries = parser.value(QStringLiteral("retries")).toInt(&ok);
    if (!ok || options.retries < 0) {
        err() << Tr::tr("sync: --retries needs a number.") << Qt::endl;
        return ExitUsage;
    }
    options.downloadDir = db->path() + QStringLiteral(".downloads");
    ProgressBar bar;
    options.progress = [&bar](const QString& file, qint64 done, qint64 total) {
        bar.show(file, done, total);
    };

    SystemClock clock;
    // Configured sources are tried in order until one answers (as the window's Sync now).
    const QList<SyncAttempt> attempts =
        syncFromSources(*db, sources, options, clock, [&](const SyncAttempt& attempt) {
            bar.finish();
            // Another sync running is not this desk's sync refused: no entry for it.
            if (attempt.outcome || attempt.outcome.error().code != QLatin1String("sync.busy"))
                noteSyncInTrail(*db, attempt.source, attempt.outcome);
            if (!attempt.outcome)
                err() << Tr::tr("sync: %1: %2").arg(attempt.source, attempt.outcome.error().message)
                      << Qt::endl;
        });
    if (attempts.isEmpty() || !attempts.last().outcome)
        return ExitRefused;
    const QString& source = attempts.last().source;
    const SyncOutcome& outcome = *attempts.last().outcome;
    if (outcome.applied.isEmpty()) {
        out() << Tr::tr("Already current at seq %1 (%2); nothing changed.").arg(outcome.toSeq).arg(source)
              << Qt::endl;
        return ExitOk;
    }
    for (const IndexEntry& e : outcome.applied)
        out() << Tr::tr("Applied %1 bundle seq %2 (%3).")
                     .arg(e.base == 0 ? Tr::tr("full") : Tr::tr("delta from %1").arg(e.base))
                     .arg(e.seq)
                     .arg(e.file)
              << Qt::endl;
    out() << Tr::tr("The desk is at seq %1.").arg(outcome.toSeq) << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
