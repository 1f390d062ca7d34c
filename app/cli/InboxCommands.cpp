// authority inbox / authority cases: the authority reads what its desks sent
// (kp-outbox.md, "At the authority"; docs/authority-inbox.md).
#include "CliFiles.h"
#include "CliSupport.h"
#include "Commands.h"

#include "authority/DeskRegistry.h"
#include "authority/MessageInbox.h"
#include "authority/MessageLedger.h"
#include "util/Printable.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace kp::cli {

namespace {

constexpr qint64 MaxListFile = 16 << 20;

Result<QList<Certificate>> readCas(const QStringList& paths)
{
    QList<Certificate> cas;
    for (const QString& path : paths) {
        const auto pem = readInputFile(path, MaxListFile);
        if (!pem)
            return pem.error();
        auto cert = Certificate::fromPem(*pem);
        if (!cert)
            return makeError(QStringLiteral("cli.read"), Tr::tr("%1: %2").arg(path, cert.error().message));
        if (!cert->isCa())
            return makeError(QStringLiteral("cli.read"), Tr::tr("%1 is not a CA certificate.").arg(path));
        cas << *cert;
    }
    return cas;
}

// One desk certificate's SHA-256 (hex) or one desk id per line; blank lines
// and lines starting with '#' are skipped. Added to the authority's list of
// desks (e.g. desks revoked by another system), never in its place.
Result<QSet<QString>> readRevokedDesks(const QString& path)
{
    QSet<QString> revoked;
    if (path.isEmpty())
        return revoked;
    const auto list = readInputFile(path, MaxListFile);
    if (!list)
        return list.error();
    for (const QByteArray& raw : list->split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.isEmpty() && !line.startsWith(u'#'))
            revoked.insert(line);
    }
    return revoked;
}

QJsonObject reportJson(const CounterReport& r)
{
    QJsonObject o{{QStringLiteral("kind"), counterReportKindName(r.kind)},
                  {QStringLiteral("desk"), r.desk},
                  {QStringLiteral("n"), qint64(r.n)},
                  {QStringLiteral("id"), r.messageId}};
    if (r.kind == CounterReport::Kind::Gap) {
        o.insert(QStringLiteral("missingFrom"), qint64(r.missingFrom));
        o.insert(QStringLiteral("missingTo"), qint64(r.missingTo));
    } else {
        o.insert(QStringLiteral("otherId"), r.otherMessageId);
    }
    return o;
}

QString reportLine(const CounterReport& r)
{
    switch (r.kind) {
    case CounterReport::Kind::Gap:
        return r.missingFrom == r.missingTo
                   ? Tr::tr("gap: desk %1 sent n=%2, message %3 never arrived")
                         .arg(r.desk)
                         .arg(r.n)
                         .arg(r.missingFrom)
                   : Tr::tr("gap: desk %1 sent n=%2, messages %3 to %4 never arrived")
                         .arg(r.desk)
                         .arg(r.n)
                         .arg(r.missingFrom)
                         .arg(r.missingTo);
    case CounterReport::Kind::Repeat:
        return Tr::tr("repeat: desk %1 sent n=%2 again as another message (%3; first %4)")
            .arg(r.desk)
            .arg(r.n)
            .arg(r.messageId, r.otherMessageId);
    case CounterReport::Kind::AuditConflict:
        return Tr::tr("audit trail rewritten? desk %1, message %2 gives another hash for an audit entry than "
                      "message %3")
            .arg(r.desk, r.messageId, r.otherMessageId);
    case CounterReport::Kind::AuditWentBack:
        return Tr::tr(
                   "audit trail went back? desk %1, message %2 (n=%3) gives fewer audit entries than message "
                   "%4, made before it (restored from a backup, or entries removed)")
            .arg(r.desk, r.messageId)
            .arg(r.n)
            .arg(r.otherMessageId);
    }
    return QString();
}

QString outcomeWord(InboxItem::Outcome outcome)
{
    switch (outcome) {
    case InboxItem::Outcome::Taken:
        return Tr::tr("taken");
    case InboxItem::Outcome::Skipped:
        return Tr::tr("skipped (already taken)");
    case InboxItem::Outcome::Refused:
        return Tr::tr("refused");
    }
    return QString();
}

std::unique_ptr<MessageLedger> openLedger(const QCommandLineParser& parser, const QString& command,
                                          int& exitCode)
{
    if (!parser.isSet(QStringLiteral("ledger"))) {
        exitCode = fail(command, Tr::tr("--ledger FILE is required."));
        return nullptr;
    }
    auto ledger = MessageLedger::open(parser.value(QStringLiteral("ledger")));
    if (!ledger) {
        exitCode = fail(command, ledger.error().message);
        return nullptr;
    }
    return std::move(ledger).value();
}

} // namespace

