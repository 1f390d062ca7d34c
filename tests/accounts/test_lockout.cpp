// The lockout policy as pure logic: five consecutive failures lock an
// account for 1 min, each further lock doubles it up to 1 h, success resets.
#include "TestSupport.h"
#include "accounts/Lockout.h"

#include <QtTest>

using namespace kp;

namespace {

const QDateTime t0(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC);

// n failed attempts one second apart, from `at`; `at` ends after the last.
LockoutState fail(LockoutState s, int n, QDateTime& at)
{
    for (int i = 0; i < n; ++i) {
        s = next(s, false, at);
        at = at.addSecs(1);
    }
    return s;
}

} // namespace

class TestLockout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void lockLengthsDoubleUpToAnHour()
    {
        const LockoutPolicy p;
        QCOMPARE(p.lockSecs(1), 60);
        QCOMPARE(p.lockSecs(2), 120);
        QCOMPARE(p.lockSecs(3), 240);
        QCOMPARE(p.lockSecs(6), 1920);
        QCOMPARE(p.lockSecs(7), 3600);
        QCOMPARE(p.lockSecs(1000), 3600);
    }

    void fifthConsecutiveFailureLocks()
    {
        QDateTime at = t0;
        LockoutState s = fail({}, 4, at);
        QCOMPARE(s.failures, 4);
        QVERIFY(!s.isLocked(at));
        QVERIFY(s.check(at).ok());
        s = next(s, false, at); // 5th, at 08:00:04
        QCOMPARE(s.failures, 0);
        QCOMPARE(s.locks, 1);
        QCOMPARE(s.lockedUntil, t0.addSecs(4 + 60));
        QVERIFY(s.isLocked(at));
        QVERIFY(s.isLocked(t0.addSecs(4 + 59)));
        QVERIFY(!s.isLocked(t0.addSecs(4 + 60)));
        const Status locked = s.check(at);
        QCOMPARE(locked.error().code, QStringLiteral("accounts.locked"));
        QCOMPARE(locked.error().message,
                 QStringLiteral(
                     "This account is locked after repeated failed sign-ins until 2026-11-30 08:01:04 UTC."));
    }

    void attemptsDuringALockChangeNothing()
    {
        QDateTime at = t0;
        const LockoutState locked = fail({}, 5, at);
        QCOMPARE(next(locked, false, t0.addSecs(30)), locked);
        QCOMPARE(next(locked, true, t0.addSecs(30)), locked); // sign-in must not even try
    }

    void locksGrowUntilASuccess()
    {
        // Each lock is waited out, then five more failures.
        QDateTime at = t0;
        LockoutState s;
        const qint64 expected[] = {60, 120, 240, 480, 960, 1920, 3600, 3600};
        for (int lock = 0; lock < 8; ++lock) {
            s = fail(s, 5, at);
            const QDateTime lockedAt = at.addSecs(-1);
            QCOMPARE(s.locks, lock + 1);
            QCOMPARE(lockedAt.secsTo(s.lockedUntil), expected[lock]);
            at = s.lockedUntil;
        }
        s = next(s, true, at);
        QCOMPARE(s, LockoutState{});
        s = fail(s, 5, at);
        QCOMPARE(s.locks, 1);
        QCOMPARE(at.addSecs(-1).secsTo(s.lockedUntil), 60);
    }

    void successResetsTheCount()
    {
        QDateTime at = t0;
        LockoutState s = fail({}, 4, at);
        s = next(s, true, at);
        QCOMPARE(s, LockoutState{});
        s = fail(s, 4, at);
        QVERIFY(!s.isLocked(at));
        QCOMPARE(s.failures, 4);
    }

    void policyIsConfigurable()
    {
        const LockoutPolicy p{3, 10, 25};
        QDateTime at = t0;
        LockoutState s;
        for (int i = 0; i < 3; ++i)
            s = next(s, false, at, p);
        QCOMPARE(at.secsTo(s.lockedUntil), 10);
        at = s.lockedUntil;
        for (int i = 0; i < 3; ++i)
            s = next(s, false, at, p);
        QCOMPARE(at.secsTo(s.lockedUntil), 20);
        at = s.lockedUntil;
        for (int i = 0; i < 3; ++i)
            s = next(s, false, at, p);
        QCOMPARE(at.secsTo(s.lockedUntil), 25);
    }
};

QTEST_GUILESS_MAIN(TestLockout)
#include "test_lockout.moc"
