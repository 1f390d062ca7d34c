#include "FuzzSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace kp::fuzz {

namespace {

QTemporaryDir* g_dir = nullptr;

void quiet(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

} // namespace

void init(int* argc, char*** argv, bool gui)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Desk caches on tmpfs: SQLite's fsyncs would otherwise set the pace.
    if (qEnvironmentVariableIsEmpty("TMPDIR") && QFileInfo(QStringLiteral("/dev/shm")).isWritable())
        qputenv("TMPDIR", "/dev/shm");
    qInstallMessageHandler(quiet);
    if (gui)
        new QGuiApplication(*argc, *argv);
    else
        new QCoreApplication(*argc, *argv);
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    g_dir = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/kpdesk-fuzz-XXXXXX"));
    std::atexit([] { delete g_dir; });
}

QString scratchDir()
{
    return g_dir->path();
}

void fail(const char* what)
{
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

} // namespace kp::fuzz
