// users: add, list, disable accounts and set their passwords.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include "CliTrail.h"
#include "PasswordInput.h"

#include "accounts/Role.h"
#include "util/Printable.h"

#include <QJsonArray>
#include <QJsonObject>

namespace kp::cli {

int runUsers(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("name"), Tr::tr("The account's name."), Tr::tr("NAME")});
    parser.addOption(
        {QStringLiteral("role"), Tr::tr("officer, supervisor or administrator."), Tr::tr("ROLE")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    addUserOption(parser);
    parser.addPositionalArgument(QStringLiteral("ACTION"), Tr::tr("add, list, disable or passwd."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("users"),
            Tr::tr("Manage the desk's accounts. add, disable and passwd sign in as the administrator "
                   "--user ADMIN (or, for passwd, as the account's owner); passwords are read from "
                   "standard input when it is not a terminal, one line each: the signing-in password "
                   "first, then the new one. Only the desk's first account, an administrator, is added "
                   "without --user. A password set by someone else must be changed by its owner "
                   "(users passwd --user NAME --name NAME) before the account does anything else."),
            exitCode))
        return exitCode;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("disable"),
                                     QStringLiteral("passwd")};
    if (pos.size() != 1 || !actions.contains(action)) {
        err() << Tr::tr("users: give one of add, list, disable, passwd.") << Qt::endl;
        return ExitUsage;
    }
    const QString name = parser.value(QStringLiteral("name"));
    if (action != QLatin1String("list") && name.isEmpty()) {
        err() << Tr::tr("users %1: --name NAME is needed.").arg(action) << Qt::endl;
        return ExitUsage;
    }
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    // Who acts (issue 19 item 10): a signed-in administrator, or the owner
    // changing their own password; without --user only the first account.
    Session session = cliSession(*r->door);
    bool first = action == QLatin1String("add") && !parser.isSet(QStringLiteral("user"));
    if (first) { // the door checks again in its transaction
        auto all = r->store->accounts();
        if (!all) {
            err() << Tr::tr("users add: %1").arg(all.error().message) << Qt::endl;
            return ExitUsage;
        }
        first = all->isEmpty();
    }
    if (action != QLatin1String("list") && !first) {
        if (!parser.isSet(QStringLiteral("user"))) {
            err() << Tr::tr("users %1: --user ADMIN is needed (their password first on standard input).")
                         .arg(action)
                  << Qt::endl;
            return ExitUsage;
        }
        auto signedIn = signIn(*r, QStringLiteral("users ") + action, parser.value(QStringLiteral("user")));
        if (!signedIn)
            return ExitRefused;
        session = *signedIn;
    }
    if (action == QLatin1String("list")) {
        auto accounts = r->store->accounts();
        if (!accounts) {
            err() << accounts.error().message << Qt::endl;
            return ExitUsage;
        }
        const QDateTime now = r->clock.nowUtc();
        QJsonArray list;
        for (const AccountRecord& a : *accounts) {
            const QString state = a.disabled                ? QStringLiteral("disabled")
                                  : a.lockout.isLocked(now) ? QStringLiteral("locked")
                                                            : QStringLiteral("active");
            list.append(QJsonObject{{QStringLiteral("id"), a.id},
                                    {QStringLiteral("name"), a.name},
                                    {QStringLiteral("role"), roleName(a.role)},
                                    {QStringLiteral("state"), state},
                                    {QStringLiteral("created_at"), a.createdAt.toString(Qt::ISODateWithMs)}});
            if (!parser.isSet(QStringLiteral("json")))
                out() << printable(a.name).leftJustified(24) << ' ' << roleName(a.role).leftJustified(14)
                      << ' ' << state << '\n';
        }
        if (parser.isSet(QStringLiteral("json")))
            printJson(QJsonObject{{QStringLiteral("accounts"), list}});
        out() << Qt::flush;
        return ExitOk;
    }
    if (action == QLatin1String("disable")) {
        if (auto s = r->door->disableAccount(session, name); !s) {
            err() << Tr::tr("users disable: %1").arg(s.error().message) << Qt::endl;
            return ExitRefused;
        }
        out() << Tr::tr("Account %1 disabled.").arg(printable(name)) << Qt::endl;
        return ExitOk;
    }
    std::optional<Role> role;
    if (action == QLatin1String("add")) {
        auto parsed = parseRole(parser.value(QStringLiteral("role")));
        if (!parsed) {
            err() << Tr::tr("users add: --role is officer, supervisor or administrator.") << Qt::endl;
            return ExitUsage;
        }
        role = *parsed;
    }
    const auto password = readPassword(Tr::tr("New password for %1: ").arg(name));
    if (!password) {
        err() << Tr::tr("users %1: no password on standard input.").arg(action) << Qt::endl;
        return ExitUsage;
    }
    if (role) {
        if (first && *role != Role::Administrator) {
            err() << Tr::tr("users add: the desk's first account is an administrator; then that "
                            "administrator adds the others with --user.")
                  << Qt::endl;
            return ExitUsage;
        }
        auto added = first ? r->door->addFirstAdministrator(session, name, *password)
                           : r->door->addAccount(session, name, *role, *password);
        if (!added) {
            err() << Tr::tr("users add: %1").arg(added.error().message) << Qt::endl;
            return ExitRefused;
        }
        out() << Tr::tr("Account %1 (%2) added: %3")
                     .arg(printable(added->name), roleName(added->role), added->id)
              << Qt::endl;
        return ExitOk;
    }
    if (auto s = r->door->setPassword(session, name, *password); !s) {
        err() << Tr::tr("users passwd: %1").arg(s.error().message) << Qt::endl;
        return ExitRefused;
    }
    out() << Tr::tr("Password of %1 changed.").arg(printable(name)) << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
