// Roles, the permission table of kp-cases.md and the four-eyes rule.
#include "TestSupport.h"
#include "accounts/Permissions.h"

#include <QSet>
#include <QtTest>

using namespace kp;

Q_DECLARE_METATYPE(Role)
Q_DECLARE_METATYPE(Action)
Q_DECLARE_METATYPE(DecisionBasis)

namespace {

// The permission table of kp-cases.md, "People and roles", as the test expects it.
struct Expected
{
    Action action;
    const char* row;
    bool officer, supervisor, administrator;
};
const Expected kTable[]{
    {Action::Verify, "verify", true, true, false},
    {Action::RecordPhysicalCheck, "record physical check", true, true, false},
    {Action::Flag, "flag", true, true, false},
    {Action::AddNote, "add note", true, true, true},
    {Action::AddEvidence, "add evidence", true, true, true},
    {Action::ReleaseAccepted, "release accepted", true, true, false},
    {Action::TakeCase, "take case", false, true, false},
    {Action::Decide, "decide", false, true, false},
    {Action::Escalate, "escalate", false, true, false},
    {Action::RecordReply, "record reply", false, true, false},
    {Action::Close, "close", false, true, false},
    {Action::Reopen, "reopen", false, true, false},
    {Action::ManageAccounts, "manage accounts", false, false, true},
    {Action::ChangeSettings, "change settings", false, false, true},
};

QList<Action> allActions()
{
    QList<Action> all;
    for (const Expected& e : kTable)
        all.append(e.action);
    return all;
}
const QList<Action> kAllActions = allActions();

} // namespace

