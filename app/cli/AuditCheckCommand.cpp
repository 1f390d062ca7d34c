// authority audit-check: a desk's exported audit trail against every head the
// authority received from it (kp-outbox.md, "At the authority";
// docs/authority-inbox.md).
#include "CliSupport.h"
#include "Commands.h"

#include "authority/DeskTrailCheck.h"
#include "authority/MessageLedger.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace kp::cli {

namespace {

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QString mismatchLine(const TrailMismatch& m, const AuditHead& trail)
{
    switch (m.kind) {
    case TrailMismatch::Kind::Different:
        return Tr::tr("MISMATCH at entry %1: message %2 (n=%3) reported %4, the trail has %5 (rewritten)")
            .arg(m.pair.audit.count)
            .arg(m.pair.messageId)
            .arg(m.pair.n)
            .arg(hex(m.pair.audit.hash), hex(m.trailHash));
    case TrailMismatch::Kind::Missing:
        return Tr::tr("MISSING entry %1: message %2 (n=%3) reported %4, the trail ends at entry %5 (entries "
                      "removed, or the trail went back)")
            .arg(m.pair.audit.count)
            .arg(m.pair.messageId)
            .arg(m.pair.n)
            .arg(hex(m.pair.audit.hash))
            .arg(trail.count);
    }
    return QString();
}

} // namespace

int runAuthorityAuditCheck(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("ledger"), Tr::tr("The authority's message ledger."), Tr::tr("FILE")});
    parser.addOption(
        {QStringLiteral("desk"), Tr::tr("The desk whose trail it is (e.g. EU-ANR-03)."), Tr::tr("ID")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the outcome as JSON.")});
    parser.addPositionalArgument(QStringLiteral("TRAIL"),
                                 Tr::tr("The desk's trail, as written by 'kpdesk-cli audit export'."));
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("authority audit-check"),
                      Tr::tr("Check a desk's exported audit trail against every head (entry count and "
                             "hash) the ledger received from that desk."),
                      exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("ledger")) || !parser.isSet(QStringLiteral("desk")) ||
        parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("authority audit-check"),
                    Tr::tr("--ledger FILE, --desk ID and one TRAIL file are needed."));
    const QString desk = parser.value(QStringLiteral("desk"));
    const QString ledgerPath = parser.value(QStringLiteral("ledger"));
    // An existing ledger only: a mistyped path must not read as "no heads".
    if (!QFileInfo(ledgerPath).isFile())
        return fail(QStringLiteral("authority audit-check"),
                    Tr::tr("%1 is not a message ledger file.").arg(ledgerPath));
    auto ledger = MessageLedger::open(ledgerPath);
    if (!ledger)
        return fail(QStringLiteral("authority audit-check"), ledger.error().message);
    auto pairs = (*ledger)->auditPairs(desk);
    if (!pairs)
        return fail(QStringLiteral("authority audit-check"), pairs.error().message);
    if (pairs->isEmpty())
        return fail(QStringLiteral("authority audit-check"),
                    Tr::tr("The ledger holds no head from desk %1: there is nothing to check the trail "
                           "against.")
                        .arg(desk),
                    ExitRefused);

    const QString path = parser.positionalArguments().constFirst();
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("authority audit-check"),
                    Tr::tr("cannot read %1: %2")
                        .arg(path, file.errorString().isEmpty() ? Tr::tr("not a file") : file.errorString()));
    auto report = DeskTrailCheck::check(&file, *pairs);
    if (!report) {
        if (report.error().code == QLatin1String("audit.read"))
            return fail(QStringLiteral("authority audit-check"), report.error().message);
        // The export's own chain does not hold: a finding, not a usage error.
        if (parser.isSet(QStringLiteral("json")))
            printJson({{QStringLiteral("desk"), desk},
                       {QStringLiteral("ok"), false},
                       {QStringLiteral("error"), report.error().code},
                       {QStringLiteral("reason"), report.error().message}});
        else
            out() << Tr::tr("The trail itself does not hold: %1").arg(report.error().message) << Qt::endl;
        return ExitRefused;
    }

    const bool ok = report->mismatches.isEmpty();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray mismatches;
        for (const TrailMismatch& m : report->mismatches)
            mismatches.append(QJsonObject{{QStringLiteral("kind"), trailMismatchKindName(m.kind)},
                                          {QStringLiteral("entry"), qint64(m.pair.audit.count)},
                                          {QStringLiteral("id"), m.pair.messageId},
                                          {QStringLiteral("n"), qint64(m.pair.n)},
                                          {QStringLiteral("reported"), hex(m.pair.audit.hash)},
                                          {QStringLiteral("found"), m.kind == TrailMismatch::Kind::Different
                                                                        ? QJsonValue(hex(m.trailHash))
                                                                        : QJsonValue()}});
        printJson({{QStringLiteral("desk"), desk},
                   {QStringLiteral("ok"), ok},
                   {QStringLiteral("entries"), qint64(report->trail.count)},
                   {QStringLiteral("head"), hex(report->trail.hash)},
                   {QStringLiteral("heads"), qint64(report->checked)},
                   {QStringLiteral("mismatches"), mismatches}});
        return ok ? ExitOk : ExitRefused;
    }
    for (const TrailMismatch& m : report->mismatches)
        out() << mismatchLine(m, report->trail) << '\n';
    if (ok)
        out() << Tr::tr(
                     "Desk %1: the trail (%2 entries, head %3) holds every one of the %Ln head(s) received.",
                     nullptr, int(report->checked))
                     .arg(desk)
                     .arg(report->trail.count)
                     .arg(hex(report->trail.hash))
              << Qt::endl;
    else
        out() << Tr::tr("Desk %1: %2 of the %Ln head(s) received are not in the trail (%3 entries).", nullptr,
                        int(report->checked))
                     .arg(desk)
                     .arg(report->mismatches.size())
                     .arg(report->trail.count)
              << Qt::endl;
    return ok ? ExitOk : ExitRefused;
}

} // namespace kp::cli
