#include "CliSupport.h"

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

QString tr(const char* text, int n)
{
    return QCoreApplication::translate("kpdesk-cli", text, nullptr, n);
}

bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& command,
                  const QString& description, int& exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    parser.addOption(help);
    QStringList withName = args;
    withName.prepend(QCoreApplication::arguments().constFirst());
    if (!parser.parse(withName)) {
        err() << tr("kpdesk-cli %1: %2").arg(command, parser.errorText()) << Qt::endl
              << tr("Try 'kpdesk-cli %1 --help'.").arg(command) << Qt::endl;
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
                      tr("The desk's cache file (default: %1).").arg(CacheDatabase::defaultPath()),
                      tr("FILE")});
}

std::unique_ptr<CacheDatabase> openDesk(const QCommandLineParser& parser, CacheDatabase::OpenMode mode)
{
    const QString path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                            : CacheDatabase::defaultPath();
    auto db = CacheDatabase::open(path, mode);
    if (!db) {
        err() << tr("Cannot open the desk cache %1: %2").arg(path, db.error().message) << Qt::endl;
        return nullptr;
    }
    return std::move(db).value();
}

void printJson(const QJsonObject& object)
{
    out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)) << Qt::flush;
}

} // namespace kp::cli
