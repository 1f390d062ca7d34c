// The office's figures (docs/performance.md, issue 12):
//   bench_office [--desks 20] [--events 5000]
//       N desk processes each appending EVENTS case events while replicating
//       (push and pull after every 100), against a PostgreSQL started here on
//       loopback: time until the office holds them all, events per second.
//   bench_office --queue [--inspections 1000000] [--cases 50000]
//       a desk file that large: the queue's first page and counts, as the
//       window's CaseQueue::refresh reads them, median of 21 opens.
#include "OfficeDesks.h"
#include "Postgres.h"

#include "office/OfficeDatabase.h"
#include "office/Replicator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace kp;
using namespace kp::test;

namespace {

// One desk: cases, then events in transactions of 100, each followed by a sync.
int runDesk(const QString& path, const QString& url, int events)
{
    auto desk = makeDesk(path, QFileInfo(path).baseName());
    if (!desk || !writeCases(*desk, 50))
        return 2;
    auto office = OfficeDatabase::connect(*OfficeUrl::parse(url));
    if (!office)
        return 3;
    Replicator replicator(*desk->db, **office);
    QStringList cases;
    QSqlQuery q(desk->db->connection());
    q.exec(QStringLiteral("SELECT id FROM cases"));
    while (q.next())
        cases << q.value(0).toString();
    QMap<QString, int> seq;
    for (const QString& c : cases)
        seq[c] = 1;
    for (int done = 0; done < events;) {
        if (!desk->store->begin())
            return 4;
        for (int i = 0; i < 100 && done < events; ++i, ++done) {
            CaseEvent e;
            e.id = newId();
            e.caseId = cases.at(done % cases.size());
            e.seq = ++seq[e.caseId];
            e.at = QDateTime::currentDateTimeUtc();
            e.actor = QStringLiteral("olga");
            e.kind = CaseEventKind::Note;
            e.data = {{QStringLiteral("text"), QStringLiteral("note %1").arg(done)}};
            if (!desk->store->appendEvent(e))
                return 5;
        }
        if (!desk->store->commit())
            return 6;
        if (auto s = replicator.sync(); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 7;
        }
    }
    return replicator.push().ok() && replicator.checkOfficeHoldsDesk().ok() ? 0 : 8;
}

int replication(int desks, int events)
{
    Postgres pg;
    if (!pg.initialized() || !pg.start() || !pg.exec({QStringLiteral("CREATE DATABASE kpoffice")}))
        return 2;
    if (!OfficeDatabase::connect(*OfficeUrl::parse(pg.url())))
        return 2;
    QTemporaryDir dir;
    QList<QProcess*> children;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < desks; ++i) {
        auto* p = new QProcess;
        p->setProcessChannelMode(QProcess::ForwardedChannels);
        p->start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("--child"), dir.filePath(QStringLiteral("desk%1.sqlite").arg(i)), pg.url(),
                  QString::number(events)});
        children << p;
    }
    int failed = 0;
    for (QProcess* p : children) {
        p->waitForFinished(-1);
        failed += p->exitCode() != 0;
        delete p;
    }
    const double seconds = t.elapsed() / 1000.0;
    const qint64 held = pg.number(QStringLiteral("SELECT count(*) FROM case_events WHERE kind = 'note'"));
    std::printf("%d desks x %d events: %.1f s until the office held %lld of %lld events (%d desks failed); "
                "%.0f events/s\n",
                desks, events, seconds, held, qint64(desks) * events, failed, double(held) / seconds);
    return failed == 0 && held == qint64(desks) * events ? 0 : 1;
}

int queue(int inspections, int cases)
{
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench_office-XXXXXX"));
    auto desk = makeDesk(dir.filePath(QStringLiteral("desk.sqlite")), QStringLiteral("Gate Q"));
    if (!desk)
        return 2;
    QElapsedTimer make;
    make.start();
    if (!writeCases(*desk, cases))
        return 2;
    // The other inspections, without cases, in transactions of 50 000.
    for (int done = cases; done < inspections;) {
        if (!desk->store->begin())
            return 2;
        for (int i = 0; i < 50000 && done < inspections; ++i, ++done) {
            InspectionRecord r;
            r.id = newId();
            r.at = QDateTime::currentDateTimeUtc().addSecs(-done);
            r.officer = QStringLiteral("olga");
            r.number = QStringLiteral("BW-2026-%1").arg(done, 7, 10, QLatin1Char('0'));
            r.participant = QStringLiteral("BW");
            if (!desk->store->insertInspection(r))
                return 2;
        }
        if (!desk->store->commit())
            return 2;
    }
    std::printf("made %d inspections and %d cases in %.1f s\n", inspections, cases, make.elapsed() / 1000.0);
    const QString path = desk->path;
    desk.reset();
    QList<double> ms;
    for (int run = 0; run < 21; ++run) {
        QElapsedTimer t;
        t.start();
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        SqliteRecordsStore store(**db);
        auto page = store.cases(CaseFilter{});
        auto counts = store.caseCounts();
        if (!page || !counts || page->size() != std::min(500, cases))
            return 1;
        ms << t.nsecsElapsed() / 1e6;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("queue opened (file, first page of 500, counts per state): median %.1f ms, worst %.1f ms\n",
                ms.at(ms.size() / 2), ms.last());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("desks"), QStringLiteral("desk processes"), QStringLiteral("N"),
                      QStringLiteral("20")});
    parser.addOption({QStringLiteral("events"), QStringLiteral("events per desk"), QStringLiteral("N"),
                      QStringLiteral("5000")});
    parser.addOption({QStringLiteral("queue"), QStringLiteral("measure the queue on a large desk instead")});
    parser.addOption({QStringLiteral("inspections"), QStringLiteral("inspections"), QStringLiteral("N"),
                      QStringLiteral("1000000")});
    parser.addOption(
        {QStringLiteral("cases"), QStringLiteral("cases"), QStringLiteral("N"), QStringLiteral("50000")});
    parser.addOption({QStringLiteral("child"), QStringLiteral("(internal) one desk")});
    parser.addPositionalArgument(QStringLiteral("args"), QStringLiteral("(internal)"));
    parser.process(app);
    if (parser.isSet(QStringLiteral("child"))) {
        const QStringList a = parser.positionalArguments();
        return a.size() == 3 ? runDesk(a.at(0), a.at(1), a.at(2).toInt()) : 2;
    }
    if (parser.isSet(QStringLiteral("queue")))
        return queue(parser.value(QStringLiteral("inspections")).toInt(),
                     parser.value(QStringLiteral("cases")).toInt());
    return replication(parser.value(QStringLiteral("desks")).toInt(),
                       parser.value(QStringLiteral("events")).toInt());
}
