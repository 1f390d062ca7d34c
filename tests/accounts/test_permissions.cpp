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

const QList<Action> kAllActions{
    Action::Verify,         Action::RecordPhysicalCheck, Action::Flag,     Action::AddNote,
    Action::AddEvidence,    Action::ReleaseAccepted,     Action::TakeCase, Action::Decide,
    Action::Escalate,       Action::RecordReply,         Action::Close,    Action::Reopen,
    Action::ManageAccounts, Action::ChangeSettings};

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
        QTest::newRow("verify") << Action::Verify << true << true << false;
        QTest::newRow("record physical check") << Action::RecordPhysicalCheck << true << true << false;
        QTest::newRow("flag") << Action::Flag << true << true << false;
        QTest::newRow("add note") << Action::AddNote << true << true << true;
        QTest::newRow("add evidence") << Action::AddEvidence << true << true << true;
        QTest::newRow("release accepted") << Action::ReleaseAccepted << true << true << false;
        QTest::newRow("take case") << Action::TakeCase << false << true << false;
        QTest::newRow("decide") << Action::Decide << false << true << false;
        QTest::newRow("escalate") << Action::Escalate << false << true << false;
        QTest::newRow("record reply") << Action::RecordReply << false << true << false;
        QTest::newRow("close") << Action::Close << false << true << false;
        QTest::newRow("reopen") << Action::Reopen << false << true << false;
        QTest::newRow("manage accounts") << Action::ManageAccounts << false << false << true;
        QTest::newRow("change settings") << Action::ChangeSettings << false << false << true;
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
        QCOMPARE(kAllActions.size(), 14);
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
        const auto r = Permissions::mayDecide(role, actor, flaggedBy, onePersonPost);
        if (code.isEmpty()) {
            QVERIFY(r.ok());
            QCOMPARE(*r, basis);
            return;
        }
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QVERIFY(!r.error().message.isEmpty());
        if (code == QStringLiteral("accounts.four-eyes"))
            QVERIFY(r.error().message.contains(actor));
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "test_permissions.moc"
