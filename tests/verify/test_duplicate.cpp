// checks.md `duplicate`: a shipment released is a presentation, a scan is
// not. Checking a certificate again (the same inspection, or the same desk
// before any release) never warns; a release at this desk (by the officer or
// by a supervisor's decision) or an import confirmed elsewhere (`used`) does.
#include "DeskFixture.h"
#include "TestSupport.h"

#include "cache/Schema_p.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "verify/Recheck.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

const QString Password = QStringLiteral("correct horse battery");
const QString Number = QStringLiteral("BW-2026-000001");

const CheckResult& duplicateOf(const Inspection& insp)
{
    return *insp.check(CheckName::Duplicate);
}

// The desk's records over the fixture's cache, with an officer and two supervisors.
struct Desk
{
    DeskFixture f;
    SqliteRecordsStore store{f.db()};
    DeskRecords door{store, f.clock()};
    Session olga, sam;

    Desk()
    {
        const Session cli = Session::forCommandLine(QStringLiteral("root"));
        for (const auto& [name, role] : {std::pair{QStringLiteral("olga"), Role::Officer},
                                         std::pair{QStringLiteral("sam"), Role::Supervisor}}) {
            const auto added = door.addAccount(cli, name, role, Password);
            if (!added)
                qFatal("account: %s", qPrintable(added.error().message));
        }
        olga = *door.signIn(QStringLiteral("olga"), Password);
        sam = *door.signIn(QStringLiteral("sam"), Password);
        f.registerRecord(f.record());
    }

    // A scan at the window: verified, the scan logged, the inspection recorded.
    std::pair<Inspection, QString> scan()
    {
        VerifyOptions atTheDesk;
        atTheDesk.recordPresentation = true;
        const Inspection insp = f.verifyRecord(f.record(), atTheDesk);
        const auto id = door.recordVerification(olga, insp);
        return {insp, id ? *id : QString()};
    }

    bool physicalCheckMatches(const QString& id)
    {
        PhysicalCheck check;
        check.parcelsCounted = f.record().parcels;
        const auto final = door.recordPhysicalCheck(olga, id, check);
        return final && *final == Verdict::Accept;
    }
};

} // namespace

