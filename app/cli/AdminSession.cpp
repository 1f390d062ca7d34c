#include "AdminSession.h"

#include "CliRecords.h"
#include "CliSupport.h"
#include "CliTrail.h"

#include "accounts/Permissions.h"

namespace kp::cli {

void addAdministratorOption(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("user"),
                      Tr::tr("The administrator who makes the change (password on standard input); needed "
                             "once the desk has accounts."),
                      Tr::tr("ADMIN")});
}

std::optional<Session> administratorSession(DeskRecords& door, const QCommandLineParser& parser,
                                            const QString& command)
{
    const auto accounts = door.store().accounts();
    if (!accounts) {
        err() << Tr::tr("%1: %2").arg(command, accounts.error().message) << Qt::endl;
        return std::nullopt;
    }
    if (accounts->isEmpty())
        return cliSession(door);
    if (!parser.isSet(QStringLiteral("user"))) {
        err() << Tr::tr("%1: this desk has accounts: an administrator makes this change with --user ADMIN "
                        "(their password on standard input).")
                     .arg(command)
              << Qt::endl;
        return std::nullopt;
    }
    const QString user = parser.value(QStringLiteral("user"));
    auto session = signIn(door, command, user);
    if (!session)
        return std::nullopt;
    Status allowed = Permissions::check(session->role, Action::ChangeSettings);
    if (allowed && session->mustChangePassword)
        allowed = makeError(QStringLiteral("accounts.must-change-password"),
                            Tr::tr("%1's password was set by someone else: they change it first (kpdesk-cli "
                                   "users passwd --user %1 --name %1).")
                                .arg(user));
    if (!allowed) {
        err() << Tr::tr("%1: %2").arg(command, allowed.error().message) << Qt::endl;
        (void)door.signOut(*session); // the refusal is the answer; a failed sign-out changes nothing
        return std::nullopt;
    }
    return *session;
}

} // namespace kp::cli
