// The office (issue 12): desks replicating with a REAL PostgreSQL started on
// loopback by the test (tests/support/Postgres.h). Faults: the server down
// at start, stopped and killed (-9) mid-push, a push repeated after the
// office committed it, two desk processes pushing at once, a desk offline
// with 2 000 cases, a desk's clock a day wrong, two decisions at once. In
// every case the office ends equal to the union of the desks. And a push in
// multi-row statements keeps the queue's order (issue 22).
#include "Nginx.h"
#include "OfficeFixture.h"

#include "cache/CacheDatabase.h"
#include "crypto/Sha256.h"
#include "office/OfficeDatabase.h"
#include "office/OfficeLink.h"
#include "office/Replicator.h"
#include "office/SetAside.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>

using namespace kp;
using namespace kp::test;

class TestOffice : public OfficeFixture
{
    Q_OBJECT

    // A fresh office database for each test function.
    QString freshOffice() { return freshDatabase(QStringLiteral("office")); }

    // The office equals the union of the desks: every row once, nothing else.
    void checkUnion(const QList<Desk*>& desks)
    {
        qint64 cases = 0, events = 0, inspections = 0, audit = 0;
        for (Desk* d : desks) {
            cases += localCount(*d, QStringLiteral("SELECT count(*) FROM cases WHERE desk_name IS NULL"));
            events += localCount(*d, QStringLiteral("SELECT count(*) FROM case_events WHERE origin IS NULL"));
            inspections += localCount(*d, QStringLiteral("SELECT count(*) FROM inspections"));
            audit += localCount(*d, QStringLiteral("SELECT count(*) FROM audit"));
        }
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM cases")), cases);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM case_events")), events);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM inspections")), inspections);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM audit")), audit);
        // And every desk holds every case, once.
        for (Desk* d : desks) {
            QCOMPARE(localCount(*d, QStringLiteral("SELECT count(*) FROM cases")), cases);
            QCOMPARE(localCount(*d, QStringLiteral("SELECT count(*) FROM case_events")), events);
        }
    }

