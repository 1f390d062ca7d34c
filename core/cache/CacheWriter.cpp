#include "cache/CacheWriter.h"

#include "cache/CacheDatabase_p.h"
#include "cache/Schema_p.h"
#include "cache/SqliteHandle_p.h"
#include "cache/WriteWaitSignal_p.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheWriter)
};

// Staging tables and tables replaced by a switch: names no schema version
// uses, one per authority table.
const QString StagePrefix = QStringLiteral("kp_stage_");
const QString OldPrefix = QStringLiteral("kp_old_");

// How long a staged writer holds SQLite's write lock before it commits, and
// how long it then leaves it free when another connection waits for it
// (WriteWaitSignal_p.h). Every desk connection waiting for the lock looks
// every 2 ms (BusyWait_p.h), so a few free milliseconds let a waiting save
// in: it waits at most about one hold (60 ms measured), well within 200 ms
// (docs/spec-notes.md, issue 18). When nobody waits the writer commits and
// goes on at once (issue 22: pausing after every hold cost a tenth of the
// apply's time).
constexpr qint64 HoldMs = 60;
// How often a staged writer looks whether someone waits (a pread of 8 bytes):
// a waiter gets the lock after about this long, not after the rest of a hold.
constexpr qint64 LookMs = 8;
constexpr unsigned long PauseMs = 8;
// Write-ahead log pages between checkpoints while staging (SQLite's default: 1000).
constexpr int StagedCheckpointPages = 16384;
constexpr int DefaultCheckpointPages = 1000;
// Rows deleted per short transaction when a replaced table is cleared.
constexpr int DeleteStep = 5000;

} // namespace

struct CacheWriter::Private
{
    CacheDatabase& cache;
    bool open = false;
    sqlite3* handle = nullptr;             // see ownSqliteHandle()
    sqlite3_stmt* certStatement = nullptr; // prepared on first use
    bool staged = false;
    mutable bool diskFull = false; // a write failed for want of space
    Staging how = Staging::Replace;
    QElapsedTimer held;         // since the staged transaction began
    qint64 nextLook = 0;        // held.elapsed() at which pace() next looks for a waiter
    std::int64_t lastPause = 0; // WriteWaitSignal's clock: when the lock was last left free
    int pauses = 0;

    explicit Private(CacheDatabase& db) : cache(db) {}
    ~Private() { finalize(); }

    // The table rows go to: the live one, or its staging table.
    QString table(const char* name) const
    {
        return staged ? StagePrefix + QLatin1String(name) : QString::fromLatin1(name);
    }

    Status run(QSqlQuery& q, const QString& sql)
    {
        if (!q.exec(sql))
            return noted(sqlError(QStringLiteral("cache.write"), q));
        return success();
    }

    // Every failed write says whether the disk is full (or failing: a
    // file-size limit fails a write as an I/O error), whichever statement met
    // it, so that the cleanup frees log space for the trail's entry.
    Error noted(Error e) const
    {
        diskFull = diskFull || e.code == QLatin1String("cache.disk");
        return e;
    }

    // A staged writer's short transaction, begun on the first row after a commit.
    Status ensureOpen()
    {
        if (open || !staged)
            return success();
        QSqlQuery q(cache.connection());
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return sqlError(QStringLiteral("cache.busy"), q);
        open = true;
        held.start();
        nextLook = LookMs;
        return success();
    }

    Status commitOpen()
    {
        if (!open)
            return success();
        finalize();
        QSqlQuery q(cache.connection());
        if (!q.exec(QStringLiteral("COMMIT")))
            return noted(sqlError(QStringLiteral("cache.write"), q));
        open = false;
        return success();
    }

    void rollbackOpen()
    {
        finalize();
        if (!open)
            return;
        QSqlQuery q(cache.connection());
        if (!q.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcCache) << "rollback failed:" << q.lastError().text();
        open = false;
    }

    // The statements this connection keeps prepared on staging tables: they
    // are gone once the tables are renamed or dropped.
    void forgetStagedStatements()
    {
        for (auto it = cache.d->prepared.begin(); it != cache.d->prepared.end();) {
            if (it->first.contains(StagePrefix))
                it = cache.d->prepared.erase(it);
            else
                ++it;
        }
    }

