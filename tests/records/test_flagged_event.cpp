// What a case's `flagged` event carries (issue 19): the case row it opens and
// the summary of the inspection behind it (records/FlaggedEvent). Signed with
// the flag, they are what another desk shows of the case (tests/office/
// test_office_trust checks that a desk takes them from there and nowhere else).
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "records/CaseInspection.h"
#include "records/DeskRecords.h"
#include "records/FlaggedEvent.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace kp;

class TestFlaggedEvent : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<DeskRecords> m_door;

private slots:
    void initTestCase()
    {
        kp::test::isolateFromUserMachine();
        auto db = CacheDatabase::open(m_dir.filePath(QStringLiteral("desk.sqlite")),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db);
        m_db = std::move(*db);
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_door = std::make_unique<DeskRecords>(*m_store, m_clock);
        QVERIFY(m_door
                    ->addAccount(Session::forCommandLine(QStringLiteral("root")), QStringLiteral("olga"),
                                 Role::Officer, QStringLiteral("correct horse battery"))
                    .ok());
    }

    void theFlagCarriesItsCaseAndInspection()
    {
        auto olga = m_door->signIn(QStringLiteral("olga"), QStringLiteral("correct horse battery"));
        QVERIFY(olga);
        Inspection insp;
        insp.number = QStringLiteral("BW-2026-004711");
        insp.verdict = Verdict::Doubt;
        insp.verifiedAt = m_clock.nowUtc();
        insp.checks = {{CheckName::Signature, CheckStatus::Pass, QStringLiteral("ES256")},
                       {CheckName::Expiry, CheckStatus::Warn, QStringLiteral("expires tomorrow")}};
        auto inspectionId = m_door->recordVerification(*olga, insp);
        QVERIFY(inspectionId);
        PhysicalCheck physical;
        physical.parcelsCounted = 3;
        physical.sealsIntact = false;
        QVERIFY(m_door->recordPhysicalCheck(*olga, *inspectionId, physical).ok());
        FlagInput flag;
        flag.reasons = {QStringLiteral("seal broken")};
        flag.notes = QStringLiteral("two parcels short");
        auto caseId = m_door->flag(*olga, *inspectionId, flag);
        QVERIFY(caseId);

        auto view = m_door->caseView(*caseId);
        QVERIFY(view);
        const auto row = FlaggedEvent::caseRow(view->events.first().data);
        QVERIFY(row);
        QCOMPARE(row->inspectionId, *inspectionId);
        QCOMPARE(row->number, insp.number);
        QCOMPARE(row->deskName, m_door->settings()->deskName);
        QVERIFY(!row->deskName.isEmpty());

        const auto summary = FlaggedEvent::inspection(view->events);
        QVERIFY(summary);
        const auto stored = m_store->inspection(*inspectionId);
        QVERIFY(stored && stored->has_value());
        QCOMPARE(summary->inspectionId, *inspectionId);
        QCOMPARE(summary->number, insp.number);
        QCOMPARE(summary->officer, QStringLiteral("olga"));
        QCOMPARE(summary->at, m_clock.nowUtc());
        QCOMPARE(summary->verdict, Verdict::Doubt);
        QCOMPARE(summary->finalVerdict, (*stored)->finalVerdict);
        QCOMPARE(summary->checks.size(), 2);
        QCOMPARE(summary->checks.at(0).name, CheckName::Signature);
        QCOMPARE(summary->checks.at(0).status, QStringLiteral("pass"));
        QCOMPARE(summary->checks.at(1).name, CheckName::Expiry);
        QCOMPARE(summary->checks.at(1).status, QStringLiteral("warn"));
        QVERIFY(summary->physical);
        QCOMPARE(summary->physical->parcelsCounted, std::optional<quint64>(3));
        QCOMPARE(summary->physical->sealsIntact, std::optional<bool>(false));
        QCOMPARE(summary->reasons, flag.reasons);
        QCOMPARE(summary->notes, flag.notes);

        // The trail's `flagged` entry keeps its own fields: no copy of the inspection.
        QByteArray trail;
        QVERIFY(m_store
                    ->readAudit([&](const StoredAuditEntry& e) {
                        trail += e.entry;
                        return true;
                    })
                    .ok());
        QVERIFY(trail.contains("flagged"));
        QVERIFY(!trail.contains("inspection_summary"));
        QVERIFY(!trail.contains("case_row"));
    }

    // A case of another desk (as the replicator writes it) whose signed flag
    // names one of this desk's inspections: the id is not looked up here, and
    // a decision to release it releases nothing of this desk.
    void anotherDesksCaseNamesNoInspectionHere()
    {
        const Session root = Session::forCommandLine(QStringLiteral("root"));
        QVERIFY(m_door
                    ->addAccount(root, QStringLiteral("sam"), Role::Supervisor,
                                 QStringLiteral("correct horse battery"))
                    .ok());
        auto olga = m_door->signIn(QStringLiteral("olga"), QStringLiteral("correct horse battery"));
        auto sam = m_door->signIn(QStringLiteral("sam"), QStringLiteral("correct horse battery"));
        QVERIFY(olga && sam);
        Inspection insp;
        insp.number = QStringLiteral("BW-2026-005000");
        insp.verdict = Verdict::Doubt;
        insp.verifiedAt = m_clock.nowUtc();
        auto here = m_door->recordVerification(*olga, insp);
        QVERIFY(here);

        const CaseRecord foreign{QUuid::createUuid().toString(QUuid::WithoutBraces), *here, m_clock.nowUtc(),
                                 QStringLiteral("EU-OFF-GATEZ"), QStringLiteral("Gate Z")};
        CaseEvent flag;
        flag.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        flag.caseId = foreign.id;
        flag.seq = 1;
        flag.at = foreign.openedAt;
        flag.actor = QStringLiteral("zed");
        flag.kind = CaseEventKind::Flagged;
        flag.origin = foreign.desk;
        flag.data = FlaggedEvent::withCaseRow(
            {{QStringLiteral("reasons"), QJsonArray{QStringLiteral("seal")}}, {QStringLiteral("held"), true}},
            {*here, insp.number, QString(), foreign.deskName});
        auto facts = CaseLife::replay({flag});
        QVERIFY(facts);
        QVERIFY(m_store->begin().ok());
        QVERIFY(m_store->insertCase(foreign).ok());
        QVERIFY(m_store->appendEvent(flag).ok());
        QVERIFY(m_store->indexCase({foreign, *facts, insp.number, QString(), 1}).ok());
        QVERIFY(m_store->commit().ok());

        auto looked = caseInspection(*m_store, foreign);
        QVERIFY(looked);
        QVERIFY(!looked->has_value());
        // Its own case's inspection is found as ever.
        auto ownCase = m_door->flag(*olga, *here, FlagInput{{QStringLiteral("seal")}, {}, true, {}});
        QVERIFY(ownCase);
        auto ownView = m_door->caseView(*ownCase);
        QVERIFY(ownView);
        auto own = caseInspection(*m_store, ownView->record);
        QVERIFY(own && own->has_value());
        QCOMPARE((*own)->id, *here);

        QVERIFY(m_door->take(*sam, foreign.id).ok());
        QVERIFY(m_door->decide(*sam, foreign.id, Outcome::Released, QStringLiteral("fine")).ok());
        auto released = m_store->releaseOf(insp.number);
        QVERIFY(released);
        QVERIFY(!released->has_value());
    }

    // A flag with nothing bound (a desk from before) or no flag at all: no
    // summary, never an empty one that reads as "no checks failed".
    void noSummaryWithoutASignedOne()
    {
        QVERIFY(!FlaggedEvent::inspection({}));
        CaseEvent old;
        old.kind = CaseEventKind::Flagged;
        old.data = {{QStringLiteral("reasons"), QJsonArray{QStringLiteral("seal broken")}}};
        QVERIFY(!FlaggedEvent::caseRow(old.data));
        QVERIFY(!FlaggedEvent::inspection({old}));
        CaseEvent note;
        note.kind = CaseEventKind::Note;
        note.data = FlaggedEvent::withCaseRow({}, {QStringLiteral("i"), QStringLiteral("n"), {}, {}});
        QVERIFY(!FlaggedEvent::inspection({note}));
        // An unknown verdict reads as the worst.
        old.data = FlaggedEvent::withCaseRow(old.data, {QStringLiteral("i"), QStringLiteral("n"), {}, {}});
        old.data.insert(QStringLiteral("inspection_summary"),
                        QJsonObject{{QStringLiteral("verdict"), QStringLiteral("splendid")}});
        const auto read = FlaggedEvent::inspection({old});
        QVERIFY(read);
        QCOMPARE(read->verdict, Verdict::Reject);
        QVERIFY(!read->physical);
    }
};

QTEST_GUILESS_MAIN(TestFlaggedEvent)
#include "test_flagged_event.moc"
