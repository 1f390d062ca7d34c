// The supervisors' queue on a big desk: 50,000 cases and 1,000,000
// inspections in the desk's SQLite file (target: the queue opens in under
// 100 ms), and sign-in through the records door (target: under 300 ms).
// Then the search of past inspections (ui/InspectionSearch: a page of 500
// through queryInspections; target: under 50 ms, so it may run on the GUI thread).
// Usage: bench_records [--cases N] [--inspections N] [--db FILE] [--no-analyze]
// (the file is kept when --db is given, and reused when it already has cases;
// --no-analyze leaves a new file without SQLite's statistics, as a desk has them).
#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/InspectionQuery.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kp;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void fill(CacheDatabase& db, int cases, int inspections, bool analyze)
{
    QSqlDatabase c = db.connection();
    c.transaction();
    const QDateTime start(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    const QStringList officers{QStringLiteral("olga"), QStringLiteral("kagiso"), QStringLiteral("anna"),
                               QStringLiteral("piet"), QStringLiteral("marie")};
    const QStringList verdicts{QStringLiteral("accept"), QStringLiteral("doubt"), QStringLiteral("reject")};
    const QStringList participants{QStringLiteral("BW"), QStringLiteral("NA"), QStringLiteral("CA"),
                                   QStringLiteral("AO"), QStringLiteral("ZA")};
    QSqlQuery ins(c);
    ins.prepare(
        QStringLiteral("INSERT INTO inspections(uuid, at, officer, officer_id, no, participant, verdict, "
                       "final_verdict, inspection_json) VALUES(?, ?, ?, ?, ?, ?, ?, ?, '{}')"));
    std::vector<QString> ids;
    ids.reserve(size_t(cases));
    for (int i = 0; i < inspections; ++i) {
        const QString id = uuid();
        const QString p = participants[i % participants.size()];
        ins.addBindValue(id);
        ins.addBindValue(start.addSecs(qint64(i) * 60).toString(Qt::ISODateWithMs));
        ins.addBindValue(officers[i % officers.size()]);
        ins.addBindValue(QString());
        ins.addBindValue(QStringLiteral("%1-2026-%2").arg(p).arg(i, 7, 10, QLatin1Char('0')));
        ins.addBindValue(p);
        ins.addBindValue(verdicts[i % 3]);
        ins.addBindValue(verdicts[i % 3]);
        ins.exec();
        if (i % (inspections / cases) == 0 && int(ids.size()) < cases)
            ids.push_back(id);
    }
    const QStringList states{QStringLiteral("open"), QStringLiteral("in_review"), QStringLiteral("decided"),
                             QStringLiteral("closed")};
    QSqlQuery cs(c);
    cs.prepare(
        QStringLiteral("INSERT INTO cases(id, inspection_id, opened_at, desk, state, held, flagged_by, "
                       "number, participant, reasons, updated_at, events) "
                       "VALUES(?, ?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < int(ids.size()); ++i) {
        const QString at = start.addSecs(qint64(i) * 1200).toString(Qt::ISODateWithMs);
        cs.addBindValue(uuid());
        cs.addBindValue(ids[size_t(i)]);
        cs.addBindValue(at);
        cs.addBindValue(states[i % states.size()]);
        cs.addBindValue(i % 7 == 0 ? 1 : 0);
        cs.addBindValue(officers[i % officers.size()]);
        cs.addBindValue(QStringLiteral("BW-2026-%1").arg(i));
        cs.addBindValue(participants[i % participants.size()]);
        cs.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray{i % 3 ? QStringLiteral("value far too low")
                                                                         : QStringLiteral("seal broken")})
                                              .toJson(QJsonDocument::Compact)));
        cs.addBindValue(at);
        cs.addBindValue(1 + i % 5);
        cs.exec();
    }
    c.commit();
    if (analyze)
        QSqlQuery(c).exec(QStringLiteral("ANALYZE"));
}