    // Empties `table` (when it exists) in short transactions and drops it:
    // one DROP of a big table would hold the write lock for seconds.
    Status clearInSteps(const QString& table)
    {
        QSqlQuery q(cache.connection());
        q.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
        q.addBindValue(table);
        if (!q.exec())
            return noted(sqlError(QStringLiteral("cache.write"), q));
        if (!q.next())
            return success();
        const bool withoutRowid =
            q.value(0).toString().contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive);
        q.finish();
        // Names from our fixed list, never from outside.
        if (!withoutRowid) {
            const QString step =
                QStringLiteral("DELETE FROM %1 WHERE rowid IN (SELECT rowid FROM %1 LIMIT %2)")
                    .arg(table)
                    .arg(DeleteStep);
            for (;;) {
                if (!q.exec(step))
                    return noted(sqlError(QStringLiteral("cache.write"), q));
                const int deleted = q.numRowsAffected();
                q.finish();
                if (deleted < DeleteStep)
                    break;
                QThread::msleep(PauseMs);
            }
        }
        return run(q, QStringLiteral("DROP TABLE ") + table);
    }

    void finalize()
    {
        sqlite3_finalize(certStatement); // a no-op on nullptr
        certStatement = nullptr;
    }

    Error sqliteError(int rc) const
    {
        const QString why = QString::fromUtf8(sqlite3_errmsg(handle));
        qCWarning(lcCache) << "SQL error" << why << "in the certs insert";
        const int primary = rc & 0xff;
        if (primary == SQLITE_IOERR || primary == SQLITE_FULL)
            diskFull = true;
        if (primary == SQLITE_IOERR || primary == SQLITE_FULL)
            return makeError(QStringLiteral("cache.disk"),
                             QCoreApplication::translate(
                                 "kp::CacheDatabase",
                                 "The desk's cache could not be written: the disk is full or failing (%1). "
                                 "Nothing was changed; free some space and try again.")
                                 .arg(why));
        return makeError(QStringLiteral("cache.write"),
                         QCoreApplication::translate("kp::CacheDatabase",
                                                     "The desk's cache could not be read or written: %1")
                             .arg(why));
    }

    Status exec(const QString& sql, const QVariantList& values)
    {
        QSqlQuery& q = cache.d->query(sql);
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values[i]);
        if (!q.exec())
            return noted(sqlError(QStringLiteral("cache.write"), q));
        return success();
    }
};

CacheWriter::CacheWriter(CacheDatabase& db) : d(std::make_unique<Private>(db)) {}

CacheWriter::~CacheWriter()
{
    d->rollbackOpen();
    QSqlQuery q(d->cache.connection());
    if (d->staged) {
        d->forgetStagedStatements();
        // What was staged is of no use any more (a failed bundle). On a full
        // disk, deleting row by row needs log space there is none of: the
        // tables are dropped at once and the log emptied, so that what the
        // desk writes next (the refusal in its trail) fits.
        for (const QString& table : schema::authorityTables()) {
            const Status s = d->diskFull
                                 ? d->run(q, QStringLiteral("DROP TABLE IF EXISTS ") + StagePrefix + table)
                                 : d->clearInSteps(StagePrefix + table);
            if (!s)
                qCWarning(lcCache) << "staging table left for the next sync:" << s.error().code;
        }
        if (d->diskFull)
            q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        q.exec(QStringLiteral("PRAGMA synchronous = FULL"));
        q.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(DefaultCheckpointPages));
        if (d->cache.d->busyWait)
            d->cache.d->busyWait->setAnnouncing(true);
    }
    q.exec(QStringLiteral("PRAGMA cache_size = -2000")); // SQLite's default, for lookups
}

Result<std::unique_ptr<CacheWriter>> CacheWriter::begin(CacheDatabase& db)
{
    std::unique_ptr<CacheWriter> writer(new CacheWriter(db));
    QSqlQuery q(db.connection());
    // IMMEDIATE takes the write lock now, not half way through a bundle.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("cache.busy"), q);
    writer->d->open = true;
    // A big bundle spills far less to the write-ahead log with 64 MiB of
    // page cache than with SQLite's 2 MiB; set back when the writer ends.
    if (!q.exec(QStringLiteral("PRAGMA cache_size = -65536")))
        qCWarning(lcCache) << "cache_size not set:" << q.lastError().text();
    writer->d->handle = ownSqliteHandle(db.connection());
    return writer;
}

