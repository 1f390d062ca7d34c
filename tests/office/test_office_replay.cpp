// The pull indexes a case from where its index stands (core/office/Replicator):
// resuming the queue's index with the events that follow gives what a full
// replay of every event gives, for a long case pulled in many pages with a
// conflicting decision arriving late, and a full replay is taken again when
// the index does not line up with the case's events.
#include "OfficeDesks.h"
#include "Postgres.h"
#include "TestSupport.h"

#include "cases/CaseLife.h"
#include "office/OfficeDatabase.h"
#include "office/Replicator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

// The fields of CaseFacts the queue's index holds.
QStringList indexed(const CaseFacts& f, int events)
{
    return {caseStateName(f.state),
            f.held ? QStringLiteral("1") : QStringLiteral("0"),
            f.flaggedBy,
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(f.reasons)).toJson(QJsonDocument::Compact)),
            f.updatedAt.toUTC().toString(Qt::ISODateWithMs),
            QString::number(events)};
}

// The same fields as the desk's file holds them.
QStringList indexRow(Desk& desk, const QString& caseId)
{
    QSqlQuery q(desk.db->connection());
    q.prepare(QStringLiteral(
        "SELECT state, held, flagged_by, reasons, updated_at, events FROM cases WHERE id = ?"));
    q.addBindValue(caseId);
    if (!q.exec() || !q.next())
        return {};
    QStringList out;
    for (int i = 0; i < 6; ++i)
        out << q.value(i).toString();
    return out;
}

// What a full replay of the case's events at this desk says.
QStringList replayed(Desk& desk, const QString& caseId)
{
    auto events = desk.store->events(caseId);
    if (!events)
        return {};
    auto facts = CaseLife::replay(*events);
    return facts ? indexed(*facts, int(events->size())) : QStringList{};
}

CaseEvent makeEvent(const QString& caseId, CaseEventKind kind, const QDateTime& at,
                    const QString& origin = {})
{
    CaseEvent e;
    e.id = newId();
    e.caseId = caseId;
    e.at = at;
    e.actor = QStringLiteral("olga");
    e.kind = kind;
    e.origin = origin;
    if (kind == CaseEventKind::Flagged)
        e.data = {{QStringLiteral("reasons"), QJsonArray{QStringLiteral("seal broken")}},
                  {QStringLiteral("held"), true}};
    else if (kind == CaseEventKind::Decision)
        e.data = {{QStringLiteral("outcome"), outcomeName(Outcome::Released)}};
    else
        e.data = {{QStringLiteral("text"), QStringLiteral("note")}};
    return e;
}

} // namespace

