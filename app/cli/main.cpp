#include "CliSupport.h"
#include "Commands.h"
#ifdef KPDESK_CLI_CORE
#include "CliRouting.h"
#else
#include "CliApplication.h"
#endif

#include "util/Translation.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <functional>

#include <malloc.h>

using namespace kp::cli;

namespace {

// This file makes two programs (issue 22; CliRouting.h): kpdesk-cli-core, the
// commands that need neither Qt Gui (images, PDFs) nor the network, linked
// without them; kpdesk-cli-full, every command. Both know every command, for
// the usage text.
#ifdef KPDESK_CLI_CORE
#define KP_FULL_ONLY(run) nullptr
#else
#define KP_FULL_ONLY(run) run
#endif

struct Command
{
    const char* name;
    const char* summary;
    std::function<int(const QStringList&)> run; // empty: handed to kpdesk-cli-full
};

const Command commands[] = {
    {"init", QT_TRANSLATE_NOOP("kp::cli", "create a desk cache for a participant, pinning its bundle key"),
     runInit},
    {"sync", QT_TRANSLATE_NOOP("kp::cli", "bring the desk up to date from a bundle file, folder or URL"),
     KP_FULL_ONLY(runSync)},
    {"sources", QT_TRANSLATE_NOOP("kp::cli", "show or set the desk's default sync sources"), runSources},
    {"status", QT_TRANSLATE_NOOP("kp::cli", "show the desk's participant, data and freshness"), runStatus},
    {"repair", QT_TRANSLATE_NOOP("kp::cli", "rebuild a damaged desk cache, keeping the desk's own records"),
     runRepair},
    {"verify", QT_TRANSLATE_NOOP("kp::cli", "verify a certificate from a barcode image or text"), runVerify},
    {"decode", QT_TRANSLATE_NOOP("kp::cli", "list every barcode found in images"), KP_FULL_ONLY(runDecode)},
    {"authority", QT_TRANSLATE_NOOP("kp::cli", "authority side: demo PKI, issue, render, publish bundles"),
     KP_FULL_ONLY(runAuthority)},
    {"enrol",
     QT_TRANSLATE_NOOP("kp::cli", "enrol the desk with its home authority: key, request, certificate"),
     KP_FULL_ONLY(runEnrol)},
    {"outbox",
     QT_TRANSLATE_NOOP("kp::cli",
                       "list the desk's messages to its authority, export them to a folder or send them"),
     KP_FULL_ONLY(runOutbox)},
    {"office", QT_TRANSLATE_NOOP("kp::cli", "link the desk to its office's database and replicate with it"),
     KP_FULL_ONLY(runOffice)},
    {"office-init", QT_TRANSLATE_NOOP("kp::cli", "create or migrate the office's database schema"),
     KP_FULL_ONLY(runOfficeInit)},
    {"demo", QT_TRANSLATE_NOOP("kp::cli", "make a demo desk with demo certificates and show their verdicts"),
     KP_FULL_ONLY(runDemo)},
    {"users", QT_TRANSLATE_NOOP("kp::cli", "add, list, disable accounts and set their passwords"), runUsers},
    {"release", QT_TRANSLATE_NOOP("kp::cli", "verify, record the physical check and release a shipment"),
     runRelease},
    {"flag", QT_TRANSLATE_NOOP("kp::cli", "verify, record and flag reasonable doubt: opens a case"), runFlag},
    {"cases", QT_TRANSLATE_NOOP("kp::cli", "list the desk's cases with their state and events"), runCases},
    {"case", QT_TRANSLATE_NOOP("kp::cli", "take, decide, note, close or reopen a case"),
     KP_FULL_ONLY(runCase)},
    {"print", QT_TRANSLATE_NOOP("kp::cli", "write one case or one inspection as a PDF for the customs file"),
     KP_FULL_ONLY(runPrint)},
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

#ifdef KPDESK_CLI_CORE
// A command of kpdesk-cli-full's (CliRouting's list should have said so).
bool isFullOnly(const char* name)
{
    for (const Command& c : commands) {
        if (!c.run && std::strcmp(name, c.name) == 0)
            return true;
    }
    return false;
}

// kpdesk-cli-full could not be started ("PATH\tERRNO", CliRouting.h).
int reportUnstarted(const char* unstarted)
{
    const QByteArray value(unstarted);
    const qsizetype tab = value.lastIndexOf('\t');
    const QString path = QString::fromLocal8Bit(value.left(tab));
    const int error = value.mid(tab + 1).toInt();
    err() << Tr::tr("kpdesk-cli: %1 could not be started: %2")
                 .arg(path, QString::fromLocal8Bit(std::strerror(error)))
          << Qt::endl;
    return ExitUsage;
}
#endif

} // namespace

int main(int argc, char* argv[])
{
    // Past a file-size limit, a write should fail with an error we can
    // report (the cache rolls back), not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
#ifdef KPDESK_CLI_PHOTO
    // A photo's reading allocates and frees half-megabyte buffers (the grey
    // copy, ZXing's binarized copies): taken from the heap and reused, not
    // each mapped afresh and faulted in page by page (2 ms of a 45 ms
    // verdict; docs/performance.md).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
#ifdef KPDESK_CLI_CORE
    keepCommandLine(argv); // an image it does not read goes to kpdesk-cli-full
    // Run by hand for a command it does not have: kpdesk-cli-full has it.
    const char* unstarted = std::getenv(unstartedVariable);
    if (!unstarted && (programFor(argc, argv) == CliProgram::Full || (argc >= 2 && isFullOnly(argv[1])))) {
        execProgram(CliProgram::Full, argv);
        const int execError = errno;
        static char reason[PATH_MAX + 16];
        char path[PATH_MAX];
        if (!programPath(CliProgram::Full, path, sizeof path))
            std::snprintf(path, sizeof path, "%s", programFileName(CliProgram::Full));
        std::snprintf(reason, sizeof reason, "%s\t%d", path, execError);
        unstarted = reason;
    }
    QCoreApplication app(argc, argv);
#else
    // A QGuiApplication only for the commands that need one (issue 22).
    const auto app = makeApplication(argc, argv);
#endif
    // Scripts read our output: progress notes only with KPDESK_VERBOSE=1.
    if (qEnvironmentVariableIntValue("KPDESK_VERBOSE") == 0)
        QLoggingCategory::setFilterRules(QStringLiteral("kpdesk.*.debug=false\nkpdesk.*.info=false"));
    QCoreApplication::setOrganizationName(QStringLiteral("KPDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("kpdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KPDESK_VERSION));
    // Messages in the system's language (LC_ALL, LC_MESSAGES, LANG), as other
    // command-line tools; --json output keeps its stable keys in any language.
    kp::Translation::install(kp::Translation::systemLanguage());
#ifdef KPDESK_CLI_CORE
    if (unstarted)
        return reportUnstarted(unstarted);
#endif

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
        if (name == QLatin1String(c.name) && c.run)
            return c.run(args);
    }
    err() << Tr::tr("kpdesk-cli: unknown command '%1'.").arg(name) << Qt::endl;
    printUsage(err());
    return ExitUsage;
}