int runAuthorityInbox(const QStringList& args)
{
    const QString command = QStringLiteral("authority inbox");
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("pki"),
         Tr::tr("The authority's PKI folder (required): its list of enrolled and revoked desks "
                "is checked for every message (a desk it did not enrol, or revoked, is refused), "
                "and its home authority CA issues desk certificates."),
         Tr::tr("DIR")});
    parser.addOption(
        {QStringLiteral("ca"),
         Tr::tr("Another authority CA certificate (PEM) that issues desk certificates, besides the PKI's "
                "(a CA rollover). Repeatable."),
         Tr::tr("FILE")});
    parser.addOption({QStringLiteral("ledger"),
                      Tr::tr("The authority's message ledger (created on first use)."), Tr::tr("FILE")});
    parser.addOption({QStringLiteral("revoked-desks"),
                      Tr::tr("More revoked desks, besides the PKI's list: one desk certificate SHA-256 (hex) "
                             "or desk id per line."),
                      Tr::tr("FILE")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the outcome as JSON.")});
    parser.addPositionalArgument(QStringLiteral("INTAKE_DIR"),
                                 Tr::tr("The folder the desks' messages arrive in."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("authority inbox"),
            Tr::tr("Take the desks' messages (*.kpmsg) from an intake folder into the ledger; refused "
                   "ones go to INTAKE_DIR/refused/ with their reason."),
            exitCode))
        return exitCode;
    // Without the list of desks a revoked desk's messages would be taken.
    if (!parser.isSet(QStringLiteral("pki")))
        return fail(command, Tr::tr("--pki DIR is required: the authority's list of enrolled and revoked "
                                    "desks is checked for every message."));
    if (parser.positionalArguments().size() != 1)
        return fail(command, Tr::tr("--pki DIR, --ledger FILE and one INTAKE_DIR are needed."));
    auto registry = DeskRegistry::open(parser.value(QStringLiteral("pki")));
    if (!registry)
        return fail(command, registry.error().message);
    QList<Certificate> cas;
    if (const IssuerKeys* home = registry->pki().issuer(registry->pki().home()))
        cas << home->ca;
    auto more = readCas(parser.values(QStringLiteral("ca")));
    if (!more)
        return fail(command, more.error().message);
    cas << *more;
    if (cas.isEmpty())
        return fail(command, Tr::tr("The PKI has no authority CA of the home participant %1 "
                                    "(issuers/%1/ca-cert.pem) and no --ca was given.")
                                 .arg(registry->pki().home()));
    auto revokedDesks = readRevokedDesks(parser.value(QStringLiteral("revoked-desks")));
    if (!revokedDesks)
        return fail(command, revokedDesks.error().message);
    auto ledger = openLedger(parser, command, exitCode);
    if (!ledger)
        return exitCode;
    const QSet<QString> revoked = *revokedDesks;
    const DeskRegistry desks = std::move(*registry);
    const auto isRevoked = [&revoked, &desks](const Certificate& desk) {
        // A certificate the authority did not issue counts as revoked.
        const auto entry = desks.entryFor(desk);
        if (!entry || entry->isRevoked())
            return true;
        return revoked.contains(QString::fromLatin1(desk.sha256().toHex())) ||
               revoked.contains(QString::fromLatin1(desk.sha256().toHex().toUpper())) ||
               revoked.contains(desk.subjectCommonName());
    };
    MessageInbox inbox(*ledger);
    auto run = inbox.take(parser.positionalArguments().constFirst(), cas, isRevoked);
    if (!run)
        return fail(command, run.error().message);

    const int taken = run->count(InboxItem::Outcome::Taken);
    const int skipped = run->count(InboxItem::Outcome::Skipped);
    const int refused = run->count(InboxItem::Outcome::Refused);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray files;
        QJsonArray reports;
        for (const InboxItem& item : run->items) {
            QJsonObject o{{QStringLiteral("file"), item.fileName},
                          {QStringLiteral("outcome"), inboxOutcomeName(item.outcome)}};
            if (!item.messageId.isEmpty()) {
                o.insert(QStringLiteral("id"), item.messageId);
                o.insert(QStringLiteral("desk"), item.desk);
                o.insert(QStringLiteral("n"), qint64(item.n));
                o.insert(QStringLiteral("kind"), item.kind);
            }
            if (item.outcome == InboxItem::Outcome::Refused) {
                o.insert(QStringLiteral("code"), item.code);
                o.insert(QStringLiteral("reason"), item.reason);
            }
            files.append(o);
            for (const CounterReport& r : item.reports)
                reports.append(reportJson(r));
        }
        printJson({{QStringLiteral("files"), files},
                   {QStringLiteral("reports"), reports},
                   {QStringLiteral("taken"), taken},
                   {QStringLiteral("skipped"), skipped},
                   {QStringLiteral("refused"), refused}});
    } else {
        for (const InboxItem& item : run->items) {
            out() << printable(item.fileName) << ": " << outcomeWord(item.outcome);
            if (item.outcome == InboxItem::Outcome::Refused)
                out() << ": " << printable(item.reason);
            out() << '\n';
            for (const CounterReport& r : item.reports)
                out() << "  " << printable(reportLine(r)) << '\n';
        }
        out() << Tr::tr("%Ln message(s) taken", nullptr, taken) << ", "
              << Tr::tr("%Ln skipped", nullptr, skipped) << ", " << Tr::tr("%Ln refused", nullptr, refused)
              << '.' << Qt::endl;
    }
    return refused > 0 ? ExitRefused : ExitOk;
}

