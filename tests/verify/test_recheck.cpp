// A stored inspection verified again against today's data (Recheck), and
// what changed since (InspectionChanges): status, detail and verdict changes
// in words, "no change" only when nothing changed, and an error (never "no
// change") when the input is not stored or the desk's data cannot be read.
#include "CacheDamage.h"
#include "DeskFixture.h"
#include "TestSupport.h"

#include "verify/Recheck.h"

#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

Inspection inspectionWith(const QList<CheckResult>& checks)
{
    Inspection insp;
    insp.input = ScanInput{QStringLiteral("BW-2026-000001"), {}, {}};
    insp.source = SourceKind::PlainNumber;
    insp.number = QStringLiteral("BW-2026-000001");
    insp.checks = checks;
    insp.verdict = verdictFor(checks);
    insp.verifiedAt = DeskFixture::now();
    insp.inspectionDate = DeskFixture::now().date();
    return insp;
}

const QList<CheckResult> Genuine{
    {CheckName::Format, CheckStatus::Pass, QStringLiteral("ok")},
    {CheckName::Signature, CheckStatus::Pass, QStringLiteral("ok")},
    {CheckName::Signer, CheckStatus::Pass, QStringLiteral("ok")},
    {CheckName::Registry, CheckStatus::Warn, QStringLiteral("no record")},
    {CheckName::Revocation, CheckStatus::Pass, QStringLiteral("Not revoked.")},
    {CheckName::Freshness, CheckStatus::Pass, QStringLiteral("Data 1")},
};

QList<CheckResult> with(QList<CheckResult> checks, const CheckResult& changed)
{
    for (auto& c : checks)
        if (c.check == changed.check)
            c = changed;
    return checks;
}

} // namespace

class TestRecheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void nothingChanged()
    {
        const QJsonObject then = inspectionWith(Genuine).toJson();
        const auto changes = InspectionChanges::between(then, then);
        QVERIFY(changes.isEmpty());
        QCOMPARE(changes.lines(DeskFixture::now()),
                 QStringList{QStringLiteral("No change since 2026-11-20 12:00 UTC.")});
    }

    void statusAndVerdictChanges()
    {
        const QJsonObject then = inspectionWith(Genuine).toJson();
        auto checks =
            with(Genuine, {CheckName::Registry, CheckStatus::Pass, QStringLiteral("record arrived")});
        checks =
            with(checks, {CheckName::Revocation, CheckStatus::Fail, QStringLiteral("Revoked as stolen.")});
        checks = with(checks, {CheckName::Freshness, CheckStatus::Pass, QStringLiteral("Data 2")});
        checks.move(checks.size() - 1, 0); // a detail alone comes after every status change
        const QJsonObject now = inspectionWith(checks).toJson();
        const auto changes = InspectionChanges::between(then, now);
        QCOMPARE(changes.changes.size(), 4);
        QCOMPARE(changes.changes.last().check, CheckName::Freshness);

        const InspectionChange* verdict = changes.change(QString());
        QVERIFY(verdict && verdict->isVerdict());
        QCOMPARE(changes.changes.first().check, QString()); // the verdict first
        QCOMPARE(verdict->was, QStringLiteral("doubt"));
        QCOMPARE(verdict->now, QStringLiteral("reject"));
        QCOMPARE(verdict->text(), QStringLiteral("verdict: was DOUBT, now REJECT"));

        const InspectionChange* revocation = changes.change(CheckName::Revocation);
        QVERIFY(revocation && revocation->statusChanged());
        QCOMPARE(revocation->text(), QStringLiteral("Revocation: was pass, now FAIL — Revoked as stolen."));
        const InspectionChange* registry = changes.change(CheckName::Registry);
        QVERIFY(registry);
        QCOMPARE(registry->wasDetail, QStringLiteral("no record"));
        QCOMPARE(registry->text(), QStringLiteral("Registry: was warn, now pass — record arrived"));
        QVERIFY(!changes.change(CheckName::Signature));
        QCOMPARE(changes.lines(DeskFixture::now()).size(), 4);
    }

    void detailOnlyChange()
    {
        const QJsonObject then = inspectionWith(Genuine).toJson();
        const QJsonObject now =
            inspectionWith(with(Genuine, {CheckName::Freshness, CheckStatus::Pass, QStringLiteral("Data 2")}))
                .toJson();
        const auto changes = InspectionChanges::between(then, now);
        QCOMPARE(changes.changes.size(), 1); // the verdict did not change
        const InspectionChange& c = changes.changes.first();
        QCOMPARE(c.check, CheckName::Freshness);
        QVERIFY(!c.statusChanged());
        QCOMPARE(c.text(), QStringLiteral("Data freshness: still pass — now: Data 2 (then: Data 1)"));
    }

    // Issue 21: verified again after a change of language, every detail is
    // in other words; only statuses (and the verdict) can have changed.
    void anotherLanguageComparesStatusesOnly()
    {
        QJsonObject then = inspectionWith(Genuine).toJson();
        then.insert(DetailsLanguageKey, QStringLiteral("en"));
        QList<CheckResult> french = Genuine;
        for (CheckResult& c : french)
            c.detail = QStringLiteral("en français : ") + c.detail;
        QJsonObject now = inspectionWith(french).toJson();
        now.insert(DetailsLanguageKey, QStringLiteral("fr"));
        QVERIFY2(InspectionChanges::between(then, now).isEmpty(),
                 qPrintable(InspectionChanges::between(then, now).lines(DeskFixture::now()).join(u'\n')));

        now = inspectionWith(
                  with(french, {CheckName::Revocation, CheckStatus::Fail, QStringLiteral("Révoqué.")}))
                  .toJson();
        now.insert(DetailsLanguageKey, QStringLiteral("fr"));
        const auto changes = InspectionChanges::between(then, now);
        QCOMPARE(changes.changes.size(), 2); // the verdict and the revocation
        QVERIFY(changes.change(CheckName::Revocation));
        // In one language, a detail alone is still a change.
        now =
            inspectionWith(with(Genuine, {CheckName::Freshness, CheckStatus::Pass, QStringLiteral("Data 2")}))
                .toJson();
        now.insert(DetailsLanguageKey, QStringLiteral("en"));
        QCOMPARE(InspectionChanges::between(then, now).changes.size(), 1);
    }

    void checkOnOneSideOnly()
    {
        QList<CheckResult> fewer = Genuine;
        fewer.removeLast();
        const auto changes =
            InspectionChanges::between(inspectionWith(fewer).toJson(), inspectionWith(Genuine).toJson());
        QCOMPARE(changes.changes.size(), 1);
        QCOMPARE(changes.changes.first().text(),
                 QStringLiteral("Data freshness: not in the inspection then, now pass — Data 1"));
        const auto back =
            InspectionChanges::between(inspectionWith(Genuine).toJson(), inspectionWith(fewer).toJson());
        QCOMPARE(back.changes.first().text(), QStringLiteral("Data freshness: was pass, not checked now"));
    }

    // Flagged in doubt (the registry had no record yet); since then the
    // registry's record arrived and the certificate was revoked.
    void revokedSinceTheFlag()
    {
        DeskFixture f;
        const auto rec = f.record();
        VerifyOptions atTheDesk;
        atTheDesk.recordPresentation = true;
        const Inspection then = f.verifyRecord(rec, atTheDesk);
        QCOMPARE(then.verdict, Verdict::Doubt);
        QCOMPARE(then.check(CheckName::Registry)->status, CheckStatus::Warn);
        QCOMPARE(then.check(CheckName::Duplicate)->status, CheckStatus::Pass);
        QCOMPARE(f.db().presentations(rec.number)->size(), 1);
        const QJsonObject stored = then.toJson();
        const Verifier verifier(f.db(), f.clock());

        // At once: nothing changed, and its own presentation is no re-use.
        auto same = recheckInspection(verifier, stored, then.verifiedAt);
        QVERIFY2(same.ok(), qPrintable(same.ok() ? QString() : same.error().message));
        QVERIFY2(same->changes.isEmpty(), qPrintable(same->changes.lines(then.verifiedAt).join(u'\n')));
        QCOMPARE(same->today.check(CheckName::Duplicate)->status, CheckStatus::Pass);

        // A day later the registry has its record, and BW revoked it as stolen.
        f.clock().set(DeskFixture::now().addDays(1));
        f.registerRecord(rec);
        f.write([&](CacheWriter& w) {
            QVERIFY(w.upsertRevocation({rec.number, QStringLiteral("stolen"), QStringLiteral("2026-11-21"),
                                        QStringLiteral("BW"), QString()}));
        });
        auto again = recheckInspection(verifier, stored, then.verifiedAt);
        QVERIFY(again.ok());
        QCOMPARE(again->today.verdict, Verdict::Reject);
        QCOMPARE(again->today.verifiedAt, DeskFixture::now().addDays(1));
        QCOMPARE(again->today.inspectionDate, f.clock().today());
        const InspectionChange* revocation = again->changes.change(CheckName::Revocation);
        QVERIFY(revocation);
        QCOMPARE(revocation->was, QStringLiteral("pass"));
        QCOMPARE(revocation->now, QStringLiteral("fail"));
        QVERIFY2(
            revocation->text().startsWith(QStringLiteral("Revocation: was pass, now FAIL — Revoked as ")),
            qPrintable(revocation->text()));
        const InspectionChange* registry = again->changes.change(CheckName::Registry);
        QVERIFY(registry);
        QCOMPARE(registry->was, QStringLiteral("warn"));
        QCOMPARE(registry->now, QStringLiteral("pass"));
        const InspectionChange* verdict = again->changes.change(QString());
        QVERIFY(verdict);
        QCOMPARE(verdict->text(), QStringLiteral("verdict: was DOUBT, now REJECT"));
        QVERIFY(!again->changes.change(CheckName::Duplicate));
        QVERIFY(!again->changes.change(CheckName::Signature));
        // The stored inspection is untouched, and verifying again is no presentation.
        QCOMPARE(stored, then.toJson());
        QCOMPARE(f.db().presentations(rec.number)->size(), 1);
    }

    // Scanned again at the desk after the inspection: checking again is no
    // presentation, so nothing changed (test_duplicate: a release is).
    void laterScanIsNoChange()
    {
        DeskFixture f;
        const auto rec = f.record();
        f.registerRecord(rec);
        VerifyOptions atTheDesk;
        atTheDesk.recordPresentation = true;
        const Inspection then = f.verifyRecord(rec, atTheDesk);
        QCOMPARE(then.verdict, Verdict::Accept);
        f.clock().set(DeskFixture::now().addSecs(3600));
        (void)f.verifyRecord(rec, atTheDesk);

        auto again = recheckInspection(Verifier(f.db(), f.clock()), then.toJson(), then.verifiedAt);
        QVERIFY(again.ok());
        QVERIFY(!again->changes.change(CheckName::Duplicate));
        QCOMPARE(again->today.verdict, Verdict::Accept);
    }

    void inputNotStoredIsAnError()
    {
        DeskFixture f;
        const auto rec = f.record();
        const Inspection then = f.verifyRecord(rec);
        QJsonObject stored = then.toJson();
        QCOMPARE(stored.value(QStringLiteral("text")).toString(), then.input.text);
        stored.remove(QStringLiteral("text")); // as stored before the text was kept
        auto again = recheckInspection(Verifier(f.db(), f.clock()), stored, then.verifiedAt);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("recheck.no-input"));

        // A plain number needs no more than the number.
        f.registerRecord(rec);
        const Inspection byNumber = f.verifyText(rec.number);
        QJsonObject old = byNumber.toJson();
        old.remove(QStringLiteral("text"));
        auto numberAgain = recheckInspection(Verifier(f.db(), f.clock()), old, byNumber.verifiedAt);
        QVERIFY2(numberAgain.ok(), qPrintable(numberAgain.ok() ? QString() : numberAgain.error().message));
        QCOMPARE(numberAgain->today.source, SourceKind::PlainNumber);
        QVERIFY(numberAgain->changes.isEmpty());
    }

    void unreadableDataIsAnError()
    {
        DeskFixture f;
        const auto rec = f.record();
        const Inspection then = f.verifyRecord(rec);
        QVERIFY(execute(f.db().path(), QStringLiteral("DROP TABLE revoked")));
        auto again = recheckInspection(Verifier(f.db(), f.clock()), then.toJson(), then.verifiedAt);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("recheck.data"));
        QVERIFY2(again.error().message.startsWith(QStringLiteral("Not verified again: ")),
                 qPrintable(again.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRecheck)
#include "test_recheck.moc"
