// kpdesk-cli outbox: the desk's messages to its home authority (kp-outbox.md):
// list them, copy the waiting ones to a folder, or send them to the intake.

#include "CliSupport.h"
#include "Commands.h"

#include "outbox/DeskIdentity.h"
#include "outbox/OutboxDelivery.h"
#include "outbox/OutboxSending.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonObject>
#include <pwd.h>
#include <unistd.h>

namespace kp::cli {

namespace {

QString state(const OutboxMessage& m)
{
    if (m.deliveredAt.isValid())
        return QStringLiteral("delivered");
    if (m.handedOverAt.isValid())
        return QStringLiteral("handed-over");
    return QStringLiteral("waiting");
}

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QString unixName()
{
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QString::number(getuid());
}

int list(DeskRecords& door, bool json)
{
    auto all = door.store().messages(false, false);
    if (!all) {
        err() << all.error().message << Qt::endl;
        return ExitUsage;
    }
    if (json) {
        QJsonArray messages;
        for (const OutboxMessage& m : *all)
            messages.append(QJsonObject{{QStringLiteral("id"), m.id},
                                        {QStringLiteral("n"), qint64(m.n)},
                                        {QStringLiteral("kind"), m.kind},
                                        {QStringLiteral("file"), m.fileName},
                                        {QStringLiteral("number"), m.number},
                                        {QStringLiteral("case"), m.caseId},
                                        {QStringLiteral("made"), iso(m.madeAt)},
                                        {QStringLiteral("state"), state(m)},
                                        {QStringLiteral("delivered"), iso(m.deliveredAt)},
                                        {QStringLiteral("delivered_to"), m.deliveredTo},
                                        {QStringLiteral("handed_over"), iso(m.handedOverAt)},
                                        {QStringLiteral("handed_over_to"), m.handedOverTo},
                                        {QStringLiteral("attempts"), m.attempts},
                                        {QStringLiteral("last_error"), m.lastError},
                                        {QStringLiteral("pdf"), m.hasPdf}});
        printJson(QJsonObject{{QStringLiteral("messages"), messages}});
        return ExitOk;
    }
    int waiting = 0;
    for (const OutboxMessage& m : *all) {
        waiting += m.waiting() ? 1 : 0;
        QString where;
        if (m.deliveredAt.isValid())
            where = Tr::tr("delivered %1 to %2").arg(iso(m.deliveredAt), m.deliveredTo);
        else if (m.handedOverAt.isValid())
            where = Tr::tr("handed over %1 in %2").arg(iso(m.handedOverAt), m.handedOverTo);
        else if (m.attempts > 0)
            where = Tr::tr("waiting; %Ln attempt(s), last: %1", nullptr, m.attempts).arg(m.lastError);
        else
            where = Tr::tr("waiting");
        out() << m.fileName << "  " << m.number << "  " << where << '\n';
    }
    out() << Tr::tr("%Ln message(s) waiting.", nullptr, waiting) << Qt::endl;
    return ExitOk;
}

} // namespace

int runOutbox(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("json"), Tr::tr("list: as JSON.")});
    parser.addPositionalArgument(QStringLiteral("ACTION"),
                                 Tr::tr("list (the default), export DIR, or send."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("outbox"),
            Tr::tr("The desk's messages to its home authority: list them, copy the waiting ones to a "
                   "folder (export DIR), or PUT them to the intake (send).\nExit status: 0 done (send: "
                   "every message delivered), 1 some stay waiting (the reasons are printed), 4 usage "
                   "or environment error."),
            exitCode))
        return exitCode;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0, QStringLiteral("list"));
    if ((action == QLatin1String("list") && pos.size() > 1) ||
        (action == QLatin1String("export") && pos.size() != 2) ||
        (action == QLatin1String("send") && pos.size() != 1) ||
        !QStringList{QStringLiteral("list"), QStringLiteral("export"), QStringLiteral("send")}.contains(
            action)) {
        err() << Tr::tr("outbox: give list, export DIR, or send.") << Qt::endl;
        return ExitUsage;
    }
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;
    SqliteRecordsStore store(*db);
    SystemClock clock;
    DeskRecords door(store, clock);
    auto settings = door.settings();
    if (!settings) {
        err() << settings.error().message << Qt::endl;
        return ExitUsage;
    }
    if (action == QLatin1String("list"))
        return list(door, parser.isSet(QStringLiteral("json")));
    const Session session = Session::forCommandLine(unixName(), settings->deskId);

    Result<DeliveryReport> report = DeliveryReport{};
    if (action == QLatin1String("export")) {
        report = OutboxDelivery::exportTo(door, session, pos[1]);
    } else {
        // The same use-case as the window's (core/outbox/OutboxSending.h).
        report = OutboxSending::send(*db, door, session);
    }
    if (!report) {
        err() << Tr::tr("outbox %1: %2").arg(action, report.error().message) << Qt::endl;
        return ExitUsage;
    }
    for (const QString& problem : report->problems)
        err() << problem << Qt::endl;
    out() << (action == QLatin1String("export")
                  ? Tr::tr("%Ln message(s) copied to the folder.", nullptr, report->delivered)
                  : Tr::tr("%Ln message(s) delivered.", nullptr, report->delivered))
          << ' ' << Tr::tr("%Ln still waiting.", nullptr, report->waiting) << Qt::endl;
    return report->waiting > 0 ? ExitRefused : ExitOk;
}

} // namespace kp::cli
