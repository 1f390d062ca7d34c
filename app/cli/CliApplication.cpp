#include "CliApplication.h"

#include "barcode/BarcodeReader.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>

#include <unistd.h>

namespace kp::cli {

namespace {

bool hasOption(const QStringList& args, const QString& name)
{
    const QString option = QStringLiteral("--") + name;
    for (const QString& a : args) {
        if (a == QLatin1String("--"))
            return false; // what follows is positional
        if (a == option || a.startsWith(option + u'='))
            return true;
    }
    return false;
}

// A Gui application object without a display. "minimal" has no font
// database unless asked for one; "offscreen" reads the system's fonts.
void prepareGuiWithoutDisplay(AppKind kind)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", kind == AppKind::Documents ? "offscreen" : "minimal");
    // Without a login session (cron, ssh, CI) Qt's platform warns on every
    // run; give it the private folder it would fall back to anyway.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QByteArray dir =
            QFile::encodeName(QDir::tempPath()) + "/kpdesk-runtime-" + QByteArray::number(getuid());
        if (QDir().mkpath(QString::fromLocal8Bit(dir))) {
            QFile::setPermissions(QString::fromLocal8Bit(dir),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            qputenv("XDG_RUNTIME_DIR", dir);
        }
    }
}

} // namespace

AppKind appKindFor(const QString& command, const QStringList& args)
{
    if (args.contains(QLatin1String("-h")) || hasOption(args, QStringLiteral("help")))
        return AppKind::Core; // help is text
    // An IMAGE unless the input is given as text.
    if (command == QLatin1String("verify") || command == QLatin1String("release") ||
        command == QLatin1String("flag"))
        return hasOption(args, QStringLiteral("text")) || hasOption(args, QStringLiteral("number"))
                   ? AppKind::Core
                   : AppKind::Images;
    if (command == QLatin1String("decode"))
        return AppKind::Images;
    if (command == QLatin1String("authority")) // render draws a barcode, no text
        return args.value(0) == QLatin1String("render") ? AppKind::Images : AppKind::Core;
    // A PDF (print), certificates printed with their title and number (demo).
    if (command == QLatin1String("print") || command == QLatin1String("demo"))
        return AppKind::Documents;
    // An escalation's message carries the case as a PDF (options may come first).
    if (command == QLatin1String("case"))
        return args.contains(QLatin1String("escalate")) ? AppKind::Documents : AppKind::Core;
    return AppKind::Core;
}

std::unique_ptr<QCoreApplication> makeApplication(int& argc, char* argv[])
{
    QStringList args;
    for (int i = 2; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const AppKind kind = argc < 2 ? AppKind::Core : appKindFor(QString::fromLocal8Bit(argv[1]), args);
    if (kind == AppKind::Core)
        return std::make_unique<QCoreApplication>(argc, argv);
    prepareGuiWithoutDisplay(kind);
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    BarcodeReader::allowImagesUpToMaxPixels(); // a 600-dpi scan is read, as the window reads it
    return app;
}

} // namespace kp::cli
