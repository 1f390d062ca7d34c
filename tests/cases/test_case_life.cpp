// The life of a case as pure functions over its events (core/cases/CaseLife).
#include "TestSupport.h"
#include "cases/CaseLife.h"

#include <QJsonArray>
#include <QTest>

using namespace kp;

namespace {

CaseEvent caseEvent(CaseEventKind kind, const QString& actor = QStringLiteral("anna"), QJsonObject data = {})
{
    CaseEvent e;
    e.kind = kind;
    e.actor = actor;
    e.at = QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC);
    e.data = data;
    return e;
}

} // namespace

class TestCaseLife : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    void namesAreStable()
    {
        for (CaseState s : allCaseStates())
            QCOMPARE(caseStateFromName(caseStateName(s)), s);
        QCOMPARE(caseStateName(CaseState::InReview), QStringLiteral("in_review"));
        QCOMPARE(outcomeFromName(QStringLiteral("seized")), Outcome::Seized);
        QVERIFY(!outcomeFromName(QStringLiteral("Seized")));
        QCOMPARE(caseEventKindName(CaseEventKind::Decision), QStringLiteral("decision"));
        QCOMPARE(decisionBasisName(DecisionBasis::OnePersonPost), QStringLiteral("one_person_post"));
    }

    void transitions_data()
    {
        QTest::addColumn<QString>("state"); // "" for a case with no events
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("after");
        QTest::newRow("flag opens") << ""
                                    << "flagged" << true << "open";
        QTest::newRow("nothing before the flag") << ""
                                                 << "review" << false << "";
        QTest::newRow("no second flag") << "open"
                                        << "flagged" << false << "";
        QTest::newRow("take") << "open"
                              << "review" << true << "in_review";
        QTest::newRow("take over") << "in_review"
                                   << "review" << true << "in_review";
        QTest::newRow("no decision untaken") << "open"
                                             << "decision" << false << "";
        QTest::newRow("decide") << "in_review"
                                << "decision" << true << "decided";
        QTest::newRow("no second decision") << "decided"
                                            << "decision" << false << "";
        QTest::newRow("escalate") << "decided"
                                  << "escalated" << true << "escalated";
        QTest::newRow("reply") << "escalated"
                               << "reply" << true << "escalated";
        QTest::newRow("no reply unescalated") << "decided"
                                              << "reply" << false << "";
        QTest::newRow("close decided") << "decided"
                                       << "closed" << true << "closed";
        QTest::newRow("close escalated") << "escalated"
                                         << "closed" << true << "closed";
        QTest::newRow("no close undecided") << "in_review"
                                            << "closed" << false << "";
        QTest::newRow("reopen") << "closed"
                                << "reopened" << true << "in_review";
        QTest::newRow("no reopen open") << "open"
                                        << "reopened" << false << "";
        QTest::newRow("note on closed") << "closed"
                                        << "note" << true << "closed";
        QTest::newRow("evidence in review") << "in_review"
                                            << "evidence" << true << "in_review";
    }

    void transitions()
    {
        QFETCH(QString, state);
        QFETCH(QString, kind);
        QFETCH(bool, allowed);
        QFETCH(QString, after);
        const std::optional<CaseState> from = state.isEmpty() ? std::nullopt : caseStateFromName(state);
        const CaseEventKind k = *caseEventKindFromName(kind);
        const Status s = CaseLife::allowed(from, k);
        QCOMPARE(s.ok(), allowed);
        if (!allowed) {
            QCOMPARE(s.error().code, QStringLiteral("cases.transition"));
            return;
        }
        QCOMPARE(caseStateName(CaseLife::after(from.value_or(CaseState::Open), k)), after);
    }

    void actionsFollowThePermissionTable()
    {
        QCOMPARE(CaseLife::actionFor(CaseEventKind::Decision), Action::Decide);
        QCOMPARE(CaseLife::actionFor(CaseEventKind::Review), Action::TakeCase);
        QCOMPARE(CaseLife::actionFor(CaseEventKind::Note), Action::AddNote);
        QCOMPARE(CaseLife::actionFor(CaseEventKind::Closed), Action::Close);
        QCOMPARE(CaseLife::actionFor(CaseEventKind::Reopened), Action::Reopen);
        QVERIFY(!Permissions::may(Role::Officer, CaseLife::actionFor(CaseEventKind::Decision)));
    }

    void replayReadsTheWholeLife()
    {
        QList<CaseEvent> events{
            caseEvent(CaseEventKind::Flagged, QStringLiteral("olga"),
                      {{QStringLiteral("reasons"), QJsonArray{QStringLiteral("seal broken")}},
                       {QStringLiteral("held"), true}}),
            caseEvent(CaseEventKind::Note, QStringLiteral("olga"),
                      {{QStringLiteral("text"), QStringLiteral("x")}}),
            caseEvent(CaseEventKind::Review, QStringLiteral("sam")),
        };
        auto facts = CaseLife::replay(events);
        QVERIFY(facts.ok());
        QCOMPARE(facts->state, CaseState::InReview);
        QCOMPARE(facts->flaggedBy, QStringLiteral("olga"));
        QCOMPARE(facts->reviewer, QStringLiteral("sam"));
        QVERIFY(facts->held);
        QCOMPARE(facts->reasons, QStringList{QStringLiteral("seal broken")});

        events << caseEvent(CaseEventKind::Decision, QStringLiteral("sam"),
                            {{QStringLiteral("outcome"), QStringLiteral("released")}});
        facts = CaseLife::replay(events);
        QCOMPARE(facts->state, CaseState::Decided);
        QCOMPARE(facts->outcome, Outcome::Released);
        QVERIFY(!facts->held); // a release lets the shipment go

        events << caseEvent(CaseEventKind::Closed, QStringLiteral("sam"))
               << caseEvent(CaseEventKind::Reopened, QStringLiteral("sam"));
        facts = CaseLife::replay(events);
        QCOMPARE(facts->state, CaseState::InReview);
        QVERIFY(!facts->outcome);
    }

    void replayRefusesWhatNoDoorWrites()
    {
        const QList<CaseEvent> events{caseEvent(CaseEventKind::Flagged), caseEvent(CaseEventKind::Decision)};
        const auto facts = CaseLife::replay(events);
        QVERIFY(!facts.ok());
        QCOMPARE(facts.error().code, QStringLiteral("cases.transition"));
        QCOMPARE(CaseLife::replay({caseEvent(CaseEventKind::Note)}).error().code,
                 QStringLiteral("cases.transition"));
    }

    void attachmentLimit()
    {
        QVERIFY(CaseLife::checkAttachment(QStringLiteral("a.jpg"), CaseLife::MaxAttachmentBytes).ok());
        const Status s = CaseLife::checkAttachment(QStringLiteral("a.jpg"), CaseLife::MaxAttachmentBytes + 1);
        QCOMPARE(s.error().code, QStringLiteral("cases.attachment-too-large"));
        QVERIFY(s.error().message.contains(QStringLiteral("20 MiB")));
        QVERIFY(s.error().message.contains(QStringLiteral("a.jpg")));
    }
};

QTEST_GUILESS_MAIN(TestCaseLife)
#include "test_case_life.moc"
