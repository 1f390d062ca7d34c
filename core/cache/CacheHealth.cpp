// The desk cache: its health, checked cheaply before each verification or fully.

#include "cache/CacheDatabase.h"

#include "cache/CacheDatabase_p.h"
#include "cache/HealthCheckStop.h"
#include "cache/Schema_p.h"
#include "cache/SqliteHandle_p.h"
#include "util/Logging.h"

#include <QCoreApplication>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheDatabase)
};

Error damagedError(const QString& what)
{
    return makeError(QStringLiteral("cache.damaged"),
                     Tr::tr("The desk's data could not be read: it is damaged (%1), so no certificate can be "
                            "accepted on it. Repair the desk (kpdesk-cli repair), then sync.")
                         .arg(what));
}

} // namespace

Status CacheDatabase::Private::checkSyncedData() const
{
    const auto seq = meta(QStringLiteral("seq"));
    if (!seq)
        return seq.error();
    if (seq->toULongLong() == 0)
        return success();
    bool any = false;
    if (auto s = read(QStringLiteral("SELECT 1 FROM participants LIMIT 1"), {},
                      [&](const QSqlQuery&) { any = true; });
        !s)
        return s;
    if (!any)
        return damagedError(Tr::tr("the desk was synced (seq %1) but holds no participant list").arg(*seq));
    return success();
}

Status CacheDatabase::Private::checkVerdictTables(bool always) const
{
    qint64 version = -1;
    if (auto s = read(QStringLiteral("PRAGMA data_version"), {},
                      [&](const QSqlQuery& q) { version = q.value(0).toLongLong(); });
        !s)
        return s;
    if (!always && verdictTablesCheckedAt == version)
        return success();
    QStringList problems;
    for (const QString& table : schema::verdictTables()) {
        // The table name is ours (schema::verdictTables), never from outside.
        if (auto s = read(QStringLiteral("PRAGMA integrity_check(") + table + u')', {},
                          [&](const QSqlQuery& q) {
                              if (const QString line = q.value(0).toString(); line != u"ok")
                                  problems << line;
                          });
            !s)
            return makeError(QStringLiteral("cache.damaged"), s.error().message);
        if (problems.size() > 20)
            break;
    }
    if (!problems.isEmpty()) {
        verdictTablesCheckedAt.reset();
        qCWarning(lcCache) << "damaged verdict data:" << problems;
        return damagedError(problems.mid(0, 5).join(QStringLiteral("; ")));
    }
    verdictTablesCheckedAt = version;
    return success();
}

Status CacheDatabase::checkHealth(HealthLevel level, HealthCheckStop* stop) const
{
    int version = -1;
    if (auto s = d->read(QStringLiteral("PRAGMA user_version"), {},
                         [&](const QSqlQuery& q) { version = q.value(0).toInt(); });
        !s)
        return s;
    if (version != d->schemaVersion)
        return readError(Tr::tr("its schema version is %1, not %2.").arg(version).arg(d->schemaVersion));
    // Reading the first row of each table reads its root page: a table that
    // is missing, renamed or whose root is damaged shows here. Deeper pages
    // are checked by each lookup as it reads them (and by Full).
    for (const QString& table : schema::checkedTables()) {
        // NOT INDEXED: the table's own tree, not a covering index of it.
        if (auto s =
                d->read(QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" NOT INDEXED LIMIT 1"), {},
                        [](const QSqlQuery&) {});
            !s)
            return s;
    }
    if (auto s = d->checkSyncedData(); !s)
        return s;
    if (level == HealthLevel::Quick)
        return d->checkVerdictTables(false);
    QStringList problems;
    // Without our own handle (a plugin with its own SQLite) the check still
    // runs, just without a way to stop it early.
    if (stop && !stop->attach(ownSqliteHandle(d->db())))
        return makeError(QStringLiteral("cache.cancelled"),
                         Tr::tr("The check of the desk's data was stopped."));
    const Status verdictTables = d->checkVerdictTables(true);
    const Status read = verdictTables
                            ? d->read(QStringLiteral("PRAGMA quick_check(20)"), {},
                                      [&](const QSqlQuery& q) { problems << q.value(0).toString(); })
                            : success();
    if (stop)
        stop->detach();
    if (stop && stop->stopped())
        return makeError(QStringLiteral("cache.cancelled"),
                         Tr::tr("The check of the desk's data was stopped."));
    if (!verdictTables)
        return verdictTables;
    if (!read)
        return makeError(QStringLiteral("cache.damaged"), read.error().message);
    if (problems != QStringList{QStringLiteral("ok")})
        return makeError(QStringLiteral("cache.damaged"),
                         Tr::tr("The desk's data is damaged: %1").arg(problems.join(QStringLiteral("; "))));
    return success();
}

} // namespace kp