template <typename F>
void time(const char* label, int runs, F&& f)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const qsizetype n = f();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (i == 0)
            std::printf("  %-48s rows %lld\n", label, qlonglong(n));
    }
    std::sort(ms.begin(), ms.end());
    std::printf("  %-48s median %8.2f ms  min %8.2f  max %8.2f\n", label, ms[ms.size() / 2], ms.front(),
                ms.back());
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto arg = [&](const char* name, int def) {
        const int i = int(args.indexOf(QString::fromLatin1(name)));
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : def;
    };
    const int cases = arg("--cases", 50000);
    const int inspections = std::max(arg("--inspections", 1000000), cases);
    QTemporaryDir dir;
    const int dbi = int(args.indexOf(QStringLiteral("--db")));
    const QString path =
        dbi >= 0 && dbi + 1 < args.size() ? args[dbi + 1] : dir.filePath(QStringLiteral("bench.sqlite"));
    auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    SqliteRecordsStore store(**db);
    if (store.caseCounts()->value(CaseState::Open) == 0) {
        QElapsedTimer t;
        t.start();
        fill(**db, cases, inspections, !args.contains(QStringLiteral("--no-analyze")));
        std::printf("filled %d cases, %d inspections in %.1f s\n", cases, inspections,
                    double(t.elapsed()) / 1000);
    }
    std::printf("queue (%s):\n", qPrintable(path));
    time("first page, held first then oldest (500)", 9, [&] { return store.cases({})->size(); });
    time("counts per state", 9, [&] { return store.caseCounts()->size(); });
    time("page + counts (what the queue opens with)", 9,
         [&] { return store.cases({})->size() + store.caseCounts()->size(); });
    CaseFilter open;
    open.state = CaseState::Open;
    time("state = open", 9, [&] { return store.cases(open)->size(); });
    CaseFilter officer;
    officer.officer = QStringLiteral("anna");
    time("flagged by anna", 9, [&] { return store.cases(officer)->size(); });
    CaseFilter reason;
    reason.reason = QStringLiteral("seal");
    time("reason contains 'seal'", 9, [&] { return store.cases(reason)->size(); });
    CaseFilter range;
    range.from = QDateTime(QDate(2024, 6, 1), QTime(0, 0), Qt::UTC);
    range.to = range.from.addDays(7);
    time("opened in one week", 9, [&] { return store.cases(range)->size(); });
    CaseFilter participant;
    participant.participant = QStringLiteral("NA");
    participant.state = CaseState::Decided;
    time("participant NA, decided", 9, [&] { return store.cases(participant)->size(); });
    InspectionFilter byNumber;
    byNumber.number = QStringLiteral("NA-2026-0500001");
    time("inspection by number", 9, [&] { return store.findInspections(byNumber)->size(); });
    InspectionFilter day;
    day.from = QDateTime(QDate(2024, 6, 1), QTime(0, 0), Qt::UTC);
    day.to = day.from.addDays(1);
    day.verdict = Verdict::Doubt;
    time("inspections of one day, doubt", 9, [&] { return store.findInspections(day)->size(); });

    // The search: the newest inspection is `inspections` minutes after 2024-01-01.
    std::printf("inspection search (pages of 500):\n");
    const QDateTime newest =
        QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(qint64(inspections - 1) * 60);
    const auto search = [&](const char* label, InspectionFilter f) {
        time(label, 9, [&] {
            const auto page = queryInspections(store, f);
            if (!page) {
                std::fprintf(stderr, "%s\n", qPrintable(page.error().message));
                return qsizetype(-1);
            }
            return page->rows.size() + (page->more ? 1 : 0); // 501: "more than 500"
        });
    };
    InspectionFilter last30;
    last30.from = newest.addDays(-30);
    last30.to = newest.addDays(1);
    search("default: last 30 days, no filter", last30);
    InspectionFilter typed;
    typed.number = QStringLiteral(" na-2026-0500001 ");
    search("number as typed (lower case, spaces)", typed);
    InspectionFilter officer30 = last30;
    officer30.officer = QStringLiteral("ANNA");
    search("officer ignoring case, last 30 days", officer30);
    InspectionFilter officerAll;
    officerAll.officer = QStringLiteral("Anna");
    search("officer ignoring case, all time", officerAll);
    InspectionFilter participantAll;
    participantAll.participant = QStringLiteral("na");
    search("participant, all time", participantAll);
    InspectionFilter verdictAll;
    verdictAll.verdict = Verdict::Doubt;
    search("final verdict doubt, all time", verdictAll);
    InspectionFilter both = participantAll;
    both.verdict = Verdict::Doubt;
    search("participant and verdict, all time", both);
    InspectionFilter none;
    none.participant = QStringLiteral("ZZ");
    search("participant with no inspection", none);
    InspectionFilter everything = officer30;
    everything.participant = QStringLiteral("CA");
    everything.verdict = Verdict::Reject;
    search("officer, participant, verdict, 30 days", everything);
    // The worst case: two filters each matching 200,000 rows and never together
    // (in this data anna only ever saw CA): one index is walked to its end.
    InspectionFilter disjoint;
    disjoint.officer = QStringLiteral("anna");
    disjoint.participant = QStringLiteral("BW");
    search("worst: officer and participant never together", disjoint);
    disjoint.from = last30.from;
    disjoint.to = last30.to;
    search("the same within the last 30 days", disjoint);

    SystemClock clock;
    DeskRecords door(store, clock);
    const QString password = QStringLiteral("correct horse battery");
    if (!store.account(QStringLiteral("bench"))->has_value())
        (void)door.addAccount(Session::forCommandLine(QStringLiteral("bench")), QStringLiteral("bench"),
                              Role::Officer, password);
    std::printf("sign-in:\n");
    time("sign-in (scrypt default, lockout, trail entry)", 15,
         [&] { return qsizetype(door.signIn(QStringLiteral("bench"), password).ok()); });
    return 0;
}