private slots:
    void initTestCase()
    {
        kp::test::isolateFromUserMachine();
        if (!kp::test::Postgres::available())
            QFAIL("postgresql-15 or Qt's QPSQL driver is not installed: ./dev.sh installs them, and the "
                  "office tests need them");
        QVERIFY(startServer());
    }

    void serverDownAtStart()
    {
        // A port nobody listens on: the desk works, says so, and --sync fails with the reason.
        auto desk = makeDesk(m_dir.filePath(QStringLiteral("down.sqlite")), QStringLiteral("Gate 1"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 3));
        const QString secret = QStringLiteral("Sup3r-secret");
        const QString url = QStringLiteral("postgresql://desk:%1@127.0.0.1:%2/office?sslmode=disable")
                                .arg(secret)
                                .arg(kp::test::freePort());
        const QString db = desk->path;
        Cli set = setOffice(*desk, url);
        QCOMPARE(set.exitCode, 0);
        QVERIFY(!set.out.contains(secret.toUtf8()));
        // The password: its own file, the desk's user only; not in the desk's file.
        const QString secretPath = OfficeLink::passwordPath(db);
        QCOMPARE(kp::test::readFile(secretPath), secret.toUtf8());
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(secretPath).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);

        Cli status = cli({QStringLiteral("office"), QStringLiteral("--db"), db, QStringLiteral("--status"),
                          QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(status.out).object();
        QCOMPARE(o.value(QStringLiteral("connected")).toBool(), false);
        QVERIFY(o.value(QStringLiteral("waiting")).toInt() >= 9); // 3 inspections, cases, events, trail
        QVERIFY(o.value(QStringLiteral("url")).toString().contains(QStringLiteral("sslmode=disable")));
        QVERIFY(!status.out.contains(secret.toUtf8()));

        Cli sync = cli({QStringLiteral("office"), QStringLiteral("--db"), db, QStringLiteral("--sync")});
        QCOMPARE(sync.exitCode, 1);
        QVERIFY2(sync.err.contains("cannot be reached"), sync.err.constData());
        QVERIFY(!sync.err.contains(secret.toUtf8()) && !sync.out.contains(secret.toUtf8()));

        // The desk still works: its cases are there, and the trail never holds the password.
        Cli cases = cli({QStringLiteral("cases"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(cases.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(cases.out).object().value(QStringLiteral("cases")).toArray().size(),
                 3);
        QByteArray trail;
        QVERIFY(desk->store
                    ->readAudit([&](const StoredAuditEntry& e) {
                        trail += e.entry;
                        return true;
                    })
                    .ok());
        QVERIFY(trail.contains("office_set"));
        QVERIFY(!trail.contains(secret.toUtf8()));
        QVERIFY(!kp::test::readFile(db).contains(secret.toUtf8()));
    }

    void desksSeeEachOthersCases()
    {
        const QString url = freshOffice();
        QVERIFY(!url.isEmpty());
        auto a = makeDesk(m_dir.filePath(QStringLiteral("a.sqlite")), QStringLiteral("Gate A"));
        auto b = makeDesk(m_dir.filePath(QStringLiteral("b.sqlite")), QStringLiteral("Gate B"));
        QVERIFY(a && b);
        QVERIFY(writeCases(*a, 5));
        QVERIFY(writeCases(*b, 7));
        for (Desk* d : {a.get(), b.get()})
            QCOMPARE(setOffice(*d, url).exitCode, 0);
        for (int round = 0; round < 2; ++round) // the second round changes nothing
            for (Desk* d : {a.get(), b.get(), a.get()}) {
                Cli s = cli(
                    {QStringLiteral("office"), QStringLiteral("--db"), d->path, QStringLiteral("--sync")});
                QVERIFY2(s.exitCode == 0, s.err.constData());
            }
        checkUnion({a.get(), b.get()});
        Cli cases = cli({QStringLiteral("cases"), QStringLiteral("--db"), a->path, QStringLiteral("--json")});
        QCOMPARE(cases.exitCode, 0);
        const QJsonArray list =
            QJsonDocument::fromJson(cases.out).object().value(QStringLiteral("cases")).toArray();
        QCOMPARE(list.size(), 12);
        QMap<QString, int> byDesk;
        for (const QJsonValue v : list)
            ++byDesk[v.toObject().value(QStringLiteral("desk_name")).toString()];
        QCOMPARE(byDesk.value(QStringLiteral("Gate A")), 5);
        QCOMPARE(byDesk.value(QStringLiteral("Gate B")), 7);
        Cli status = cli({QStringLiteral("office"), QStringLiteral("--db"), a->path,
                          QStringLiteral("--status"), QStringLiteral("--json")});
        const QJsonObject o = QJsonDocument::fromJson(status.out).object();
        QCOMPARE(o.value(QStringLiteral("connected")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("waiting")).toInt(), 0);
    }

    void aDeskRoleWithTheLeastRights()
    {
        // The grants of packaging/office.md, as written there.
        freshOffice();
        QVERIFY(connect()); // the owner migrates (office-init)
        QVERIFY(m_pg->exec({QStringLiteral("CREATE ROLE desk_gate1 LOGIN PASSWORD 'gate1-pw'")}));
        QVERIFY(m_pg->exec(
            {QStringLiteral("GRANT CONNECT ON DATABASE %1 TO desk_gate1").arg(m_db),
             QStringLiteral("GRANT USAGE ON SCHEMA public TO desk_gate1"),
             QStringLiteral("GRANT SELECT ON office_meta TO desk_gate1"),
             QStringLiteral("GRANT SELECT, INSERT ON desks, cases, case_events, event_attachments, "
                            "event_batches, audit, "
                            "inspections TO desk_gate1"),
             QStringLiteral("GRANT UPDATE (name, last_push) ON desks TO desk_gate1"),
             QStringLiteral("GRANT UPDATE (physical_json, final_verdict) ON inspections TO desk_gate1"),
             QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO desk_gate1")},
            m_db));
        auto desk = makeDesk(m_dir.filePath(QStringLiteral("least.sqlite")), QStringLiteral("Gate L"));
        QVERIFY(desk);
        QVERIFY(writeCases(*desk, 4));
        const QString url =
            QStringLiteral("postgresql://desk_gate1:gate1-pw@127.0.0.1:%1/%2").arg(m_pg->port()).arg(m_db);
        QCOMPARE(setOffice(*desk, url).exitCode, 0);
        for (int round = 0; round < 2; ++round) {
            Cli sync =
                cli({QStringLiteral("office"), QStringLiteral("--db"), desk->path, QStringLiteral("--sync")});
            QVERIFY2(sync.exitCode == 0, sync.err.constData());
        }
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM cases")), 4);
    }

    // Issue 22 goal 4: office schema 3 adds the signed batches. An office of
    // schema 2, whose desk roles were given schema 2's grants, is migrated by
    // its owner (office-init), and its desk roles push their batches with no
    // new grant by hand.
    void anOfficeOfSchemaTwoLetsItsDeskRolesPushBatches()
    {
        freshOffice();
        QVERIFY(connect());
        QVERIFY(m_pg->exec(
            {QStringLiteral("DROP TABLE event_batches"),
             QStringLiteral("ALTER TABLE case_events DROP COLUMN batch"),
             QStringLiteral("UPDATE office_meta SET value = '2' WHERE key = 'schema_version'"),
             QStringLiteral("CREATE ROLE desk_gate2 LOGIN PASSWORD 'gate2-pw'"),
             QStringLiteral("GRANT CONNECT ON DATABASE %1 TO desk_gate2").arg(m_db),
             QStringLiteral("GRANT USAGE ON SCHEMA public TO desk_gate2"),
             QStringLiteral("GRANT SELECT ON office_meta TO desk_gate2"),
             QStringLiteral("GRANT SELECT, INSERT ON desks, cases, case_events, "
                            "event_attachments, audit, inspections TO desk_gate2"),
             QStringLiteral("GRANT UPDATE (name, last_push) ON desks TO desk_gate2"),
             QStringLiteral("GRANT UPDATE (physical_json, final_verdict) ON inspections TO desk_gate2"),
             QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO desk_gate2")},
            m_db));
        const QString url =
            QStringLiteral("postgresql://desk_gate2:gate2-pw@127.0.0.1:%1/%2").arg(m_pg->port()).arg(m_db);
        auto desk = makeDesk(m_dir.filePath(QStringLiteral("upgrade.sqlite")), QStringLiteral("Gate U"));
        QVERIFY(desk && writeCases(*desk, 3));
        Cli init = cli({QStringLiteral("office-init"), m_pg->url(m_db)});
        QVERIFY2(init.exitCode == 0, init.err.constData());
        QCOMPARE(office(QStringLiteral("SELECT value::int FROM office_meta WHERE key = 'schema_version'")),
                 3);
        QCOMPARE(setOffice(*desk, url).exitCode, 0);
        Cli sync =
            cli({QStringLiteral("office"), QStringLiteral("--db"), desk->path, QStringLiteral("--sync")});
        QVERIFY2(sync.exitCode == 0, sync.err.constData());
        QCOMPARE(office(QStringLiteral(
                     "SELECT count(*) FROM case_events e JOIN event_batches b ON b.id = e.batch")),
                 3);
    }

    // Issue 20 item 7: a schema version that cannot be read is that error,
    // not an empty office to migrate ("office.schema", "run office-init").
    void unreadableSchemaVersionIsAnError()
    {
        freshOffice();
        QVERIFY(connect()); // the owner migrates (office-init)
        QVERIFY(m_pg->exec({QStringLiteral("CREATE ROLE desk_noread LOGIN PASSWORD 'noread-pw'")}));
        QVERIFY(m_pg->exec({QStringLiteral("GRANT CONNECT ON DATABASE %1 TO desk_noread").arg(m_db),
                            QStringLiteral("GRANT USAGE ON SCHEMA public TO desk_noread")},
                           m_db));
        const QString url =
            QStringLiteral("postgresql://desk_noread:noread-pw@127.0.0.1:%1/%2").arg(m_pg->port()).arg(m_db);
        auto office = OfficeDatabase::connect(*OfficeUrl::parse(url));
        QVERIFY(!office);
        QCOMPARE(office.error().code, QStringLiteral("office.read"));
        QVERIFY2(office.error().message.contains(QStringLiteral("office_meta")),
                 qPrintable(office.error().message));
    }

    void twoDecisionsAtOnceConflictThenSettle()
    {
        freshOffice();
        auto a = makeDesk(m_dir.filePath(QStringLiteral("ca.sqlite")), QStringLiteral("Gate A"));
        auto b = makeDesk(m_dir.filePath(QStringLiteral("cb.sqlite")), QStringLiteral("Gate B"));
        QVERIFY(a && b);
        const Session root = Session::forCommandLine(QStringLiteral("root"));
        QVERIFY(a->door->addAccount(root, QStringLiteral("olga"), Role::Officer, Password).ok());
        QVERIFY(a->door->addAccount(root, QStringLiteral("sam"), Role::Supervisor, Password).ok());
        QVERIFY(b->door->addAccount(root, QStringLiteral("ben"), Role::Supervisor, Password).ok());
        auto olga = a->door->signIn(QStringLiteral("olga"), Password);
        auto sam = a->door->signIn(QStringLiteral("sam"), Password);
        auto ben = b->door->signIn(QStringLiteral("ben"), Password);
        QVERIFY(olga && sam && ben);
        Inspection insp;
        insp.number = QStringLiteral("BW-2026-004711");
        insp.verdict = Verdict::Doubt;
        insp.verifiedAt = a->clock.nowUtc();
        auto inspection = a->door->recordVerification(*olga, insp);
        QVERIFY(inspection);
        auto kase =
            a->door->flag(*olga, *inspection, FlagInput{{QStringLiteral("seal broken")}, {}, true, {}});
        QVERIFY(kase);
        auto office = connect();
        QVERIFY(office);
        Replicator ra(*a->db, *office), rb(*b->db, *office);
        ra.setSigner(signerOf(*a->db));
        rb.setSigner(signerOf(*b->db));
        QVERIFY(ra.sync().ok());
        QVERIFY(rb.sync().ok());
        // Both desks decide, neither seeing the other.
        QVERIFY(a->door->take(*sam, *kase).ok());
        QVERIFY(a->door->decide(*sam, *kase, Outcome::Released, QStringLiteral("papers fine")).ok());
        QVERIFY(b->door->take(*ben, *kase).ok());
        QVERIFY(b->door->decide(*ben, *kase, Outcome::Seized, QStringLiteral("seal forged")).ok());
        QVERIFY(ra.sync().ok());
        QVERIFY(rb.sync().ok());
        QVERIFY(ra.sync().ok());
        for (Desk* d : {a.get(), b.get()}) {
            auto view = d->door->caseView(*kase);
            QVERIFY2(view.ok(), view ? "" : qPrintable(view.error().message));
            QCOMPARE(view->facts.state, CaseState::Conflict);
            QCOMPARE(view->facts.conflictingOutcomes.size(), 2);
            QVERIFY(view->facts.held);
            QCOMPARE(view->events.size(), 5); // flagged, two reviews, two decisions: nothing lost
        }
        Cli cases = cli({QStringLiteral("cases"), QStringLiteral("--db"), b->path, QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(cases.out)
                     .object()
                     .value(QStringLiteral("cases"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("conflict"));
        // One new decision settles it, everywhere.
        QVERIFY(a->door->decide(*sam, *kase, Outcome::Detained, QStringLiteral("settled with Gate B")).ok());
        QVERIFY(ra.sync().ok());
        QVERIFY(rb.sync().ok());
        for (Desk* d : {a.get(), b.get()}) {
            auto view = d->door->caseView(*kase);
            QVERIFY(view.ok());
            QCOMPARE(view->facts.state, CaseState::Decided);
            QCOMPARE(view->facts.outcome, Outcome::Detained);
        }
        QVERIFY(ra.checkOfficeHoldsDesk().ok());
        QVERIFY(rb.checkOfficeHoldsDesk().ok());
        checkUnion({a.get(), b.get()});
    }

    void serverStoppedThenKilledMidPush()
    {
        freshOffice();
        auto a = makeDesk(m_dir.filePath(QStringLiteral("stop.sqlite")), QStringLiteral("Gate S"));
        auto b = makeDesk(m_dir.filePath(QStringLiteral("stop-b.sqlite")), QStringLiteral("Gate T"));
        QVERIFY(a && b);
        QVERIFY(writeCases(*a, 400));
        QVERIFY(writeCases(*b, 10));
        for (const bool kill : {false, true}) {
            auto office = connect();
            QVERIFY(office);
            Replicator r(*a->db, *office);
            r.setSigner(signerOf(*a->db));
            int batches = 0;
            r.setAfterOfficeCommit([&] {
                if (++batches == 1)
                    QVERIFY(kill ? m_pg->kill9() : m_pg->stop());
            });
            auto pushed = r.push(100);
            QVERIFY(!pushed.ok());
            QCOMPARE(pushed.error().code, QStringLiteral("office.unreachable"));
            QCOMPARE(batches, 1);
            QVERIFY(*Replicator::waiting(*a->db) > 0);
            office.reset();
            QVERIFY(m_pg->start());
            if (!kill)
                QVERIFY(writeCases(*a, 100)); // the desk went on meanwhile
        }
        auto office = connect();
        QVERIFY(office);
        Replicator ra(*a->db, *office), rb(*b->db, *office);
        ra.setSigner(signerOf(*a->db));
        rb.setSigner(signerOf(*b->db));
        QVERIFY(ra.sync().ok());
        QVERIFY(rb.sync().ok());
        QVERIFY(ra.sync().ok());
        QCOMPARE(*Replicator::waiting(*a->db), 0);
        QVERIFY(ra.checkOfficeHoldsDesk().ok());
        checkUnion({a.get(), b.get()});

        // Cut after the office committed but before the desk took it off its
        // queue: everything goes up again, and the office ignores it.
        QSqlQuery q(a->db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'case', id FROM cases "
                                      "WHERE desk_name IS NULL")));
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'event', id FROM case_events "
                                  "WHERE origin IS NULL")));
        QVERIFY(ra.sync().ok());
        checkUnion({a.get(), b.get()});
    }

    void offlineDeskWith2000CasesThenTwoProcessesAtOnce()
    {
        const QString url = freshOffice();
        auto a = makeDesk(m_dir.filePath(QStringLiteral("off-a.sqlite")), QStringLiteral("Gate X"));
        // A desk whose clock is a day ahead: times are kept as made, order is the office's.
        auto b =
            makeDesk(m_dir.filePath(QStringLiteral("off-b.sqlite")), QStringLiteral("Gate Y"), 24 * 3600);
        QVERIFY(a && b);
        QVERIFY(writeCases(*a, 2000));
        QVERIFY(writeCases(*b, 300));
        for (Desk* d : {a.get(), b.get()})
            QCOMPARE(setOffice(*d, url).exitCode, 0);
        // Two desk processes pushing (and pulling) at once.
        QProcess pa, pb;
        pa.start(kp::test::cliPath(),
                 {QStringLiteral("office"), QStringLiteral("--db"), a->path, QStringLiteral("--sync")});
        pb.start(kp::test::cliPath(),
                 {QStringLiteral("office"), QStringLiteral("--db"), b->path, QStringLiteral("--sync")});
        QVERIFY(pa.waitForFinished(120000) && pb.waitForFinished(120000));
        QVERIFY2(pa.exitCode() == 0, pa.readAllStandardError().constData());
        QVERIFY2(pb.exitCode() == 0, pb.readAllStandardError().constData());
        // Each pulls what the other pushed meanwhile.
        for (Desk* d : {a.get(), b.get()}) {
            Cli sync =
                cli({QStringLiteral("office"), QStringLiteral("--db"), d->path, QStringLiteral("--sync")});
            QVERIFY2(sync.exitCode == 0, sync.err.constData());
        }
        checkUnion({a.get(), b.get()});
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM cases WHERE opened_at > '") +
                        QDateTime::currentDateTimeUtc().addSecs(12 * 3600).toString(Qt::ISODate) +
                        QLatin1Char('\'')),
                 300);
    }

    // A push is a few multi-row statements per batch (issue 22): the office
    // takes the rows in the queue's order (oseq, which pull relies on), an
    // inspection queued twice in one batch (its physical check recorded after
    // it was made) once with its latest columns, attachments after their
    // events, statements split where a batch holds more rows than one takes;
    // pushed again whole, it changes nothing and raises no alarm.
    void multiRowPushKeepsTheQueuesOrder()
    {
        freshOffice();
        auto a = makeDesk(m_dir.filePath(QStringLiteral("multi-a.sqlite")), QStringLiteral("Gate M"));
        auto b = makeDesk(m_dir.filePath(QStringLiteral("multi-b.sqlite")), QStringLiteral("Gate N"));
        QVERIFY(a && b);
        QVERIFY(writeCases(*a, 3));
        QSqlQuery q(a->db->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE inspections SET physical_json = '{\"seal\":\"broken\"}' "
                                      "WHERE id = (SELECT min(id) FROM inspections)")));
        QCOMPARE(
            localCount(*a, QStringLiteral("SELECT count(*) FROM office_queue WHERE kind = 'inspection'")), 4);
        QStringList cases;
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM cases ORDER BY rowid")));
        while (q.next())
            cases << q.value(0).toString();
        QVERIFY(a->store->begin());
        for (int i = 0; i < 700; ++i) {
            CaseEvent e;
            e.id = newId();
            e.caseId = cases.at(i % 3);
            e.seq = 2 + i / 3;
            e.at = a->clock.nowUtc();
            e.actor = QStringLiteral("olga");
            e.kind = CaseEventKind::Note;
            e.data = {{QStringLiteral("text"), QStringLiteral("note %1").arg(i)}};
            if (i % 100 == 7) {
                const QByteArray data = QByteArray("photo ") + QByteArray::number(i);
                e.attachments.append(
                    {newId(), QStringLiteral("p%1.jpg").arg(i), Sha256::hash(data), data.size(), data});
            }
            QVERIFY(a->store->appendEvent(e));
        }
        QVERIFY(a->store->commit());

        auto pg = connect();
        QVERIFY(pg);
        Replicator ra(*a->db, *pg), rb(*b->db, *pg);
        ra.setSigner(signerOf(*a->db));
        rb.setSigner(signerOf(*b->db));
        auto pushed = ra.push(600); // 700 events: more than one batch, and batches of several statements
        QVERIFY2(pushed, pushed ? "" : qPrintable(pushed.error().message));
        QCOMPARE(*Replicator::waiting(*a->db), 0);
        QVERIFY(ra.checkOfficeHoldsDesk().ok());

        const auto ids = [](QSqlQuery&& query) {
            QStringList out;
            while (query.next())
                out << query.value(0).toString();
            return out;
        };
        QSqlQuery local(a->db->connection());
        QVERIFY(local.exec(QStringLiteral("SELECT id FROM case_events ORDER BY rowid")));
        const QStringList made = ids(std::move(local));
        QSqlQuery atOffice(pg->connection());
        QVERIFY(atOffice.exec(QStringLiteral("SELECT id FROM case_events ORDER BY oseq")));
        QCOMPARE(ids(std::move(atOffice)), made);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM inspections")), 3);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM inspections WHERE physical_json IS NOT NULL")),
                 1);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM event_attachments")), 7);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM case_events WHERE sig IS NULL")), 0);

        // B takes every event, in A's order within each case, with its attachments.
        auto pulled = rb.sync();
        QVERIFY2(pulled, pulled ? "" : qPrintable(pulled.error().message));
        QCOMPARE(pulled->events, 703);
        QCOMPARE(pulled->setAside, 0);
        for (const QString& c : std::as_const(cases)) {
            QSqlQuery mine(a->db->connection()), theirs(b->db->connection());
            QVERIFY(
                mine.prepare(QStringLiteral("SELECT id FROM case_events WHERE case_id = ? ORDER BY seq")));
            QVERIFY(
                theirs.prepare(QStringLiteral("SELECT id FROM case_events WHERE case_id = ? ORDER BY seq")));
            mine.addBindValue(c);
            theirs.addBindValue(c);
            QVERIFY(mine.exec() && theirs.exec());
            QCOMPARE(ids(std::move(theirs)), ids(std::move(mine)));
        }
        QCOMPARE(localCount(*b, QStringLiteral("SELECT count(*) FROM event_attachments")), 7);

        // Everything again: the office ignores what it holds; the trail's places are its own.
        QVERIFY(Replicator::requeueAll(*a->db));
        pushed = ra.push(250);
        QVERIFY2(pushed, pushed ? "" : qPrintable(pushed.error().message));
        QVERIFY(*pushed > 700);
        QVERIFY(ra.checkOfficeHoldsDesk().ok());
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM case_events")), 703);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM event_attachments")), 7);
        QCOMPARE(SetAside::count(*a->db)->conflicts, 0);
    }

    void cleanupTestCase() { m_pg.reset(); }
};

QTEST_GUILESS_MAIN(TestOffice)
#include "test_office.moc"
