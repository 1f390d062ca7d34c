#pragma once

#include "util/Result.h"

#include <QDateTime>

namespace kp {

// When repeated sign-in failures lock an account, and for how long.
struct LockoutPolicy
{
    int threshold = 5;         // consecutive failures that lock
    qint64 firstLockSecs = 60; // the first lock; each further lock doubles it
    qint64 maxLockSecs = 3600; // up to this

    // The length of the lock number `lock` (1 for the first).
    qint64 lockSecs(int lock) const;
};

// An account's sign-in record, as the records store keeps it. Pure values:
// the store persists it, sign-in computes the next one.
struct LockoutState
{
    int failures = 0;      // consecutive failures since the last success or lock
    int locks = 0;         // locks since the last success
    QDateTime lockedUntil; // null when never locked since the last success

    bool isLocked(const QDateTime& now) const { return lockedUntil.isValid() && now < lockedUntil; }

    // Success while unlocked; else "accounts.locked" with a translated
    // message saying until when (UTC, to the second).
    Status check(const QDateTime& now) const;

    friend bool operator==(const LockoutState&, const LockoutState&) = default;
};

// The state after a sign-in attempt at `now`.
//  - success: everything resets;
//  - failure: one more consecutive failure; the threshold-th locks the account for
//    policy.lockSecs(locks + 1) and starts a new count;
//  - while locked, the state does not change: sign-in must call isLocked() first and
//    not even check the password (so guessing during a lock costs nothing and proves nothing).
LockoutState next(const LockoutState& state, bool success, const QDateTime& now,
                  const LockoutPolicy& policy = {});

} // namespace kp
