// audit: verify or export the desk's audit trail.
#include "CliRecords.h"
#include "CliSupport.h"
#include "Commands.h"

#include <QFile>

namespace kp::cli {

int runAudit(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption({QStringLiteral("out"), Tr::tr("export: the file to write."), Tr::tr("FILE")});
    parser.addPositionalArgument(QStringLiteral("ACTION"), Tr::tr("verify or export."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("audit"),
            Tr::tr("verify: recompute the audit trail's hash chain (exit 0 and 'entries N head HEX', or "
                   "1 naming the first entry that does not hold).\nexport: write the trail as a CBOR "
                   "sequence (RFC 8742) of the entries as hashed."),
            exitCode))
        return exitCode;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (pos.size() != 1 || (action != QLatin1String("verify") && action != QLatin1String("export")) ||
        (action == QLatin1String("export") && !parser.isSet(QStringLiteral("out")))) {
        err() << Tr::tr("audit: give 'verify', or 'export --out FILE'.") << Qt::endl;
        return ExitUsage;
    }
    auto r = openRecords(parser, false);
    if (!r)
        return ExitUsage;
    if (action == QLatin1String("verify")) {
        auto check = r->door->verifyTrail();
        if (!check) {
            err() << Tr::tr("audit verify: %1").arg(check.error().message) << Qt::endl;
            return ExitUsage;
        }
        if (check->failure) {
            err() << Tr::tr("audit verify: the trail does not hold at entry %1: %2")
                         .arg(check->failedAt)
                         .arg(check->failure->message)
                  << Qt::endl;
            out() << "broken at " << check->failedAt << ' ' << check->failure->code << Qt::endl;
            return ExitRefused;
        }
        out() << "entries " << check->head.count << " head " << QString::fromLatin1(check->head.hash.toHex())
              << Qt::endl;
        return ExitOk;
    }
    const QString path = parser.value(QStringLiteral("out"));
    QFile file(path + QStringLiteral(".part"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        err() << Tr::tr("audit export: %1: %2").arg(file.fileName(), file.errorString()) << Qt::endl;
        return ExitUsage;
    }
    auto head = r->door->exportTrail(&file);
    file.close();
    if (!head) {
        QFile::remove(file.fileName());
        err() << Tr::tr("audit export: %1").arg(head.error().message) << Qt::endl;
        return head.error().code.startsWith(QLatin1String("audit.")) &&
                       head.error().code != QLatin1String("audit.write")
                   ? ExitRefused
                   : ExitUsage;
    }
    QFile::remove(path);
    if (!QFile::rename(file.fileName(), path)) {
        err() << Tr::tr("audit export: cannot write %1.").arg(path) << Qt::endl;
        return ExitUsage;
    }
    out() << "entries " << head->count << " head " << QString::fromLatin1(head->hash.toHex()) << Qt::endl;
    return ExitOk;
}

} // namespace kp::cli