Result<std::unique_ptr<CacheWriter>> CacheWriter::beginStaged(CacheDatabase& db, Staging how)
{
    std::unique_ptr<CacheWriter> writer(new CacheWriter(db));
    Private& p = *writer->d;
    QSqlQuery q(db.connection());
    // A killed sync's staging and a switched sync's replaced tables.
    for (const QString& table : schema::authorityTables()) {
        for (const QString& prefix : {StagePrefix, OldPrefix}) {
            if (auto s = p.clearInSteps(prefix + table); !s)
                return s.error();
        }
    }
    p.staged = true; // from here the destructor drops the staging and sets FULL back
    // This connection reads who waits (pace()); its own waits are not others'.
    if (db.d->busyWait)
        db.d->busyWait->setAnnouncing(false);
    // Staged rows need no fsync of their own: nothing uses them unless the
    // switch commits, and that commit (FULL again) syncs them with it.
    if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
        qCWarning(lcCache) << "synchronous not set:" << q.lastError().text();
    // Checkpoints (each with two fsyncs) every 64 MiB of staged pages, not
    // every 4 MiB: on the VM's disk those fsyncs were a third of a big
    // apply's wall time (issue 22). The write-ahead log grows to 64 MiB at
    // most; SQLite's default is set back before the switch.
    if (!q.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(StagedCheckpointPages)))
        qCWarning(lcCache) << "wal_autocheckpoint not set:" << q.lastError().text();
    // Each staging table is made like its live table (its CREATE statement
    // with the staging name); the live table's indexes are made again at
    // the switch.
    if (auto s = p.ensureOpen(); !s)
        return s.error();
    for (const QString& table : schema::authorityTables()) {
        q.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
        q.addBindValue(table);
        const bool found = q.exec() && q.next();
        const QString sql = found ? q.value(0).toString() : QString();
        q.finish();
        const qsizetype columns = sql.indexOf(u'(');
        if (columns < 0)
            return makeError(QStringLiteral("cache.schema"),
                             Tr::tr("The desk cache has no table %1.").arg(table));
        if (auto s = p.run(q, QStringLiteral("CREATE TABLE ") + StagePrefix + table + sql.mid(columns)); !s)
            return s.error();
    }
    if (auto s = p.commitOpen(); !s)
        return s.error();
    p.how = how;
    // SQLite's default page cache (2 MiB): each short transaction's pages are
    // written at its commit and not read again, so a bigger cache only costs
    // fresh memory (issue 22: the 64 MiB of issue 9 cost a third of the
    // apply's CPU time in page faults).
    p.handle = ownSqliteHandle(db.connection());
    return writer;
}

Status CacheWriter::pace()
{
    if (!d->staged || !d->open)
        return success();
    const qint64 held = d->held.elapsed();
    if (held < d->nextLook)
        return success();
    d->nextLook = held + LookMs;
    // A try for the lock newer than the last pause: leave it free now. When
    // nobody can be known to wait (the signal unreadable), after every hold.
    const auto lastWait = d->cache.d->waitSignal->lastWait();
    const bool someoneWaits = lastWait && *lastWait > d->lastPause;
    if (!someoneWaits && held < HoldMs)
        return success();
    if (auto s = d->commitOpen(); !s)
        return s;
    if (someoneWaits || !lastWait) {
        d->lastPause = WriteWaitSignal::nowMicroseconds();
        ++d->pauses;
        QThread::msleep(PauseMs);
    }
    return success();
}

int CacheWriter::pauses() const
{
    return d->pauses;
}

