#include "CliApplication.h"
#include "CliSupport.h"
#include "Commands.h"

#include "util/Translation.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>

#include <functional>

using namespace kp::cli;

namespace {

struct Command
{
    const char* name;
    const char* summary;
    std::function<int(const QStringList&)> run;
};

const Command commands[] = {
    {"init", QT_TRANSLATE_NOOP("kp::cli", "create a desk cache for a participant, pinning its bundle key"),
     runInit},
    {"sync", QT_TRANSLATE_NOOP("kp::cli", "bring the desk up to date from a bundle file, folder or URL"),
     runSync},
    {"sources", QT_TRANSLATE_NOOP("kp::cli", "show or set the desk's default sync sources"), runSources},
    {"status", QT_TRANSLATE_NOOP("kp::cli", "show the desk's participant, data and freshness"), runStatus},
    {"repair", QT_TRANSLATE_NOOP("kp::cli", "rebuild a damaged desk cache, keeping the desk's own records"),
     runRepair},
    {"verify", QT_TRANSLATE_NOOP("kp::cli", "verify a certificate from a barcode image or text"), runVerify},
    {"decode", QT_TRANSLATE_NOOP("kp::cli", "list every barcode found in images"), runDecode},
    {"authority", QT_TRANSLATE_NOOP("kp::cli", "authority side: demo PKI, issue, render, publish bundles"),
     runAuthority},
    {"enrol",
     QT_TRANSLATE_NOOP("kp::cli", "enrol the desk with its home authority: key, request, certificate"),
     runEnrol},
    {"outbox",
     QT_TRANSLATE_NOOP("kp::cli",
                       "list the desk's messages to its authority, export them to a folder or send them"),
     runOutbox},
    {"office", QT_TRANSLATE_NOOP("kp::cli", "link the desk to its office's database and replicate with it"),
     runOffice},
    {"office-init", QT_TRANSLATE_NOOP("kp::cli", "create or migrate the office's database schema"),
     runOfficeInit},
    {"demo", QT_TRANSLATE_NOOP("kp::cli", "make a demo desk with demo certificates and show their verdicts"),
     runDemo},
    {"users", QT_TRANSLATE_NOOP("kp::cli", "add, list, disable accounts and set their passwords"), runUsers},
    {"release", QT_TRANSLATE_NOOP("kp::cli", "verify, record the physical check and release a shipment"),
     runRelease},
    {"flag", QT_TRANSLATE_NOOP("kp::cli", "verify, record and flag reasonable doubt: opens a case"), runFlag},
    {"cases", QT_TRANSLATE_NOOP("kp::cli", "list the desk's cases with their state and events"), runCases},
    {"case", QT_TRANSLATE_NOOP("kp::cli", "take, decide, note, close or reopen a case"), runCase},
    {"print", QT_TRANSLATE_NOOP("kp::cli", "write one case or one inspection as a PDF for the customs file"),
     runPrint},
    {"inspections", QT_TRANSLATE_NOOP("kp::cli", "find past inspections by number, dates, verdict, officer"),
     runInspections},
    {"audit", QT_TRANSLATE_NOOP("kp::cli", "verify or export the desk's audit trail"), runAudit},
    {"settings", QT_TRANSLATE_NOOP("kp::cli", "show or change the desk's settings"), runSettings},
};

void printUsage(QTextStream& stream)
{
    stream << Tr::tr("Usage: kpdesk-cli COMMAND [OPTIONS]") << "\n\n"
           << Tr::tr("KP Desk: verify Kimberley Process certificates at an import desk.") << "\n\n"
           << Tr::tr("Commands:") << '\n';
    for (const Command& c : commands)
        stream << "  " << QString::fromLatin1(c.name).leftJustified(12) << Tr::tr(c.summary) << '\n';
    stream << '\n' << Tr::tr("Run 'kpdesk-cli COMMAND --help' for a command's options.") << '\n';
    stream << Tr::tr("Exit status of verify: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or "
                     "environment error.")
           << Qt::endl;
}

} // namespace

int main(int argc, char* argv[])
{
    // Past a file-size limit, a write should fail with an error we can
    // report (the cache rolls back), not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    // A QGuiApplication only for the commands that need one (issue 22).
    const auto app = makeApplication(argc, argv);
    // Scripts read our output: progress notes only with KPDESK_VERBOSE=1.
    if (qEnvironmentVariableIntValue("KPDESK_VERBOSE") == 0)
        QLoggingCategory::setFilterRules(QStringLiteral("kpdesk.*.info=false"));
    QCoreApplication::setOrganizationName(QStringLiteral("KPDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("kpdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KPDESK_VERSION));
    // Messages in the system's language (LC_ALL, LC_MESSAGES, LANG), as other
    // command-line tools; --json output keeps its stable keys in any language.
    kp::Translation::install(kp::Translation::systemLanguage());

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        printUsage(err());
        return ExitUsage;
    }
    const QString name = args.takeFirst();
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        printUsage(out());
        return ExitOk;
    }
    if (name == QLatin1String("--version")) {
        out() << "kpdesk-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    }
    for (const Command& c : commands) {
        if (name == QLatin1String(c.name))
            return c.run(args);
    }
    err() << Tr::tr("kpdesk-cli: unknown command '%1'.").arg(name) << Qt::endl;
    printUsage(err());
    return ExitUsage;
}
