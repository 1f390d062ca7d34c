#include "cache/CacheRepair.h"

#include "cache/DeskInUseLock_p.h"

#include "cache/CacheDatabase.h"
#include "cache/CacheDatabase_p.h"
#include "cache/Schema_p.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <atomic>
#include <limits>

#include <unistd.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheRepair)
};

Error repairError(const char* code, const QString& message)
{
    return makeError(QString::fromLatin1(code), message);
}

// An identifier from our own schema (never from outside), quoted for SQL.
QString ident(const QString& name)
{
    QString quoted = name;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QStringList columnsOf(const QSqlDatabase& db, const QString& table, bool* ok)
{
    QSqlQuery q(db);
    QStringList columns;
    *ok = q.exec(QStringLiteral("PRAGMA table_info(") + ident(table) + u')');
    while (*ok && q.next())
        columns << q.value(1).toString();
    *ok = *ok && !q.lastError().isValid();
    return columns;
}

// The damaged file, opened as it is: no pragma, no migration.
class DamagedConnection
{
public:
    explicit DamagedConnection(const QString& path)
    {
        static std::atomic<int> counter{0};
        m_name = QStringLiteral("kpdesk-repair-%1").arg(counter++);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        m_open = db.open();
    }
    ~DamagedConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_open = false;
};

struct TableCopy
{
    QSqlDatabase from;
    QSqlDatabase to;
    QString table;
    QStringList columns; // in both
    bool hasRowid = true;
    RepairReport::Table& report;
    quint64* previousSeq = nullptr; // meta only
    qint64 skipped = 0;             // rows left out on purpose (the sync state)

    bool copyRow(const QSqlQuery& row, int first, QSqlQuery& insert)
    {
        if (previousSeq) {
            const QString key = row.value(first + int(columns.indexOf(QStringLiteral("key")))).toString();
            if (key == QLatin1String("seq"))
                *previousSeq = row.value(first + int(columns.indexOf(QStringLiteral("value")))).toULongLong();
            if (schema::syncStateKeys().contains(key)) {
                ++skipped;
                return true; // the sync state starts again from seq 0
            }
        }
        for (int i = 0; i < first + columns.size(); ++i)
            insert.bindValue(i, row.value(i));
        if (!insert.exec()) {
            qCWarning(lcCache) << "repair: a row of" << table
                               << "could not be written:" << insert.lastError().text();
            return false;
        }
        ++report.kept;
        return true;
    }

    QString columnList() const
    {
        QStringList quoted;
        for (const QString& c : columns)
            quoted << ident(c);
        return quoted.join(QStringLiteral(", "));
    }

    // Where to read on after a damaged page: the smallest start above
    // `after` whose seek ("rowid > start") no longer meets the damage. Probes
    // double until one reads, then halve back. nullopt: nothing more to read.
    std::optional<qint64> nextReadable(qint64 after)
    {
        // A statement whose step failed cannot be reset (Qt then drops it):
        // one statement per probe.
        auto tryFrom = [&](qint64 start) -> int { // 1 a row, 0 none, -1 error
            QSqlQuery probe(from);
            probe.setForwardOnly(true);
            if (!probe.prepare(QStringLiteral("SELECT rowid FROM ") + ident(table) +
                               QStringLiteral(" WHERE rowid > ? ORDER BY rowid LIMIT 1")))
                return -1;
            probe.bindValue(0, start);
            if (!probe.exec())
                return -1;
            const bool row = probe.next();
            return probe.lastError().isValid() ? -1 : (row ? 1 : 0);
        };
        constexpr qint64 Max = std::numeric_limits<qint64>::max();
        // A start known to fail. Rowids of the desk's tables are positive:
        // probing from INT64_MIN would double its way past all of them.
        qint64 lo = std::max<qint64>(after, -1);
        qint64 step = 1;
        while (true) {
            // lo may be -1: Max - lo would overflow, and lo + step cannot.
            const qint64 hi = (lo >= 0 && Max - lo < step) ? Max : lo + step;
            if (tryFrom(hi) >= 0) {
                qint64 good = hi;
                while (good - lo > 1) {
                    const qint64 mid = lo + (good - lo) / 2;
                    if (tryFrom(mid) < 0)
                        lo = mid;
                    else
                        good = mid;
                }
                return tryFrom(good) == 1 ? std::optional<qint64>(good) : std::nullopt;
            }
            if (hi == Max)
                return std::nullopt; // the tree itself is unreadable from here on
            lo = hi;
            step = step > Max / 2 ? Max : step * 2;
        }
    }

    // Copies what can be read; returns how many times reading stopped at a damaged part.
    int run()
    {
        const QString cols = columnList();
        QSqlQuery insert(to);
        const QString placeholders =
            QStringList(QList<QString>(columns.size() + (hasRowid ? 1 : 0), QStringLiteral("?")))
                .join(QStringLiteral(", "));
        insert.prepare(QStringLiteral("INSERT OR REPLACE INTO ") + ident(table) + u'(' +
                       (hasRowid ? QStringLiteral("rowid, ") : QString()) + cols +
                       QStringLiteral(") VALUES(") + placeholders + u')');
        int breaks = 0;
        if (!hasRowid) {
            QSqlQuery q(from);
            q.setForwardOnly(true);
            bool ok = q.exec(QStringLiteral("SELECT ") + cols + QStringLiteral(" FROM ") + ident(table));
            while (ok && q.next())
                copyRow(q, 0, insert);
            if (!ok || q.lastError().isValid())
                ++breaks;
            return breaks;
        }
        qint64 after = std::numeric_limits<qint64>::min();
        while (true) {
            // A fresh statement each time: one whose step failed cannot be reset.
            QSqlQuery q(from);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT rowid, ") + cols + QStringLiteral(" FROM ") + ident(table) +
                      QStringLiteral(" WHERE rowid > ? ORDER BY rowid"));
            q.bindValue(0, after);
            bool ok = q.exec();
            while (ok && q.next()) {
                after = q.value(0).toLongLong();
                copyRow(q, 1, insert);
            }
            if (ok && !q.lastError().isValid())
                return breaks;
            ++breaks;
            qCWarning(lcCache) << "repair: reading" << table << "stopped after rowid" << after << ":"
                               << q.lastError().text();
            q.finish();
            const auto next = nextReadable(after);
            if (!next || breaks > 10000)
                return breaks;
            after = *next; // the smallest start whose seek reads; the rows above it follow
        }
    }
};

