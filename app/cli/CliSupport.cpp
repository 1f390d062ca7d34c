#include "CliSupport.h"
#include "verify/Recheck.h"

#include <unistd.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace kp::cli {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& command,
                  const QString& description, int& exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Tr::tr("Show this help."));
    parser.addOption(help);
    QStringList withName = args;
    withName.prepend(QCoreApplication::arguments().constFirst());
    if (!parser.parse(withName)) {
        err() << Tr::tr("kpdesk-cli %1: %2").arg(command, parser.errorText()) << Qt::endl
              << Tr::tr("Try 'kpdesk-cli %1 --help'.").arg(command) << Qt::endl;
        exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(help)) {
        // Qt names the program by its path; scripts and people know it by name.
        out() << parser.helpText().replace(QCoreApplication::arguments().constFirst(),
                                           QStringLiteral("kpdesk-cli ") + command)
              << Qt::flush;
        exitCode = ExitOk;
        return false;
    }
    return true;
}

void addDbOption(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("db"),
                      Tr::tr("The desk's cache file (default: %1).").arg(CacheDatabase::defaultPath()),
                      Tr::tr("FILE")});
}

std::unique_ptr<CacheDatabase> openDesk(const QCommandLineParser& parser, CacheDatabase::OpenMode mode)
{
    const QString path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                            : CacheDatabase::defaultPath();
    auto db = CacheDatabase::open(path, mode);
    if (!db) {
        err() << db.error().message << Qt::endl; // it names the file and says why
        return nullptr;
    }
    return std::move(db).value();
}

void printJson(const QJsonObject& object)
{
    out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)) << Qt::flush;
}

int fail(const QString& command, const QString& message, int code)
{
    err() << command << QStringLiteral(": ") << message << Qt::endl;
    return code;
}

ProgressBar::ProgressBar() : m_enabled(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::show(const QString& label, qint64 done, qint64 total)
{
    if (!m_enabled || total <= 0)
        return;
    const int permille = int(done * 1000 / total);
    if (permille == m_lastPermille)
        return;
    m_lastPermille = permille;
    constexpr int Width = 30;
    const int filled = permille * Width / 1000;
    err() << '\r' << label.left(24).leftJustified(24) << " [" << QString(filled, u'#')
          << QString(Width - filled, u' ') << "] "
          << QString::number(permille / 10.0, 'f', 1).rightJustified(5) << "% "
          << QString::number(double(done) / (1 << 20), 'f', 1) << '/'
          << QString::number(double(total) / (1 << 20), 'f', 1) << " MiB" << Qt::flush;
    m_drawn = true;
}

void ProgressBar::finish()
{
    if (m_drawn)
        err() << Qt::endl;
    m_drawn = false;
    m_lastPermille = -1;
}

QString verdictWord(Verdict verdict)
{
    return InspectionChange::verdictWord(verdict); // the words spelled once, in core
}

} // namespace kp::cli
