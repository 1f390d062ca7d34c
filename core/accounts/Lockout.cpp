#include "accounts/Lockout.h"

#include <QCoreApplication>

#include <algorithm>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Lockout)
};

} // namespace

qint64 LockoutPolicy::lockSecs(int lock) const
{
    qint64 secs = firstLockSecs;
    for (int i = 1; i < lock && secs < maxLockSecs; ++i)
        secs *= 2;
    return std::min(secs, maxLockSecs);
}

Status LockoutState::check(const QDateTime& now) const
{
    if (!isLocked(now))
        return success();
    return makeError(QStringLiteral("accounts.locked"),
                     Tr::tr("This account is locked after repeated failed sign-ins until %1 UTC.")
                         .arg(lockedUntil.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
}

LockoutState next(const LockoutState& state, bool success, const QDateTime& now, const LockoutPolicy& policy)
{
    if (state.isLocked(now))
        return state;
    if (success)
        return LockoutState{};
    LockoutState after = state;
    if (++after.failures >= policy.threshold) {
        after.failures = 0;
        ++after.locks;
        after.lockedUntil = now.addSecs(policy.lockSecs(after.locks));
    }
    return after;
}

} // namespace kp
