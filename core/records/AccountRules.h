#pragma once

// Four eyes on accounts (issue 21 item 7, docs/spec-notes.md): an account's
// role and whether it may sign in are changed by someone else, never by its
// owner, and the desk always keeps an administrator who can sign in, so
// that accounts can still be managed.

#include "records/RecordsStore.h"

namespace kp {

struct Session;

class AccountRules
{
public:
    // May `session` disable `target`, or give it `newRole`?
    // Error codes: "records.own-account" (a person's own account),
    // "records.last-administrator" (the desk's last enabled administrator).
    static Status mayChange(const Session& session, const AccountRecord& target,
                            const QList<AccountRecord>& all, bool disabling, Role newRole);
};

} // namespace kp
