#include "CliApplication.h"

#include "barcode/BarcodeReader.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>

#include <unistd.h>

namespace kp::cli {

namespace {

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

std::unique_ptr<QCoreApplication> makeApplication(int& argc, char* argv[])
{
    const AppKind kind = appKindFor(argc, argv);
    if (kind == AppKind::Core)
        return std::make_unique<QCoreApplication>(argc, argv);
    prepareGuiWithoutDisplay(kind);
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    BarcodeReader::allowImagesUpToMaxPixels(); // a 600-dpi scan is read, as the window reads it
    return app;
}

} // namespace kp::cli
