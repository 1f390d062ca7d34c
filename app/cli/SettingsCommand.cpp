// settings: show or change the desk's settings.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include "util/Printable.h"

#include <QFileInfo>

namespace kp::cli {

int runSettings(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("one-person-post"),
                      Tr::tr("on: a supervisor may decide a case they flagged (the decision says so)."),
                      Tr::tr("on|off")});
    parser.addOption(
        {QStringLiteral("idle-lock-minutes"), Tr::tr("Lock an idle desk after N minutes."), Tr::tr("N")});
    parser.addOption({QStringLiteral("desk-name"), Tr::tr("What people call this desk."), Tr::tr("NAME")});
    parser.addOption({QStringLiteral("outbox-intake"),
                      Tr::tr("The home authority's intake base URL (https) for the outbox; '' for none."),
                      Tr::tr("URL")});
    parser.addOption({QStringLiteral("outbox-ca"),
                      Tr::tr("A CA file (PEM) trusted for the intake server besides the system's."),
                      Tr::tr("FILE")});
    parser.addOption({QStringLiteral("outbox-proxy"),
                      Tr::tr("HTTP proxy for the outbox as host:port, or 'none'. Default: the system's."),
                      Tr::tr("PROXY")});
    addUserOption(parser);
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("settings"),
                      Tr::tr("Show or change the desk's settings. A change is an administrator's: "
                             "--user ADMIN signs in (password on standard input); it goes to the trail."),
                      exitCode))
        return exitCode;
    auto r = openRecords(parser);
    if (!r)
        return ExitUsage;
    auto settings = r->door->settings();
    if (!settings) {
        err() << settings.error().message << Qt::endl;
        return ExitUsage;
    }
    DeskSettings wanted = *settings;
    bool change = false;
    if (parser.isSet(QStringLiteral("one-person-post"))) {
        const QString v = parser.value(QStringLiteral("one-person-post"));
        if (v != QLatin1String("on") && v != QLatin1String("off")) {
            err() << Tr::tr("settings: --one-person-post is on or off.") << Qt::endl;
            return ExitUsage;
        }
        wanted.onePersonPost = v == QLatin1String("on");
        change = true;
    }
    if (parser.isSet(QStringLiteral("idle-lock-minutes"))) {
        bool ok = false;
        wanted.idleLockMinutes = parser.value(QStringLiteral("idle-lock-minutes")).toInt(&ok);
        if (!ok) {
            err() << Tr::tr("settings: --idle-lock-minutes needs a number.") << Qt::endl;
            return ExitUsage;
        }
        change = true;
    }
    if (parser.isSet(QStringLiteral("desk-name"))) {
        wanted.deskName = parser.value(QStringLiteral("desk-name"));
        change = true;
    }
    for (const auto& [option, field] :
         {std::pair{QStringLiteral("outbox-intake"), &DeskSettings::outboxIntake},
          std::pair{QStringLiteral("outbox-ca"), &DeskSettings::outboxCaPath},
          std::pair{QStringLiteral("outbox-proxy"), &DeskSettings::outboxProxy}})
        if (parser.isSet(option)) {
            wanted.*field = parser.value(option);
            change = true;
        }
    if (parser.isSet(QStringLiteral("outbox-ca")) && !wanted.outboxCaPath.isEmpty())
        wanted.outboxCaPath = QFileInfo(wanted.outboxCaPath).absoluteFilePath();
    if (change) {
        if (!parser.isSet(QStringLiteral("user"))) {
            err() << Tr::tr("settings: --user ADMIN is needed to change a setting (their password on "
                            "standard input).")
                  << Qt::endl;
            return ExitUsage;
        }
        const auto session = signIn(*r, QStringLiteral("settings"), parser.value(QStringLiteral("user")));
        if (!session)
            return ExitRefused;
        if (auto s = r->door->changeSettings(*session, wanted); !s) {
            err() << Tr::tr("settings: %1").arg(s.error().message) << Qt::endl;
            return s.error().code == QLatin1String("records.bad-setting") ? ExitUsage : ExitRefused;
        }
        settings = r->door->settings();
        if (!settings)
            return ExitUsage;
    }
    out() << "desk_id " << settings->deskId << '\n'
          << "desk_name " << printable(settings->deskName) << '\n'
          << "one_person_post " << (settings->onePersonPost ? "on" : "off") << '\n'
          << "idle_lock_minutes " << settings->idleLockMinutes << '\n'
          << "outbox_intake " << settings->outboxIntake << '\n'
          << "outbox_ca " << settings->outboxCaPath << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