class TestPermissions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void roleNamesAreStable()
    {
        QCOMPARE(roleName(Role::Officer), QStringLiteral("officer"));
        QCOMPARE(roleName(Role::Supervisor), QStringLiteral("supervisor"));
        QCOMPARE(roleName(Role::Administrator), QStringLiteral("administrator"));
        for (Role r : {Role::Officer, Role::Supervisor, Role::Administrator}) {
            QCOMPARE(*parseRole(roleName(r)), r);
            QVERIFY(!roleTitle(r).isEmpty());
        }
        for (const char* bad : {"Officer", "admin", "", " officer"}) {
            const auto r = parseRole(QString::fromLatin1(bad));
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QStringLiteral("accounts.unknown-role"));
        }
    }

    void actionNamesAreStableAndDistinct()
    {
        QSet<QString> names;
        for (Action a : kAllActions) {
            const QString name = actionName(a);
            QVERIFY(!name.isEmpty());
            names.insert(name);
            QCOMPARE(*parseAction(name), a);
        }
        QCOMPARE(names.size(), kAllActions.size());
        QCOMPARE(actionName(Action::RecordPhysicalCheck), QStringLiteral("record_physical_check"));
        QCOMPARE(parseAction(QStringLiteral("fly")).error().code, QStringLiteral("accounts.unknown-action"));
    }

    void permissionTable_data()
    {
        QTest::addColumn<Action>("action");
        QTest::addColumn<bool>("officer");
        QTest::addColumn<bool>("supervisor");
        QTest::addColumn<bool>("administrator");
        for (const Expected& e : kTable)
            QTest::newRow(e.row) << e.action << e.officer << e.supervisor << e.administrator;
    }

    void permissionTable()
    {
        QFETCH(Action, action);
        QFETCH(bool, officer);
        QFETCH(bool, supervisor);
        QFETCH(bool, administrator);
        QCOMPARE(Permissions::may(Role::Officer, action), officer);
        QCOMPARE(Permissions::may(Role::Supervisor, action), supervisor);
        QCOMPARE(Permissions::may(Role::Administrator, action), administrator);
        for (Role r : {Role::Officer, Role::Supervisor, Role::Administrator}) {
            const Status s = Permissions::check(r, action);
            QCOMPARE(s.ok(), Permissions::may(r, action));
            if (!s.ok()) {
                QCOMPARE(s.error().code, QStringLiteral("accounts.not-permitted"));
                QVERIFY(s.error().message.startsWith(QStringLiteral("The role ")));
            }
        }
    }

    void everyActionIsInTheTable()
    {
        // Every action the core knows by name (its enum values, walked through
        // their underlying integers) is in the table above, so an action added
        // to the core without a decision on who may do it fails here; and a
        // value the core does not name is refused to every role.
        QSet<Action> named;
        for (int i = -1; i < 64; ++i) {
            const auto action = static_cast<Action>(i);
            const QString name = actionName(action);
            if (name.isEmpty()) {
                for (Role r : {Role::Officer, Role::Supervisor, Role::Administrator})
                    QVERIFY2(!Permissions::may(r, action), qPrintable(QString::number(i)));
                continue;
            }
            QVERIFY2(kAllActions.contains(action), qPrintable(name));
            named.insert(action);
        }
        QCOMPARE(named.size(), kAllActions.size());
        // A supervisor may everything an officer may.
        for (Action a : kAllActions)
            QVERIFY(!Permissions::may(Role::Officer, a) || Permissions::may(Role::Supervisor, a));
    }

    void fourEyes_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QString>("flaggedBy");
        QTest::addColumn<bool>("onePersonPost");
        QTest::addColumn<QString>("code");
        QTest::addColumn<DecisionBasis>("basis");
        const QString anna = QStringLiteral("anna");
        const QString kagiso = QStringLiteral("kagiso");
        QTest::newRow("another supervisor")
            << Role::Supervisor << kagiso << anna << false << QString() << DecisionBasis::FourEyes;
        QTest::newRow("another, on a one-person post")
            << Role::Supervisor << kagiso << anna << true << QString() << DecisionBasis::FourEyes;
        QTest::newRow("who flagged it")
            << Role::Supervisor << anna << anna << false << "accounts.four-eyes" << DecisionBasis::FourEyes;
        QTest::newRow("who flagged it, other case")
            << Role::Supervisor << QStringLiteral("Anna") << anna << false << "accounts.four-eyes"
            << DecisionBasis::FourEyes;
        QTest::newRow("who flagged it, one-person post")
            << Role::Supervisor << anna << anna << true << QString() << DecisionBasis::OnePersonPost;
        QTest::newRow("officer") << Role::Officer << kagiso << anna << false << "accounts.not-permitted"
                                 << DecisionBasis::FourEyes;
        QTest::newRow("officer, one-person post")
            << Role::Officer << anna << anna << true << "accounts.not-permitted" << DecisionBasis::FourEyes;
        QTest::newRow("administrator") << Role::Administrator << kagiso << anna << false
                                       << "accounts.not-permitted" << DecisionBasis::FourEyes;
        QTest::newRow("flagger unknown") << Role::Supervisor << kagiso << QString() << false
                                         << "accounts.no-flagger" << DecisionBasis::FourEyes;
    }

    void fourEyes()
    {
        QFETCH(Role, role);
        QFETCH(QString, actor);
        QFETCH(QString, flaggedBy);
        QFETCH(bool, onePersonPost);
        QFETCH(QString, code);
        QFETCH(DecisionBasis, basis);
        // The same rule for deciding and, from the review on, for taking (issue 21 item 10).
        for (const auto& r : {Permissions::mayDecide(role, actor, flaggedBy, onePersonPost),
                              Permissions::mayTake(role, actor, flaggedBy, onePersonPost)}) {
            if (code.isEmpty()) {
                QVERIFY(r.ok());
                QCOMPARE(*r, basis);
                continue;
            }
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, code);
            QVERIFY(!r.error().message.isEmpty());
            if (code == QStringLiteral("accounts.four-eyes"))
                QVERIFY(r.error().message.contains(actor));
        }
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "test_permissions.moc"