Status CacheWriter::switchIn(const std::function<Status()>& check, const SyncState& state)
{
    if (!d->staged)
        return makeError(QStringLiteral("cache.write"), Tr::tr("Nothing to commit."));
    if (auto s = d->commitOpen(); !s)
        return s;
    d->forgetStagedStatements();
    QSqlQuery q(d->cache.connection());
    if (!q.exec(QStringLiteral("PRAGMA synchronous = FULL")))
        return d->noted(sqlError(QStringLiteral("cache.write"), q));
    // The switch's commit then checkpoints what is left in the log (a
    // passive checkpoint, after the write lock is free).
    if (!q.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(DefaultCheckpointPages)))
        return d->noted(sqlError(QStringLiteral("cache.write"), q));
    if (auto s = d->ensureOpen(); !s)
        return s;
    if (auto s = check(); !s)
        return s;
    for (const QString& table : schema::authorityTables()) {
        const QString stage = StagePrefix + table;
        if (d->how == Staging::Merge) {
            // The same columns in the same order: made from the same CREATE.
            if (auto s =
                    d->run(q, QStringLiteral("INSERT OR REPLACE INTO %1 SELECT * FROM %2").arg(table, stage));
                !s)
                return s;
            if (auto s = d->run(q, QStringLiteral("DROP TABLE ") + stage); !s)
                return s;
            continue;
        }
        // Nothing staged and nothing live (a part the bundle does not carry,
        // e.g. `desks`): no renames, each of which re-reads the whole schema
        // while the officer waits for the write lock.
        if (!q.exec(QStringLiteral("SELECT NOT EXISTS(SELECT 1 FROM %1) AND NOT EXISTS(SELECT 1 FROM %2)")
                        .arg(table, stage)) ||
            !q.next())
            return d->noted(sqlError(QStringLiteral("cache.write"), q));
        const bool bothEmpty = q.value(0).toBool();
        q.finish();
        if (bothEmpty) {
            if (auto s = d->run(q, QStringLiteral("DROP TABLE ") + stage); !s)
                return s;
            continue;
        }
        // The live table's own indexes, made again on the new table under
        // their names (only `cas`, a small table, has one).
        QStringList indexes;
        QStringList names;
        q.prepare(QStringLiteral(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"));
        q.addBindValue(table);
        if (!q.exec())
            return d->noted(sqlError(QStringLiteral("cache.write"), q));
        while (q.next()) {
            names << q.value(0).toString();
            indexes << q.value(1).toString();
        }
        q.finish();
        for (const QString& name : names) {
            if (auto s = d->run(q, QStringLiteral("DROP INDEX \"%1\"").arg(name)); !s)
                return s;
        }
        if (auto s = d->run(q, QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(table, OldPrefix + table));
            !s)
            return s;
        if (auto s = d->run(q, QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(stage, table)); !s)
            return s;
        for (const QString& sql : indexes) {
            if (auto s = d->run(q, sql); !s)
                return s;
        }
    }
    if (auto s = setSyncState(state); !s)
        return s;
    if (auto s = d->commitOpen(); !s)
        return s;
    // The replaced tables, cleared in short steps now that the new data is live.
    for (const QString& table : schema::authorityTables()) {
        if (auto s = d->clearInSteps(OldPrefix + table); !s)
            qCWarning(lcCache) << "replaced table left for the next sync:" << s.error().code;
    }
    return success();
}

Status CacheWriter::clearAuthorityData()
{
    QSqlQuery q(d->cache.connection());
    for (const QString& table : schema::authorityTables()) {
        // Table names come from the fixed schema list, never from outside.
        if (!q.exec(QStringLiteral("DELETE FROM ") + table))
            return d->noted(sqlError(QStringLiteral("cache.write"), q));
    }
    return success();
}

Status CacheWriter::upsertParticipant(const ParticipantPeriod& p)
{
    if (auto s = d->ensureOpen(); !s)
        return s;
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO %1(c, from_date, to_date, st, name, note) "
                                  "VALUES(?, ?, ?, ?, ?, ?)")
                       .arg(d->table("participants")),
                   {p.code, isoDate(p.from), isoDateOrNull(p.to), p.status, p.name, p.note});
}

Status CacheWriter::upsertAuthorityCa(const QByteArray& der, const QString& subjectCountry,
                                      const QDate& revoked)
{
    if (auto s = d->ensureOpen(); !s)
        return s;
    return d->exec(
        QStringLiteral("INSERT OR REPLACE INTO %1(sha256, subject_c, der, revoked) VALUES(?, ?, ?, ?)")
            .arg(d->table("cas")),
        {QCryptographicHash::hash(der, QCryptographicHash::Sha256), subjectCountry, der,
         isoDateOrNull(revoked)});
}

Status CacheWriter::upsertSigner(const QByteArray& der, const QByteArray& kid, const QDate& revoked,
                                 const QString& why)
{
    if (auto s = d->ensureOpen(); !s)
        return s;
    return d->exec(
        QStringLiteral("INSERT OR REPLACE INTO %1(kid, sha256, der, revoked, why) VALUES(?, ?, ?, ?, ?)")
            .arg(d->table("signers")),
        {kid, QCryptographicHash::hash(der, QCryptographicHash::Sha256), der, isoDateOrNull(revoked),
         why.isEmpty() ? QVariant() : QVariant(why)});
}

Status CacheWriter::upsertCertificate(const QString& number, const QString& issuer, const QDate& issued,
                                      const QByteArray& coseBytes)
{
    return upsertCertificateRow({number.toUtf8(), issuer.toUtf8(), isoDate(issued).toUtf8(), coseBytes});
}

