#pragma once

// The demo desk's people: an officer, a supervisor and an administrator,
// whose names and passwords the sign-in screen shows (marked DEMO). Made on
// a demo desk that has no account yet.

#include "accounts/Role.h"
#include "util/Result.h"

#include <QList>
#include <QString>

namespace kp {
class DeskRecords;
}

namespace kp::ui {

struct DemoAccount
{
    QString name;
    Role role = Role::Officer;
    QString password;
};

QList<DemoAccount> demoAccounts();

// Adds the demo accounts when the desk has no account at all (the desk's
// files act, as on the command line: actor "cli:demo").
Status ensureDemoAccounts(DeskRecords& door);

} // namespace kp::ui
