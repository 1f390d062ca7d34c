#pragma once

// Desks for the office's tests: a desk file with its door, and cases written
// as the door writes them, many in one transaction.

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QUuid>

#include <memory>

namespace kp::test {

inline const QString Password = QStringLiteral("correct horse battery");

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A desk: its file, store, door and accounts (olga officer, sam supervisor).
struct Desk
{
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<SqliteRecordsStore> store;
    FixedClock clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<DeskRecords> door;
    QString path;

    QString id() { return door->settings()->deskId; }
};

inline std::unique_ptr<Desk> makeDesk(const QString& path, const QString& name, qint64 clockOffsetSecs = 0)
{
    auto d = std::make_unique<Desk>();
    d->path = path;
    auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
    if (!db)
        return nullptr;
    d->db = std::move(*db);
    d->store = std::make_unique<SqliteRecordsStore>(*d->db);
    d->clock.set(QDateTime::currentDateTimeUtc().addSecs(clockOffsetSecs));
    d->door = std::make_unique<DeskRecords>(*d->store, d->clock);
    const Session cli = Session::forCommandLine(QStringLiteral("root"));
    auto s = d->door->settings();
    if (!s)
        return nullptr;
    DeskSettings settings = *s;
    settings.deskName = name;
    if (!d->door->changeSettings(cli, settings))
        return nullptr;
    return d;
}

// n cases written as the door writes them (inspection, case, `flagged`, index), in one transaction.
inline bool writeCases(Desk& desk, int n)
{
    const QString deskId = desk.id();
    if (!desk.store->begin())
        return false;
    for (int i = 0; i < n; ++i) {
        InspectionRecord r;
        r.id = newId();
        r.at = desk.clock.nowUtc();
        r.officer = QStringLiteral("olga");
        r.number = QStringLiteral("BW-2026-%1").arg(i, 6, 10, QLatin1Char('0'));
        r.participant = QStringLiteral("BW");
        r.verdict = r.finalVerdict = Verdict::Doubt;
        CaseRecord c{newId(), r.id, r.at, deskId, QString()};
        CaseEvent e;
        e.id = newId();
        e.caseId = c.id;
        e.seq = 1;
        e.at = r.at;
        e.actor = QStringLiteral("olga");
        e.kind = CaseEventKind::Flagged;
        e.data = {{QStringLiteral("reasons"), QJsonArray{QStringLiteral("seal broken")}},
                  {QStringLiteral("held"), true}};
        auto facts = CaseLife::replay({e});
        if (!desk.store->insertInspection(r) || !desk.store->insertCase(c) || !desk.store->appendEvent(e) ||
            !facts || !desk.store->indexCase({c, *facts, r.number, r.participant, 1})) {
            desk.store->rollback();
            return false;
        }
    }
    return desk.store->commit().ok();
}

inline qint64 localCount(Desk& desk, const QString& sql)
{
    QSqlQuery q(desk.db->connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace kp::test