bool renameIfExists(const QString& from, const QString& to)
{
    if (!QFile::exists(from))
        return true;
    return ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

} // namespace

bool RepairReport::anyLost() const
{
    for (const Table& t : tables) {
        if (t.lost > 0 || t.lostUnknown)
            return true;
    }
    return false;
}

Result<RepairReport> repairCache(const QString& path, const QDateTime& nowUtc, std::optional<quint64> minSeq)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(QStringLiteral("cache.not-found"),
                         Tr::tr("There is no desk cache at %1.").arg(path));
    RepairReport report;
    report.path = info.absoluteFilePath();
    // Nobody else may have the desk open while its file is swapped: a window
    // would go on writing records into the old file.
    auto alone = DeskInUseLock::acquire(report.path, DeskInUseLock::Mode::Exclusive);
    if (!alone)
        return alone.error();
    const QString fresh = report.path + QStringLiteral(".repairing");
    const QStringList suffixes{QString(), QStringLiteral("-wal"), QStringLiteral("-shm"),
                               QStringLiteral(".inuse")};
    for (const QString& suffix : suffixes)
        QFile::remove(fresh + suffix);
    // A repair that stops before the swap leaves no half-made file behind
    // (removed once its connections are closed: this is destroyed last).
    struct Scratch
    {
        const QString& file;
        const QStringList& parts;
        bool keep = false;
        ~Scratch()
        {
            if (!keep)
                for (const QString& part : parts)
                    QFile::remove(file + part);
        }
    } scratch{fresh, suffixes};

    {
        auto made = CacheDatabase::open(fresh, CacheDatabase::OpenMode::CreateIfMissing);
        if (!made)
            return repairError(
                "repair.create",
                Tr::tr("Cannot make a new desk cache beside %1: %2").arg(path, made.error().message));
        QSqlDatabase to = (*made)->connection();
        DamagedConnection damaged(report.path);

        // The desk's own tables: everything in the new schema that a full
        // bundle does not bring back.
        QStringList tables;
        QSqlQuery list(to);
        if (!list.exec(QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT "
                                      "LIKE 'sqlite_%' ORDER BY rowid")))
            return repairError(
                "repair.create",
                Tr::tr("Cannot read the new desk cache's schema: %1").arg(list.lastError().text()));
        QStringList withoutRowid;
        while (list.next()) {
            const QString name = list.value(0).toString();
            if (schema::authorityTables().contains(name))
                continue;
            tables << name;
            if (list.value(1).toString().contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive))
                withoutRowid << name;
        }
        list.finish();

        QSqlQuery tx(to);
        // Records are evidence: a flag whose inspection was lost is kept too.
        if (!tx.exec(QStringLiteral("PRAGMA foreign_keys=OFF")) ||
            !tx.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return repairError("repair.create",
                               Tr::tr("Cannot write the new desk cache: %1").arg(tx.lastError().text()));
        for (const QString& table : tables) {
            RepairReport::Table& t = report.tables.emplace_back();
            t.name = table;
            bool ok = damaged.isOpen();
            const QStringList oldColumns = ok ? columnsOf(damaged.db(), table, &ok) : QStringList();
            if (!ok || oldColumns.isEmpty()) {
                t.lostUnknown = true; // the table itself cannot be found or read
                continue;
            }
            bool newOk = false;
            QStringList common;
            for (const QString& c : columnsOf(to, table, &newOk)) {
                if (oldColumns.contains(c))
                    common << c;
            }
            TableCopy copy{damaged.db(),
                           to,
                           table,
                           common,
                           !withoutRowid.contains(table),
                           t,
                           table == QLatin1String("meta") ? &report.previousSeq : nullptr};
            const int breaks = copy.run();
            if (breaks == 0)
                continue;
            QSqlQuery count(damaged.db());
            if (count.exec(QStringLiteral("SELECT COUNT(*) FROM ") + ident(table)) && count.next() &&
                !count.lastError().isValid()) {
                t.lost = qMax<qint64>(0, count.value(0).toLongLong() - t.kept - copy.skipped);
                t.lostUnknown = t.lost == 0;
            } else {
                t.lostUnknown = true;
            }
        }
        // Settings rows that could not be read may have held the seq: the
        // repair cannot tell an old bundle from a new one, so it never
        // guesses 0 (an older bundle would apply again and turn a release
        // or a revocation back).
        const auto meta = std::find_if(report.tables.cbegin(), report.tables.cend(),
                                       [](const RepairReport::Table& t) { return t.name == u"meta"; });
        const bool seqUnknown =
            report.previousSeq == 0 && (meta == report.tables.cend() || meta->lost > 0 || meta->lostUnknown);
        if (seqUnknown && !minSeq) {
            tx.exec(QStringLiteral("ROLLBACK"));
            return repairError(
                "repair.seq-unknown",
                Tr::tr("The desk's last sync number cannot be read from %1, so a repair could let an older "
                       "bundle undo a revocation or a release. Nothing was changed. Ask the authority for "
                       "the number of its newest bundle (the seq of its index), then repair with it: "
                       "kpdesk-cli repair --db %1 --min-seq NUMBER")
                    .arg(report.path));
        }
        if (minSeq)
            report.previousSeq = std::max(report.previousSeq, *minSeq);
        if (report.previousSeq > 0) {
            QSqlQuery mark(to);
            mark.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
            mark.bindValue(0, QStringLiteral("repaired_from_seq"));
            mark.bindValue(1, QString::number(report.previousSeq));
            // Without this mark an old bundle could roll the desk back.
            if (!mark.exec()) {
                const QString why = mark.lastError().text();
                tx.exec(QStringLiteral("ROLLBACK"));
                return repairError("repair.copy", Tr::tr("Cannot write the new desk cache: %1").arg(why));
            }
        }
        if (!tx.exec(QStringLiteral("COMMIT"))) {
            const QString why = tx.lastError().text();
            tx.exec(QStringLiteral("ROLLBACK"));
            return repairError("repair.copy", Tr::tr("Cannot write the new desk cache: %1").arg(why));
        }
        // One file to move: no -wal beside the new cache when it is closed.
        tx.exec(QStringLiteral("PRAGMA journal_mode=DELETE"));
        tx.finish();
    }

    scratch.keep = true; // from here on, a failed swap says where the new file is
    // Keep the damaged file (never deleted), then put the new one in its
    // place in one rename: a desk starting meanwhile sees the old or the new.
    const QString base = report.path + QStringLiteral(".damaged-") +
                         nowUtc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString damaged = base;
    for (int n = 2; QFile::exists(damaged); ++n)
        damaged = base + QStringLiteral("-%1").arg(n);
    const QByteArray from = QFile::encodeName(report.path);
    const QByteArray kept = QFile::encodeName(damaged);
    const bool linked = ::link(from.constData(), kept.constData()) == 0;
    if (!linked && ::rename(from.constData(), kept.constData()) != 0)
        return repairError("repair.swap", Tr::tr("Cannot keep the damaged file as %1.").arg(damaged));
    // The old -wal must never be replayed onto the new file.
    if (!renameIfExists(report.path + QStringLiteral("-wal"), damaged + QStringLiteral("-wal")) ||
        !renameIfExists(report.path + QStringLiteral("-shm"), damaged + QStringLiteral("-shm")))
        return repairError("repair.swap",
                           Tr::tr("Cannot move the damaged file's journal beside %1.").arg(damaged));
    if (::rename(QFile::encodeName(fresh).constData(), from.constData()) != 0)
        return repairError(
            "repair.swap",
            Tr::tr("Cannot put the repaired cache in place of %1; it is in %2.").arg(report.path, fresh));
    report.damagedCopy = damaged;
    qCInfo(lcCache) << "cache repaired; damaged file kept as" << damaged;
    return report;
}

} // namespace kp