class TestDuplicate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void scanningAgainIsNoPresentation()
    {
        Desk d;
        const auto [first, firstId] = d.scan();
        QCOMPARE(first.verdict, Verdict::Accept);
        // Checked again and again: by the barcode, by the number typed, the
        // same minute or later the same day. Never a re-use.
        for (int i = 0; i < 3; ++i) {
            d.f.clock().set(DeskFixture::now().addSecs(600 * (i + 1)));
            const auto [again, againId] = d.scan();
            QCOMPARE(duplicateOf(again).status, CheckStatus::Pass);
            QCOMPARE(again.verdict, Verdict::Accept);
        }
        VerifyOptions atTheDesk;
        atTheDesk.recordPresentation = true;
        const Inspection typed = d.f.verifyText(QStringLiteral("bw-2026-000001"), atTheDesk);
        QCOMPARE(typed.number, Number);
        QCOMPARE(typed.verdict, Verdict::Accept);
        // The scans are still logged, and still not counted.
        QCOMPARE(d.f.db().presentations(Number)->size(), 5);
        QVERIFY(d.f.db().releases(Number)->isEmpty());
    }

    void releaseHereIsAPresentation()
    {
        Desk d;
        const auto [first, id] = d.scan();
        QVERIFY(d.physicalCheckMatches(id));
        // Checked again before the release: the same presentation.
        QCOMPARE(duplicateOf(d.scan().first).status, CheckStatus::Pass);
        d.f.clock().set(DeskFixture::now().addSecs(900));
        QVERIFY(d.door.release(d.olga, id).ok());
        const auto released = d.f.db().releases(Number);
        QVERIFY(released.ok());
        QCOMPARE(released->size(), 1);
        QCOMPARE(released->first().inspectionId, id);
        QCOMPARE(released->first().seenAt, first.verifiedAt);
        QCOMPARE(released->first().how, QStringLiteral("officer"));

        // Presented again after the release: a possible re-use.
        d.f.clock().set(DeskFixture::now().addSecs(3600));
        const Inspection later = d.scan().first;
        QCOMPARE(duplicateOf(later).status, CheckStatus::Warn);
        QVERIFY2(duplicateOf(later).detail.contains(QStringLiteral("already released at this desk")),
                 qPrintable(duplicateOf(later).detail));
        QCOMPARE(later.verdict, Verdict::Doubt);

        // The released inspection verified again: its own release is no re-use.
        const auto own = recheckInspection(Verifier(d.f.db(), d.f.clock()), first.toJson(), first.verifiedAt);
        QVERIFY(own.ok());
        QCOMPARE(own->today.check(CheckName::Duplicate)->status, CheckStatus::Pass);
        QVERIFY(!own->changes.change(CheckName::Duplicate));
    }

    void releaseByDecisionIsAPresentation()
    {
        Desk d;
        const auto [first, id] = d.scan();
        FlagInput flag;
        flag.reasons = {QStringLiteral("seal broken")};
        const auto caseId = d.door.flag(d.olga, id, flag);
        QVERIFY(caseId.ok());
        QVERIFY(d.door.take(d.sam, *caseId).ok());
        QCOMPARE(duplicateOf(d.scan().first).status, CheckStatus::Pass);
        QVERIFY(
            d.door.decide(d.sam, *caseId, Outcome::Released, QStringLiteral("new seal, papers fine")).ok());
        const auto released = d.f.db().releases(Number);
        QCOMPARE(released->size(), 1);
        QCOMPARE(released->first().how, QStringLiteral("decision"));
        QCOMPARE(released->first().inspectionId, id);
        QCOMPARE(duplicateOf(d.scan().first).status, CheckStatus::Warn);
    }

    // A desk upgraded to schema 7 knows the releases its cases decided.
    void upgradeTakesReleasedDecisionsFromTheCases()
    {
        Desk d;
        const auto [first, id] = d.scan();
        FlagInput flag;
        flag.reasons = {QStringLiteral("seal broken")};
        const auto caseId = d.door.flag(d.olga, id, flag);
        QVERIFY(d.door.take(d.sam, *caseId).ok());
        QVERIFY(d.door.decide(d.sam, *caseId, Outcome::Released, QStringLiteral("papers fine")).ok());
        const auto recorded = d.f.db().releases(Number);
        QCOMPARE(recorded->size(), 1);

        // As before schema 7: no releases table rows; the upgrade's statements again.
        QSqlQuery q(d.f.db().connection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM releases")));
        const auto migrations = schema::migrations(); // kept: at() refers into it
        for (const QString& sql : migrations.at(6))
            if (sql.startsWith(QLatin1String("INSERT")))
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        const auto upgraded = d.f.db().releases(Number);
        QVERIFY(upgraded.ok());
        QCOMPARE(upgraded->size(), 1);
        QCOMPARE(upgraded->first().how, QStringLiteral("decision"));
        QCOMPARE(upgraded->first().inspectionId, id);
        QCOMPARE(upgraded->first().seenAt, first.verifiedAt);
        QCOMPARE(upgraded->first().at, recorded->first().at);
        QCOMPARE(duplicateOf(d.scan().first).status, CheckStatus::Warn);
    }

    void otherDecisionsAreNoRelease()
    {
        Desk d;
        const auto [first, id] = d.scan();
        FlagInput flag;
        flag.reasons = {QStringLiteral("seal broken")};
        const auto caseId = d.door.flag(d.olga, id, flag);
        QVERIFY(d.door.take(d.sam, *caseId).ok());
        QVERIFY(d.door.decide(d.sam, *caseId, Outcome::Seized, QStringLiteral("forged seal")).ok());
        QVERIFY(d.f.db().releases(Number)->isEmpty());
        QCOMPARE(duplicateOf(d.scan().first).status, CheckStatus::Pass);
    }

    void importConfirmedElsewhereWarns()
    {
        Desk d;
        d.f.write([](CacheWriter& w) {
            QVERIFY(w.upsertRevocation(
                {Number, QStringLiteral("used"), QStringLiteral("2026-11-18"), QStringLiteral("DE"), {}}));
        });
        const Inspection insp = d.scan().first;
        QCOMPARE(duplicateOf(insp).status, CheckStatus::Warn);
        QVERIFY2(duplicateOf(insp).detail.contains(QStringLiteral("imported elsewhere")),
                 qPrintable(duplicateOf(insp).detail));
    }

    // A certificate is released once (issue 18 item 4), by an officer or a
    // decision: two inspections scanned before either release cannot both
    // release it, and a decision on another inspection of it is refused.
    void aCertificateIsReleasedOnce()
    {
        Desk d;
        const auto [first, a] = d.scan();
        const auto [second, b] = d.scan(); // both before any release: both accept
        QCOMPARE(first.verdict, Verdict::Accept);
        QCOMPARE(second.verdict, Verdict::Accept);
        QVERIFY(d.physicalCheckMatches(a));
        QVERIFY(d.physicalCheckMatches(b));
        d.f.clock().set(DeskFixture::now().addSecs(600));
        QVERIFY(d.door.release(d.olga, a).ok());
        const Status again = d.door.release(d.olga, b);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("records.already-released"));
        QVERIFY2(
            again.error().message.contains(QStringLiteral("already released at 2026-11-20 12:10:00 UTC by "
                                                          "olga (inspection %1)")
                                               .arg(a)),
            qPrintable(again.error().message));
        // The same inspection released twice: refused too.
        QCOMPARE(d.door.release(d.olga, a).error().code, QStringLiteral("records.already-released"));
        QCOMPARE(d.f.db().releases(Number)->size(), 1);

        // A supervisor's decision on the other inspection cannot release it again...
        FlagInput flag;
        flag.reasons = {QStringLiteral("seal broken")};
        const auto other = d.door.flag(d.olga, b, flag);
        QVERIFY(other.ok());
        QVERIFY(d.door.take(d.sam, *other).ok());
        const Status decided = d.door.decide(d.sam, *other, Outcome::Released, QStringLiteral("papers fine"));
        QCOMPARE(decided.error().code, QStringLiteral("records.already-released"));
        QCOMPARE(d.store.caseRecord(*other)->has_value(), true);
        QVERIFY(d.door.decide(d.sam, *other, Outcome::Refused, QStringLiteral("used before")).ok());
        // ...while a decision on the released inspection itself counts it once.
        const auto own = d.door.flag(d.olga, a, flag);
        QVERIFY(own.ok());
        QVERIFY(d.door.take(d.sam, *own).ok());
        QVERIFY(d.door.decide(d.sam, *own, Outcome::Released, QStringLiteral("seal replaced")).ok());
        QCOMPARE(d.f.db().releases(Number)->size(), 1);
        const auto trail = d.door.verifyTrail();
        QVERIFY(trail.ok() && !trail->failure);
    }

    // A refused release (not accept, no physical check) is not a release.
    void refusedReleaseIsNoRelease()
    {
        Desk d;
        const auto [first, id] = d.scan();
        QVERIFY(!d.door.release(d.olga, id).ok()); // no physical check yet
        QVERIFY(d.f.db().releases(Number)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDuplicate)
#include "test_duplicate.moc"