Status CacheWriter::upsertCertificateRow(const CertificateRow& row)
{
    if (auto s = d->ensureOpen(); !s)
        return s;
    const auto sql = [this] {
        return QStringLiteral("INSERT OR REPLACE INTO %1(no, iss, di, cose) VALUES(?, ?, ?, ?)")
            .arg(d->table("certs"));
    };
    if (!d->handle) {
        const auto text = [](const QByteArray& utf8) {
            return utf8.isNull() ? QVariant() : QVariant(QString::fromUtf8(utf8));
        };
        return d->exec(sql(), {text(row.number), text(row.issuer), text(row.issued), row.cose});
    }
    sqlite3_stmt*& stmt = d->certStatement;
    if (!stmt) {
        if (const int rc = sqlite3_prepare_v3(d->handle, sql().toUtf8().constData(), -1,
                                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
            rc != SQLITE_OK)
            return d->sqliteError(rc);
    }
    // The bytes stay alive until the step below is done: SQLITE_STATIC.
    const auto bindText = [stmt](int column, const QByteArray& utf8) {
        return utf8.isNull()
                   ? sqlite3_bind_null(stmt, column)
                   : sqlite3_bind_text(stmt, column, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    };
    int rc = bindText(1, row.number);
    if (rc == SQLITE_OK)
        rc = bindText(2, row.issuer);
    if (rc == SQLITE_OK)
        rc = bindText(3, row.issued);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_blob(stmt, 4, row.cose.constData(), int(row.cose.size()), SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE)
        return d->sqliteError(rc);
    return success();
}

Status CacheWriter::upsertRevocation(const RevocationEntry& e)
{
    if (auto s = d->ensureOpen(); !s)
        return s;
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO %1(no, st, at, by, note) VALUES(?, ?, ?, ?, ?)")
                       .arg(d->table("revoked")),
                   {e.number, e.status, e.at, e.by, e.note});
}

Status CacheWriter::upsertRule(const QString& key, const QCborValue& value)
{
    if (auto s = d->ensureOpen(); !s)
        return s;
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO %1(key, val) VALUES(?, ?)").arg(d->table("rules")),
                   {key, value.toCbor()});
}

Status CacheWriter::upsertContact(const ContactEntry& c)
{
    const auto orNull = [](const QString& text) {
        return text.isEmpty() ? QVariant() : QVariant(text);
    };
    if (auto s = d->ensureOpen(); !s)
        return s;
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO %1(c, role, name, email, phone, addr) "
                                  "VALUES(?, ?, ?, ?, ?, ?)")
                       .arg(d->table("contacts")),
                   {c.participant, c.role, c.name, orNull(c.email), orNull(c.phone), orNull(c.address)});
}

Status CacheWriter::upsertDeskCertificate(const DeskCertificateEntry& e)
{
    if (auto s = d->ensureOpen(); !s)
        return s;
    return d->exec(QStringLiteral("INSERT OR REPLACE INTO %1(sha256, desk, revoked) VALUES(?, ?, ?)")
                       .arg(d->table("desks")),
                   {e.sha256, e.deskId, isoDateOrNull(e.revoked)});
}

Status CacheWriter::setSyncState(const SyncState& s)
{
    const QList<QPair<QString, QString>> values{{QStringLiteral("seq"), QString::number(s.seq)},
                                                {QStringLiteral("publisher"), s.publisher},
                                                {QStringLiteral("published_at"), isoTime(s.publishedAt)},
                                                {QStringLiteral("fresh_until"), isoTime(s.freshUntil)},
                                                {QStringLiteral("last_success"), isoTime(s.lastSuccess)},
                                                {QStringLiteral("last_attempt"), isoTime(s.lastSuccess)},
                                                {QStringLiteral("last_error"), QString()}};
    for (const auto& [key, value] : values) {
        if (auto st = d->cache.d->setMeta(key, value); !st)
            return st;
    }
    return success();
}

Status CacheWriter::commit()
{
    if (!d->open)
        return makeError(QStringLiteral("cache.write"), Tr::tr("Nothing to commit."));
    d->finalize();
    QSqlQuery q(d->cache.connection());
    if (!q.exec(QStringLiteral("COMMIT")))
        return d->noted(sqlError(QStringLiteral("cache.write"), q));
    d->open = false;
    return success();
}

} // namespace kp
