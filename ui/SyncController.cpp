#include "SyncController.h"

#include "cache/CacheDatabase.h"
#include "crypto/ThreadCryptoState.h"
#include "records/SqliteRecordsStore.h"
#include "records/SyncTrail.h"
#include "util/Clock.h"

#include <QLocale>
#include <QPointer>
#include <QtConcurrent>

namespace kp::ui {

SyncController::SyncController(const QString& dbPath, const Clock& clock, QObject* parent)
    : QObject(parent), m_dbPath(dbPath), m_clock(clock)
{
    connect(&m_watcher, &QFutureWatcher<Report>::finished, this, [this] {
        m_last = m_watcher.result();
        emit finished(m_last.ok, m_last.message);
    });
}

SyncController::~SyncController()
{
    cancel();
    m_watcher.waitForFinished();
}

void SyncController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

bool SyncController::start(const QStringList& sources, const std::optional<Session>& who)
{
    if (m_watcher.isRunning())
        return false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const auto cancelled = m_cancel;
    const QString dbPath = m_dbPath;
    const Clock& clock = m_clock;
    QPointer<SyncController> self(this);
    m_watcher.setFuture(QtConcurrent::run([dbPath, sources, who, cancelled, self, &clock]() -> Report {
        const ThreadCryptoState cryptoState; // bundle signatures
        auto db = CacheDatabase::open(dbPath, CacheDatabase::OpenMode::MustExist);
        if (!db)
            return Report{false, db.error().message, {}};
        FetchOptions options;
        options.downloadDir = dbPath + QStringLiteral(".downloads");
        options.cancelled = [cancelled] {
            return cancelled->load();
        };
        options.progress = [self](const QString& file, qint64 done, qint64 total) {
            QMetaObject::invokeMethod(self, [self, file, done, total] {
                if (self)
                    emit self->progress(file, done, total);
            });
        };
        SqliteRecordsStore store(**db);
        DeskRecords door(store, clock);
        const Session session = who ? *who : Session::forCommandLine(QStringLiteral("kpdesk"));
        QString trailProblem;
        const QList<SyncAttempt> attempts =
            syncFromSources(**db, sources, options, clock, [&](const SyncAttempt& attempt) {
                // Another sync running is not this desk's sync refused: no entry for it.
                if (!attempt.outcome && attempt.outcome.error().code == QLatin1String("sync.busy"))
                    return;
                if (auto noted = noteSyncInTrail(door, session, attempt.source, attempt.outcome); !noted)
                    trailProblem = noted.error().message;
            });
        return describe(attempts, trailProblem);
    }));
    return true;
}

SyncController::Report SyncController::describe(const QList<SyncAttempt>& attempts,
                                                const QString& trailProblem)
{
    Report r;
    for (const SyncAttempt& a : attempts)
        if (!a.outcome)
            r.failures << tr("%1: %2").arg(a.source, a.outcome.error().message);
    if (attempts.isEmpty()) {
        r.message = tr("No sync source is set: an administrator adds one in Settings.");
        return r;
    }
    const SyncAttempt& last = attempts.last();
    if (!last.outcome) {
        r.message = tr("Sync failed. %1").arg(r.failures.join(QLatin1Char('\n')));
        return r;
    }
    r.ok = true;
    if (last.outcome->applied.isEmpty())
        r.message = tr("Already up to date: the desk is at seq %1 (%2).")
                        .arg(QLocale().toString(last.outcome->toSeq), last.source);
    else
        r.message = tr("Synced from %1: the desk is at seq %2.")
                        .arg(last.source, QLocale().toString(last.outcome->toSeq));
    if (!r.failures.isEmpty())
        r.message += QLatin1Char('\n') + tr("Passed over: %1").arg(r.failures.join(QLatin1Char('\n')));
    if (!trailProblem.isEmpty()) {
        r.ok = false;
        r.message =
            tr("The sync was applied, but the audit trail could not be written: %1").arg(trailProblem);
    }
    return r;
}

} // namespace kp::ui