int runAuthorityCases(const QStringList& args)
{
    const QString command = QStringLiteral("authority cases");
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("ledger"), Tr::tr("The authority's message ledger."), Tr::tr("FILE")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the cases as JSON.")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("authority cases"),
                      Tr::tr("List the reasonable doubts the desks reported, newest first."), exitCode))
        return exitCode;
    auto ledger = openLedger(parser, command, exitCode);
    if (!ledger)
        return exitCode;
    auto doubts = ledger->doubts();
    if (!doubts)
        return fail(command, doubts.error().message);
    // A desk's trail rewritten or gone back is a case for the authority too.
    auto reports = ledger->counterReports();
    if (!reports)
        return fail(command, reports.error().message);
    QList<CounterReport> trailWarnings;
    for (const CounterReport& r : std::as_const(*reports))
        if (r.kind == CounterReport::Kind::AuditConflict || r.kind == CounterReport::Kind::AuditWentBack)
            trailWarnings << r;
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray cases;
        for (const DoubtEntry& d : *doubts) {
            QJsonArray files;
            for (const DoubtFile& f : d.files)
                files.append(QJsonObject{{QStringLiteral("name"), f.name},
                                         {QStringLiteral("type"), f.type},
                                         {QStringLiteral("size"), f.size}});
            cases.append(
                QJsonObject{{QStringLiteral("id"), d.messageId},
                            {QStringLiteral("desk"), d.desk},
                            {QStringLiteral("pt"), d.participant},
                            {QStringLiteral("at"), d.at.toString(Qt::ISODate)},
                            {QStringLiteral("case"), d.caseId},
                            {QStringLiteral("no"), d.number},
                            {QStringLiteral("verdict"), d.verdict},
                            {QStringLiteral("decision"),
                             d.decisionOutcome.isEmpty() ? QJsonValue() : QJsonValue(d.decisionOutcome)},
                            {QStringLiteral("to"), QJsonArray::fromStringList(d.addressees)},
                            {QStringLiteral("files"), files}});
        }
        QJsonArray trail;
        for (const CounterReport& r : std::as_const(trailWarnings))
            trail.append(reportJson(r));
        printJson({{QStringLiteral("cases"), cases}, {QStringLiteral("trailWarnings"), trail}});
        return ExitOk;
    }
    for (const CounterReport& r : std::as_const(trailWarnings))
        out() << "!! " << reportLine(r) << '\n';
    if (doubts->isEmpty()) {
        out() << Tr::tr("No doubts received.") << Qt::endl;
        return ExitOk;
    }
    // All of it came from a desk: printed escaped (issue 19 item 11).
    for (const DoubtEntry& d : *doubts) {
        QStringList files;
        for (const DoubtFile& f : d.files)
            files << Tr::tr("%1 (%2 bytes)").arg(printable(f.name)).arg(f.size);
        out() << d.at.toString(Qt::ISODate) << "  " << printable(d.number) << "  " << printable(d.verdict)
              << "  " << Tr::tr("desk %1").arg(printable(d.desk)) << '\n'
              << "  " << Tr::tr("case %1, message %2").arg(printable(d.caseId), printable(d.messageId))
              << '\n'
              << "  "
              << Tr::tr("decision: %1")
                     .arg(d.decisionOutcome.isEmpty() ? Tr::tr("none") : printable(d.decisionOutcome))
              << '\n'
              << "  " << Tr::tr("to: %1").arg(printable(d.addressees.join(QStringLiteral(", ")))) << '\n'
              << "  "
              << Tr::tr("files: %1").arg(files.isEmpty() ? Tr::tr("none") : files.join(QStringLiteral(", ")))
              << '\n';
    }
    out() << Qt::flush;
    return ExitOk;
}

} // namespace kp::cli
