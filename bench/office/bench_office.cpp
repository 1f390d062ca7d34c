// The office's figures (docs/performance.md, issue 12):
//   bench_office [--desks 20] [--events 5000]
//       N desk processes (enrolled by one authority, signing what they push)
//       each appending EVENTS case events while replicating (push and pull
//       after every 100), against a PostgreSQL started here on loopback: time
//       until the office holds them all, events per second; then each desk's
//       next round, and the time until every desk holds every other desk's events.
//   bench_office --queue [--inspections 1000000] [--cases 50000]
//       a desk file that large: the queue's first page and counts, as the
//       window's CaseQueue::refresh reads them, median of 21 opens.
//   bench_office --verdict [--desks 8] [--events 3000] [--runs 400]
//       a desk's text-to-verdict time (bench/verify's pipeline: the Verifier on
//       a demo desk, its genuine KP1 text), and that verdict recorded through
//       the desk's door, while DESKS desk processes keep the office busy: in
//       blocks of 25 alternating without and with the desk's own replication
//       (OfficeWorker in its thread, a round every 250 ms); medians and p99.
#include "OfficeDesks.h"
#include "Postgres.h"

#include "authority/DemoDesk.h"
#include "office/OfficeDatabase.h"
#include "office/OfficeLink.h"
#include "office/OfficeWorker.h"
#include "office/Replicator.h"
#include "verify/Verifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>

using namespace kp;
using namespace kp::test;

namespace {

// The desks' one authority, made by the parent and read by every desk process
// (each process would otherwise make its own CA, and no desk would believe another).
bool saveAuthority(const QString& dir)
{
    const TestAuthority& a = TestAuthority::instance();
    QFile key(QDir(dir).filePath(QStringLiteral("authority-key.pem")));
    QFile ca(QDir(dir).filePath(QStringLiteral("authority-ca.der")));
    return !a.ca.der().isEmpty() && key.open(QIODevice::WriteOnly) && key.write(a.key.toPem()) > 0 &&
           ca.open(QIODevice::WriteOnly) && ca.write(a.ca.der()) > 0;
}

std::optional<TestAuthority> loadAuthority(const QString& dir)
{
    QFile key(QDir(dir).filePath(QStringLiteral("authority-key.pem")));
    QFile ca(QDir(dir).filePath(QStringLiteral("authority-ca.der")));
    if (!key.open(QIODevice::ReadOnly) || !ca.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto k = PrivateKey::fromPem(key.readAll());
    auto c = Certificate::fromDer(ca.readAll());
    if (!k || !c)
        return std::nullopt;
    return TestAuthority{*k, *c};
}

// One desk, enrolled with the parent's authority and signing what it pushes as
// the window does: cases, then events in transactions of 100, each followed by a sync.
int runDesk(const QString& path, const QString& url, int events)
{
    const auto authority = loadAuthority(QFileInfo(path).absolutePath());
    const QString name = QFileInfo(path).baseName();
    auto desk = makeDesk(path, name, 0, false);
    if (!authority || !desk ||
        !enrolDesk(*desk->db, QStringLiteral("EU-OFF-") + name.toUpper(), *authority) ||
        !writeCases(*desk, 50))
        return 2;
    auto office = OfficeDatabase::connect(*OfficeUrl::parse(url));
    if (!office)
        return 3;
    Replicator replicator(*desk->db, **office);
    replicator.setSigner(signerOf(*desk->db));
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

// After every desk has pushed its last: a desk pulls what it lacks, as its
// next round would (the last pushes came after its last pull).
int catchUp(const QString& path, const QString& url)
{
    auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
    auto office = OfficeDatabase::connect(*OfficeUrl::parse(url));
    if (!db || !office)
        return 3;
    Replicator replicator(**db, **office);
    replicator.setSigner(signerOf(**db));
    auto pulled = replicator.sync();
    if (!pulled)
        std::fprintf(stderr, "%s\n", qPrintable(pulled.error().message));
    return pulled ? 0 : 7;
}

// N desk processes replicating against the office at `url` (runDesk each).
// `events` 0: catchUp instead.
QList<QProcess*> startDesks(const QTemporaryDir& dir, const QString& url, int desks, int events)
{
    QList<QProcess*> children;
    for (int i = 0; i < desks; ++i) {
        auto* p = new QProcess;
        p->setProcessChannelMode(QProcess::ForwardedChannels);
        p->start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("--child"), dir.filePath(QStringLiteral("desk%1.sqlite").arg(i)), url,
                  QString::number(events)});
        children << p;
    }
    return children;
}

int waitFor(QList<QProcess*> children)
{
    int failed = 0;
    for (QProcess* p : children) {
        p->waitForFinished(-1);
        failed += p->exitCode() != 0;
        delete p;
    }
    return failed;
}

int replication(int desks, int events)
{
    Postgres pg;
    if (!pg.initialized() || !pg.start() || !pg.exec({QStringLiteral("CREATE DATABASE kpoffice")}))
        return 2;
    if (!OfficeDatabase::connect(*OfficeUrl::parse(pg.url())))
        return 2;
    QTemporaryDir dir;
    if (!saveAuthority(dir.path()))
        return 2;
    QElapsedTimer t;
    t.start();
    int failed = waitFor(startDesks(dir, pg.url(), desks, events));
    const double seconds = t.elapsed() / 1000.0;
    const qint64 held = pg.number(QStringLiteral("SELECT count(*) FROM case_events WHERE kind = 'note'"));
    failed += waitFor(startDesks(dir, pg.url(), desks, 0));
    const double everywhere = t.elapsed() / 1000.0;
    // What the desks took in from the others (and set aside: none expected).
    qint64 applied = 0, setAside = 0;
    for (int i = 0; i < desks; ++i) {
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("desk%1.sqlite").arg(i)),
                                      CacheDatabase::OpenMode::MustExist);
        QSqlQuery q(db ? (*db)->connection() : QSqlDatabase());
        if (db &&
            q.exec(QStringLiteral(
                "SELECT (SELECT count(*) FROM case_events WHERE origin IS NOT NULL AND kind = 'note'), "
                "(SELECT count(*) FROM office_set_aside)")) &&
            q.next()) {
            applied += q.value(0).toLongLong();
            setAside += q.value(1).toLongLong();
        }
    }
    const qint64 all = qint64(desks) * events;
    std::printf(
        "%d desks x %d events: %.1f s until the office held %lld of %lld events, %.0f events/s; "
        "%.1f s until every desk held every other desk's (%lld of %lld applied, %lld rows set aside); "
        "%d desk processes failed\n",
        desks, events, seconds, held, all, double(held) / seconds, everywhere, applied, all * (desks - 1),
        setAside, failed);
    return failed == 0 && held == all && applied == all * (desks - 1) && setAside == 0 ? 0 : 1;
}

