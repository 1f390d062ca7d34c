// init, status and sources: the desk's own cache.
#include "AdminSession.h"
#include "CliFiles.h"
#include "CliSupport.h"
#include "CliTrail.h"
#include "Commands.h"

#include "cache/SourceCredentials.h"
#include "crypto/Certificate.h"
#include "records/SqliteRecordsStore.h"
#include "sync/BundleApplier.h"
#include "util/Clock.h"
#include "verify/DeskChecks.h"

#include <QCborArray>
#include <QCborMap>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <limits>

namespace kp::cli {

namespace {

QString isoTime(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue jsonTime(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(isoTime(t)) : QJsonValue(QJsonValue::Null);
}

} // namespace

int runInit(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("participant"),
                      Tr::tr("The participant this desk works for (e.g. EU, CA, NA)."), Tr::tr("CODE")});
    parser.addOption(
        {QStringLiteral("bundle-key"),
         Tr::tr("The home authority's bundle signer certificate (PEM). Repeat for key rollover."),
         Tr::tr("CERT.pem")});
    parser.addOption({QStringLiteral("source"),
                      Tr::tr("A sync source (URL or folder) to use by default. Repeatable."),
                      Tr::tr("SOURCE")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("init"),
            Tr::tr("Create a desk cache for a participant and pin its home authority's bundle keys."),
            exitCode))
        return exitCode;

    const QString participant = parser.value(QStringLiteral("participant")).trimmed().toUpper();
    static const QRegularExpression code(QStringLiteral("^[A-Z]{2}$"));
    if (!code.match(participant).hasMatch()) {
        err() << Tr::tr("init: --participant needs a two-letter participant code (e.g. EU, NA).") << Qt::endl;
        return ExitUsage;
    }
    const QStringList keyFiles = parser.values(QStringLiteral("bundle-key"));
    if (keyFiles.isEmpty()) {
        err() << Tr::tr("init: at least one --bundle-key CERT.pem is needed.") << Qt::endl;
        return ExitUsage;
    }
    QList<Certificate> keys;
    for (const QString& file : keyFiles) {
        const auto pem = readInputFile(file, 1 << 20); // read once, refused when larger
        if (!pem) {
            err() << Tr::tr("init: %1").arg(pem.error().message) << Qt::endl;
            return ExitUsage;
        }
        auto cert = Certificate::fromPem(*pem);
        if (!cert) {
            err() << Tr::tr("init: %1 holds no X.509 certificate: %2").arg(file, cert.error().message)
                  << Qt::endl;
            return ExitUsage;
        }
        keys.append(*cert);
    }

    auto db = openDesk(parser, CacheDatabase::OpenMode::CreateIfMissing);
    if (!db)
        return ExitUsage;
    const auto current = db->participant();
    if (!current) {
        err() << Tr::tr("init: %1").arg(current.error().message) << Qt::endl;
        return ExitUsage;
    }
    if (!current->isEmpty() && *current != participant) {
        err() << Tr::tr("init: %1 is already a desk of %2; use another file.").arg(db->path(), *current)
              << Qt::endl;
        return ExitUsage;
    }
    Status status = db->setParticipant(participant);
    for (const Certificate& cert : keys) {
        if (status)
            status = db->addPinnedBundleKey(cert.der());
    }
    if (status && parser.isSet(QStringLiteral("source")))
        status = db->setSyncSources(parser.values(QStringLiteral("source")));
    if (!status) {
        err() << Tr::tr("init: %1").arg(status.error().message) << Qt::endl;
        return ExitUsage;
    }
    const auto pinned = db->pinnedBundleKeys();
    if (!pinned) {
        err() << Tr::tr("init: %1").arg(pinned.error().message) << Qt::endl;
        return ExitUsage;
    }
    out() << Tr::tr("Desk of %1 ready in %2, with %Ln pinned bundle key(s).", nullptr, int(pinned->size()))
                 .arg(participant, db->path())
          << Qt::endl;
    return ExitOk;
}

