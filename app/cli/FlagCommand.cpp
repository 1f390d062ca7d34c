// flag: verify, record and flag reasonable doubt, which opens a case.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include "RecordedIntake.h"

#include "cases/AttachmentFile.h"

namespace kp::cli {

int runFlag(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    addInputOptions(parser);
    addUserOption(parser);
    parser.addOption({QStringLiteral("reason"), Tr::tr("A reason for doubt (repeatable)."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("note"), Tr::tr("A note."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("attach"), Tr::tr("A file to attach (repeatable)."), Tr::tr("FILE")});
    parser.addOption({QStringLiteral("hold"), Tr::tr("The shipment is held.")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("flag"),
            Tr::tr("Verify a certificate, record the inspection and flag reasonable doubt: opens a case "
                   "and prints its id."),
            exitCode))
        return exitCode;
    if (parser.values(QStringLiteral("reason")).isEmpty()) {
        err() << Tr::tr("flag: --reason TEXT is needed.") << Qt::endl;
        return ExitUsage;
    }
    FlagInput flag;
    flag.reasons = parser.values(QStringLiteral("reason"));
    flag.notes = parser.value(QStringLiteral("note"));
    flag.held = parser.isSet(QStringLiteral("hold"));
    for (const QString& path : parser.values(QStringLiteral("attach"))) {
        // Read once, a regular file within the limit.
        auto a = readAttachmentFile(path);
        if (!a) {
            err() << Tr::tr("flag: %1").arg(a.error().message) << Qt::endl;
            return ExitUsage;
        }
        flag.attachments.append(*a);
    }
    auto in = intake(parser, QStringLiteral("flag"), exitCode);
    if (!in)
        return exitCode;
    auto caseId = in->records->door->flag(in->session, in->inspectionId, flag);
    if (!caseId) {
        err() << Tr::tr("flag: %1").arg(caseId.error().message) << Qt::endl;
        return caseId.error().code == QLatin1String("accounts.not-permitted") ? ExitRefused : ExitUsage;
    }
    out() << *caseId << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