struct Spread
{
    double median = 0;
    double p99 = 0;
};

Spread spread(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return ms.isEmpty() ? Spread{}
                        : Spread{ms.at(ms.size() / 2), ms.at(std::min(ms.size() - 1, ms.size() * 99 / 100))};
}

int verdictTime(int desks, int events, int runs)
{
    Postgres pg;
    if (!pg.initialized() || !pg.start() || !pg.exec({QStringLiteral("CREATE DATABASE kpoffice")}))
        return 2;
    const auto url = OfficeUrl::parse(pg.url());
    if (!url || !OfficeDatabase::connect(*url))
        return 2;
    QTemporaryDir dir;
    SystemClock clock;
    auto demo = buildDemoDesk(dir.filePath(QStringLiteral("demo")), clock);
    if (!demo) {
        std::fprintf(stderr, "demo desk: %s\n", qPrintable(demo.error().message));
        return 2;
    }
    auto db = CacheDatabase::open(demo->dbPath, CacheDatabase::OpenMode::MustExist);
    if (!db || !OfficeLink::save(**db, *url))
        return 2;
    const Verifier verifier(**db, clock);
    SqliteRecordsStore store(**db);
    DeskRecords door(store, clock);
    const Session root = Session::forCommandLine(QStringLiteral("root"));
    if (!door.addAccount(root, QStringLiteral("olga"), Role::Officer, Password))
        return 2;
    auto olga = door.signIn(QStringLiteral("olga"), Password);
    if (!olga)
        return 2;
    const QString text = demo->samples.first().text; // genuine, ES256
    if (!saveAuthority(dir.path()))
        return 2;
    // Enrolled by the desks' authority, as an office's desks are: what it
    // pulls is checked and applied (signatures and all), not set aside as
    // written by desks of an authority it does not know.
    if (!enrolDesk(**db, QStringLiteral("EU-OFF-VERDICT"), TestAuthority::instance(), true)) {
        std::fprintf(stderr, "the verdict's desk could not be enrolled\n");
        return 2;
    }

    QList<QProcess*> children = startDesks(dir, pg.url(), desks, events);
    QThread thread;
    auto* worker = new OfficeWorker(demo->dbPath, 250);
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    std::atomic<qint64> rounds = 0, pulled = 0, failed = 0, setAside = 0;
    QObject::connect(worker, &OfficeWorker::stateChanged, worker, [&](const OfficeState& s) {
        ++rounds;
        pulled += s.pulled;
        setAside = s.setAside;
        failed += s.connected ? 0 : 1;
    });
    thread.start();

    QList<double> verify[2], record[2]; // [replicating]
    QString verdict;
    bool busy = true;
    for (int block = 0; verify[0].size() < runs || verify[1].size() < runs; ++block) {
        const bool replicating = block % 2 == 1;
        // Blocking: a round under way ends before the block without replication starts.
        QMetaObject::invokeMethod(worker, replicating ? "start" : "stop", Qt::BlockingQueuedConnection);
        for (int i = 0; i < 25; ++i) {
            QElapsedTimer t;
            t.start();
            const Inspection insp = verifier.verify(ScanInput{text, {}, {}});
            verify[replicating] << t.nsecsElapsed() / 1e6;
            verdict = verdictName(insp.verdict);
            t.restart();
            if (!door.recordVerification(*olga, insp))
                return 1;
            record[replicating] << t.nsecsElapsed() / 1e6;
            QThread::msleep(20); // an officer does not verify back to back
        }
        for (QProcess* p : children)
            busy = busy && p->state() != QProcess::NotRunning;
    }
    QMetaObject::invokeMethod(worker, "stop", Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    const int childFailed = waitFor(children);
    std::printf(
        "%d desk processes x %d events busy at the office%s; this desk's replication: %lld rounds, "
        "%lld cases and events pulled (%lld rows of the office set aside), %lld rounds failed; verdict: "
        "%s\n",
        desks, events, busy ? " throughout" : " (some finished before the end)", qint64(rounds),
        qint64(pulled), qint64(setAside), qint64(failed), qPrintable(verdict));
    for (const bool replicating : {false, true}) {
        const Spread v = spread(verify[replicating]), r = spread(record[replicating]);
        std::printf("%s replication (%lld runs): text to verdict median %.3f ms, p99 %.3f ms; "
                    "verify and record median %.2f ms, p99 %.2f ms\n",
                    replicating ? "with   " : "without", qint64(verify[replicating].size()), v.median, v.p99,
                    r.median, r.p99);
    }
    return childFailed == 0 && failed == 0 ? 0 : 1;
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
    // The demo desk (--verdict) draws its samples' codes: Qt Gui, off screen.
    std::unique_ptr<QCoreApplication> app;
    if (std::find_if(argv, argv + argc, [](const char* a) { return qstrcmp(a, "--verdict") == 0; }) !=
        argv + argc) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
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
    parser.addOption({QStringLiteral("verdict"),
                      QStringLiteral("measure a desk's verdict time with and without its replication")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("verdicts measured each way"),
                      QStringLiteral("N"), QStringLiteral("400")});
    parser.addOption({QStringLiteral("child"), QStringLiteral("(internal) one desk")});
    parser.addPositionalArgument(QStringLiteral("args"), QStringLiteral("(internal)"));
    parser.process(*app);
    if (parser.isSet(QStringLiteral("child"))) {
        const QStringList a = parser.positionalArguments();
        if (a.size() != 3)
            return 2;
        return a.at(2).toInt() > 0 ? runDesk(a.at(0), a.at(1), a.at(2).toInt()) : catchUp(a.at(0), a.at(1));
    }
    if (parser.isSet(QStringLiteral("verdict")))
        return verdictTime(
            parser.isSet(QStringLiteral("desks")) ? parser.value(QStringLiteral("desks")).toInt() : 8,
            parser.isSet(QStringLiteral("events")) ? parser.value(QStringLiteral("events")).toInt() : 3000,
            parser.value(QStringLiteral("runs")).toInt());
    if (parser.isSet(QStringLiteral("queue")))
        return queue(parser.value(QStringLiteral("inspections")).toInt(),
                     parser.value(QStringLiteral("cases")).toInt());
    return replication(parser.value(QStringLiteral("desks")).toInt(),
                       parser.value(QStringLiteral("events")).toInt());
}
