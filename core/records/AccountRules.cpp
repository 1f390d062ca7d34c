#include "records/AccountRules.h"

#include "records/DeskRecords.h"
#include "util/Printable.h"

#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::AccountRules)
};

bool activeAdministrator(const AccountRecord& a)
{
    return a.role == Role::Administrator && !a.disabled;
}

} // namespace

Status AccountRules::mayChange(const Session& session, const AccountRecord& target,
                               const QList<AccountRecord>& all, bool disabling, Role newRole)
{
    if (!session.accountId.isEmpty() && session.accountId == target.id)
        return makeError(QStringLiteral("records.own-account"),
                         Tr::tr("Four eyes: another administrator changes the role of %1 or disables it, "
                                "not %1.")
                             .arg(printable(target.name)));
    const bool staysAdministrator = !disabling && newRole == Role::Administrator;
    if (activeAdministrator(target) && !staysAdministrator) {
        int others = 0;
        for (const AccountRecord& a : all)
            if (a.id != target.id && activeAdministrator(a))
                ++others;
        if (others == 0)
            return makeError(QStringLiteral("records.last-administrator"),
                             Tr::tr("%1 is the desk's last administrator who can sign in: add another "
                                    "administrator first.")
                                 .arg(printable(target.name)));
    }
    return success();
}

} // namespace kp