class TestOfficeReplay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // n notes on a case, written as the door writes them (each indexed by a full replay).
    static bool addNotes(Desk& desk, const QString& caseId, int n)
    {
        if (!desk.store->begin())
            return false;
        auto events = desk.store->events(caseId);
        auto record = desk.store->caseRecord(caseId);
        if (!events || !record || !record->has_value())
            return false;
        for (int i = 0; i < n; ++i) {
            CaseEvent e =
                makeEvent(caseId, CaseEventKind::Note, desk.clock.nowUtc().addMSecs(events->size()));
            e.seq = int(events->size()) + 1;
            if (!desk.store->appendEvent(e))
                return false;
            events->append(e);
        }
        auto facts = CaseLife::replay(*events);
        if (!facts || !desk.store->indexCase({**record, *facts, QString(), QString(), int(events->size())}))
            return false;
        return desk.store->commit().ok();
    }

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    // resume(replay(a), a nonempty, b) and replay(a + b) agree on the index,
    // whatever the split, for cases with events of other desks made at once
    // (conflicts, reviews and decisions not allowed where they stand).
    void resumeFromTheIndexEqualsAFullReplay()
    {
        QRandomGenerator rng(1207);
        const QList<CaseEventKind> kinds{
            CaseEventKind::Note,     CaseEventKind::Evidence,  CaseEventKind::Review,
            CaseEventKind::Decision, CaseEventKind::Escalated, CaseEventKind::Reply,
            CaseEventKind::Closed,   CaseEventKind::Reopened,  CaseEventKind::Flagged};
        int conflicts = 0;
        for (int round = 0; round < 300; ++round) {
            const QString caseId = newId();
            QDateTime at = QDateTime::currentDateTimeUtc();
            QList<CaseEvent> events{makeEvent(caseId, CaseEventKind::Flagged, at)};
            CaseState state = CaseState::Open;
            for (int i = 0; i < 60; ++i) {
                at = at.addMSecs(rng.bounded(1000));
                const CaseEventKind kind = kinds.at(rng.bounded(int(kinds.size())));
                const bool foreign = rng.bounded(3) == 0;
                if (!foreign && !CaseLife::allowed(state, kind))
                    continue; // this desk's door would not write it
                CaseEvent e = makeEvent(caseId, kind, at, foreign ? QStringLiteral("desk-b") : QString());
                if (kind == CaseEventKind::Decision)
                    e.data.insert(QStringLiteral("outcome"),
                                  outcomeName(rng.bounded(2) ? Outcome::Seized : Outcome::Released));
                events << e;
                auto s = CaseLife::replay(events);
                QVERIFY(s);
                state = s->state;
            }
            auto full = CaseLife::replay(events);
            QVERIFY(full);
            conflicts += full->state == CaseState::Conflict;
            for (int split = 0; split <= events.size(); ++split) {
                const QList<CaseEvent> before = events.mid(0, split);
                auto head = CaseLife::replay(before);
                QVERIFY(head);
                // Only what the index holds goes on.
                CaseFacts fromIndex;
                fromIndex.state = head->state;
                fromIndex.held = head->held;
                fromIndex.flaggedBy = head->flaggedBy;
                fromIndex.reasons = head->reasons;
                fromIndex.updatedAt = head->updatedAt;
                auto resumed = CaseLife::resume(fromIndex, split > 0, events.mid(split));
                QVERIFY(resumed);
                QCOMPARE(indexed(*resumed, int(events.size())), indexed(*full, int(events.size())));
                // And the whole facts, resumed from the whole facts.
                auto whole = CaseLife::resume(*head, split > 0, events.mid(split));
                QVERIFY(whole);
                QCOMPARE(whole->conflictingOutcomes, full->conflictingOutcomes);
                QCOMPARE(whole->outcome, full->outcome);
                QCOMPARE(whole->reviewer, full->reviewer);
            }
        }
        QVERIFY(conflicts > 10); // the rounds did reach conflicts
    }

    // A case of 2 000 events made at desk A (one with two files), pulled by desk
    // B in pages of 150 while both decide it at once: B's index equals a full replay at every
    // step, the late decision puts the case in conflict at both desks.
    void longCasePulledInPagesWithALateConflict()
    {
        if (!kp::test::Postgres::available())
            QFAIL("postgresql-15 or Qt's QPSQL driver is not installed: ./dev.sh installs them, and the "
                  "office tests need them");
        kp::test::Postgres pg;
        QVERIFY(pg.initialized());
        QVERIFY(pg.start());
        QVERIFY(pg.exec({QStringLiteral("CREATE DATABASE kpoffice")}));
        auto url = OfficeUrl::parse(pg.url());
        QVERIFY(url);
        auto office = OfficeDatabase::connect(*url);
        QVERIFY(office);

        auto a = makeDesk(m_dir.filePath(QStringLiteral("long-a.sqlite")), QStringLiteral("Gate A"));
        auto b = makeDesk(m_dir.filePath(QStringLiteral("long-b.sqlite")), QStringLiteral("Gate B"));
        QVERIFY(a && b);
        const Session root = Session::forCommandLine(QStringLiteral("root"));
        QVERIFY(a->door->addAccount(root, QStringLiteral("sam"), Role::Supervisor, Password).ok());
        QVERIFY(b->door->addAccount(root, QStringLiteral("ben"), Role::Supervisor, Password).ok());
        auto sam = a->door->signIn(QStringLiteral("sam"), Password);
        auto ben = b->door->signIn(QStringLiteral("ben"), Password);
        QVERIFY(sam && ben);
        QVERIFY(writeCases(*a, 1));
        QSqlQuery q(a->db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM cases")) && q.next());
        const QString kase = q.value(0).toString();

        Replicator ra(*a->db, **office), rb(*b->db, **office);
        ra.setSigner(signerOf(*a->db));
        rb.setSigner(signerOf(*b->db));
        const auto check = [&](Desk& d) {
            const QStringList row = indexRow(d, kase);
            QVERIFY(!row.isEmpty());
            QCOMPARE(row, replayed(d, kase));
        };
        // 1: 600 notes at A, pulled by B in pages.
        QVERIFY(addNotes(*a, kase, 600));
        // With two files, which come down with the page (one office query per page).
        QVERIFY(a->door
                    ->addEvidence(*sam, kase,
                                  {{QString(), QStringLiteral("seal.jpg"), {}, 0, QByteArray(3000, 's')},
                                   {QString(), QStringLiteral("bill.pdf"), {}, 0, QByteArray("%PDF-1.7")}})
                    .ok());
        QVERIFY(ra.sync().ok());
        QVERIFY(rb.push().ok());
        auto pulled = rb.pull(150);
        QVERIFY(pulled);
        QCOMPARE(pulled->events, 602); // its flag, the notes and the evidence
        check(*b);
        QCOMPARE(indexRow(*b, kase).at(5), QStringLiteral("602"));
        auto withFiles = b->store->events(kase, true);
        QVERIFY(withFiles);
        QCOMPARE(withFiles->last().kind, CaseEventKind::Evidence);
        QCOMPARE(withFiles->last().attachments.size(), 2);
        QMap<QString, QByteArray> files;
        for (const EventAttachment& f : withFiles->last().attachments) {
            QCOMPARE(f.sha256.size(), 32);
            files.insert(f.name, f.data);
        }
        QCOMPARE(files.value(QStringLiteral("seal.jpg")), QByteArray(3000, 's'));
        QCOMPARE(files.value(QStringLiteral("bill.pdf")), QByteArray("%PDF-1.7"));

        // 2: both take and decide, neither seeing the other; A goes on with 700 notes.
        QVERIFY(a->door->take(*sam, kase).ok());
        QVERIFY(a->door->decide(*sam, kase, Outcome::Seized, QStringLiteral("seal forged")).ok());
        QVERIFY(addNotes(*a, kase, 700));
        QVERIFY(b->door->take(*ben, kase).ok());
        QVERIFY(b->door->decide(*ben, kase, Outcome::Released, QStringLiteral("papers fine")).ok());
        QVERIFY(ra.push().ok());
        QVERIFY(rb.push().ok());
        QVERIFY(rb.pull(150).ok());
        QVERIFY(ra.pull(150).ok());
        for (Desk* d : {a.get(), b.get()}) {
            check(*d);
            QCOMPARE(indexRow(*d, kase).at(0), QStringLiteral("conflict"));
        }

        // 3: the index claims events it does not cover (a file mended by hand):
        // the next pull replays the case in full rather than trust it.
        QSqlQuery tamper(b->db->connection());
        tamper.prepare(QStringLiteral("UPDATE cases SET events = events + ?, state = ?"));
        tamper.addBindValue(7);
        tamper.addBindValue(QStringLiteral("open"));
        QVERIFY(tamper.exec());
        QVERIFY(addNotes(*a, kase, 694)); // 2 000 events in all
        QVERIFY(ra.sync().ok());
        QVERIFY(rb.pull(150).ok());
        for (Desk* d : {a.get(), b.get()}) {
            check(*d);
            QCOMPARE(indexRow(*d, kase).at(0), QStringLiteral("conflict"));
            QCOMPARE(indexRow(*d, kase).at(5), QStringLiteral("2000"));
            auto view = d->door->caseView(kase);
            QVERIFY(view);
            QCOMPARE(view->facts.conflictingOutcomes.size(), 2);
        }
        // A decision settles it at both.
        QVERIFY(b->door->decide(*ben, kase, Outcome::Detained, QStringLiteral("settled")).ok());
        QVERIFY(rb.sync().ok());
        QVERIFY(ra.sync().ok());
        for (Desk* d : {a.get(), b.get()}) {
            check(*d);
            QCOMPARE(indexRow(*d, kase).at(0), QStringLiteral("decided"));
        }
    }
};

QTEST_GUILESS_MAIN(TestOfficeReplay)
#include "test_office_replay.moc"
