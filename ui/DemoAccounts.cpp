#include "DemoAccounts.h"

#include "records/DeskRecords.h"

namespace kp::ui {

QList<DemoAccount> demoAccounts()
{
    return {
        {QStringLiteral("officer"), Role::Officer, QStringLiteral("officer-demo")},
        {QStringLiteral("supervisor"), Role::Supervisor, QStringLiteral("supervisor-demo")},
        {QStringLiteral("administrator"), Role::Administrator, QStringLiteral("administrator-demo")},
    };
}

Status ensureDemoAccounts(DeskRecords& door)
{
    auto existing = door.store().accounts();
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return success();
    const Session desk = Session::forCommandLine(QStringLiteral("demo"));
    for (const DemoAccount& a : demoAccounts())
        if (auto added = door.addAccount(desk, a.name, a.role, a.password); !added)
            return added.error();
    return success();
}

} // namespace kp::ui