int runStatus(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("status"),
                      Tr::tr("Show the desk's participant, data sequence, freshness and record counts."),
                      exitCode))
        return exitCode;
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;

    // Every read may fail on a damaged desk: show what could be read, say
    // what could not, and exit non-zero so scripts notice.
    const Status health = db->checkHealth(CacheDatabase::HealthLevel::Full);
    QStringList unreadable; // the reasons, each once
    auto note = [&](const Error& e) {
        if (!unreadable.contains(e.message))
            unreadable << e.message;
    };
    if (!health)
        note(health.error());
    const auto stateRead = db->syncState();
    const auto countsRead = db->counts();
    const auto participant = db->participant();
    auto sources = db->syncSources();
    if (sources) // a password stored before issue 19 is never printed
        for (QString& s : *sources)
            s = SourceCredentials::masked(s);
    const auto keys = db->pinnedBundleKeys();
    for (const Error* e :
         {stateRead ? nullptr : &stateRead.error(), countsRead ? nullptr : &countsRead.error(),
          participant ? nullptr : &participant.error(), sources ? nullptr : &sources.error(),
          keys ? nullptr : &keys.error()}) {
        if (e)
            note(*e);
    }
    const bool damaged = !unreadable.isEmpty();
    const SyncState state = stateRead ? *stateRead : SyncState{};
    const QDateTime now = SystemClock().nowUtc();
    const bool stale = !stateRead || DeskChecks::isOutOfDate(state, now);
    const QList<QPair<QString, qint64>> parts =
        countsRead ? countsRead->tables() : QList<QPair<QString, qint64>>{};
    const QString repairHint =
        Tr::tr(
            "The desk's data is damaged and cannot be trusted: run 'kpdesk-cli repair --db %1', then sync.")
            .arg(db->path());

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject countsJson;
        for (const auto& [name, n] : parts)
            countsJson.insert(name, n);
        auto orNull = [](bool ok, const QJsonValue& v) {
            return ok ? v : QJsonValue(QJsonValue::Null);
        };
        printJson(QJsonObject{
            {QStringLiteral("db"), db->path()},
            {QStringLiteral("health"), damaged ? QStringLiteral("damaged") : QStringLiteral("ok")},
            {QStringLiteral("healthErrors"), QJsonArray::fromStringList(unreadable)},
            {QStringLiteral("participant"), orNull(participant.ok(), participant ? *participant : QString())},
            {QStringLiteral("seq"), orNull(stateRead.ok(), qint64(state.seq))},
            {QStringLiteral("publisher"), state.publisher},
            {QStringLiteral("published"), jsonTime(state.publishedAt)},
            {QStringLiteral("fresh"), jsonTime(state.freshUntil)},
            {QStringLiteral("stale"), stale},
            {QStringLiteral("lastSync"), jsonTime(state.lastSuccess)},
            {QStringLiteral("lastAttempt"), jsonTime(state.lastAttempt)},
            {QStringLiteral("lastError"), state.lastError},
            {QStringLiteral("sources"),
             orNull(sources.ok(), QJsonArray::fromStringList(sources ? *sources : QStringList()))},
            {QStringLiteral("pinnedBundleKeys"), orNull(keys.ok(), qint64(keys ? keys->size() : 0))},
            {QStringLiteral("counts"), orNull(countsRead.ok(), countsJson)},
        });
        if (damaged)
            err() << repairHint << Qt::endl;
        return damaged ? ExitUsage : ExitOk;
    }
    auto line = [](const QString& label, const QString& value) {
        out() << "  " << label.leftJustified(16) << value << '\n';
    };
    const QString cannotRead = Tr::tr("(could not be read)");
    out() << Tr::tr("KP Desk cache %1").arg(db->path()) << '\n';
    if (damaged) {
        out() << Tr::tr("DAMAGED: %1").arg(unreadable.join(QStringLiteral("; "))) << '\n'
              << repairHint << '\n';
    }
    line(Tr::tr("participant"), participant ? *participant : cannotRead);
    if (stateRead) {
        line(Tr::tr("seq"), state.seq == 0 ? Tr::tr("0 (never synced)") : QString::number(state.seq));
        line(Tr::tr("published"), isoTime(state.publishedAt));
        line(Tr::tr("fresh until"),
             isoTime(state.freshUntil) + (stale ? Tr::tr("  STALE: sync now") : QString()));
        line(Tr::tr("last sync"), isoTime(state.lastSuccess));
        line(Tr::tr("last attempt"),
             isoTime(state.lastAttempt) +
                 (state.lastError.isEmpty() ? QString() : QStringLiteral("  ") + state.lastError));
    } else {
        line(Tr::tr("seq"), cannotRead);
    }
    line(Tr::tr("sources"), sources ? sources->join(QStringLiteral(", ")) : cannotRead);
    if (!countsRead)
        line(Tr::tr("counts"), cannotRead);
    for (const auto& [name, n] : parts)
        line(name, QString::number(n));
    out() << Qt::flush;
    if (damaged)
        err() << repairHint << Qt::endl;
    return damaged ? ExitUsage : ExitOk;
}

int runSources(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption(
        {QStringLiteral("set"),
         Tr::tr("Replace the desk's sync sources with these (URL or folder), tried in order. Repeatable."),
         Tr::tr("SOURCE")});
    parser.addOption({QStringLiteral("clear"), Tr::tr("Remove every configured source.")});
    addAdministratorOption(parser);
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("sources"),
                      Tr::tr("Show or set where 'sync' takes bundles from when no SOURCE is given."),
                      exitCode))
        return exitCode;
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;
    if (parser.isSet(QStringLiteral("set")) || parser.isSet(QStringLiteral("clear"))) {
        // Where the desk takes its bundles from is whom it listens to: an
        // administrator's change, named in the trail.
        SqliteRecordsStore store(*db);
        SystemClock clock;
        DeskRecords door(store, clock);
        const auto session = administratorSession(door, parser, QStringLiteral("sources"));
        if (!session)
            return ExitRefused;
        const QStringList sources = parser.values(QStringLiteral("set"));
        if (auto s = db->setSyncSources(sources); !s) {
            err() << Tr::tr("sources: %1").arg(s.error().message) << Qt::endl;
            return ExitUsage;
        }
        QCborArray masked;
        for (const QString& source : sources)
            masked.append(SourceCredentials::masked(source));
        if (!noteInTrail(door, *session, QStringLiteral("sources_set"),
                         QCborMap{{QStringLiteral("sources"), masked}}))
            return ExitUsage;
    }
    const auto configured = db->syncSources();
    if (!configured) {
        err() << Tr::tr("sources: %1").arg(configured.error().message) << Qt::endl;
        return ExitUsage;
    }
    for (const QString& s : *configured)
        out() << SourceCredentials::masked(s) << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
