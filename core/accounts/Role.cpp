#include "accounts/Role.h"

#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Role)
};

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Officer:
        return QStringLiteral("officer");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Administrator:
        return QStringLiteral("administrator");
    }
    return {};
}

Result<Role> parseRole(const QString& name)
{
    for (Role r : {Role::Officer, Role::Supervisor, Role::Administrator}) {
        if (name == roleName(r))
            return r;
    }
    return makeError(QStringLiteral("accounts.unknown-role"),
                     Tr::tr("Unknown role \u201c%1\u201d: officer, supervisor or administrator.").arg(name));
}

QString roleTitle(Role role)
{
    switch (role) {
    case Role::Officer:
        return Tr::tr("Officer");
    case Role::Supervisor:
        return Tr::tr("Supervisor");
    case Role::Administrator:
        return Tr::tr("Administrator");
    }
    return {};
}

} // namespace kp
