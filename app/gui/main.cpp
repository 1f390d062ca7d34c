// kpdesk: the officer's workstation.
#include "FirstRunDialog.h"
#include "LocalSettings.h"
#include "Screenshots.h"
#include "WindowHost.h"

#include "authority/DemoDesk.h"
#include "barcode/BarcodeReader.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"
#include "util/Translation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

using namespace kp;

namespace {

QString demoDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo-desk");
}

// The demo desk, made on first use.
Result<QString> ensureDemoDesk(const Clock& clock)
{
    const QString db = demoDir() + QStringLiteral("/desk.sqlite");
    if (QFile::exists(db))
        return db;
    auto desk = buildDemoDesk(demoDir(), clock);
    if (!desk)
        return desk.error();
    return desk->dbPath;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    BarcodeReader::allowImagesUpToMaxPixels(); // dropped or pasted 600-dpi scans too, not only files
    QApplication::setOrganizationName(QStringLiteral("KPDesk"));
    QApplication::setApplicationName(QStringLiteral("kpdesk"));
    QApplication::setDesktopFileName(
        QStringLiteral("org.kpdesk.KPDesk")); // packaging/org.kpdesk.KPDesk.desktop
    QIcon icon;
    for (const int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/kpdesk/icons/kpdesk-%1.png").arg(size));
    QApplication::setWindowIcon(icon);
    QApplication::setApplicationVersion(QStringLiteral(KPDESK_VERSION));
    if (qEnvironmentVariableIntValue("KPDESK_VERBOSE") == 0)
        QLoggingCategory::setFilterRules(QStringLiteral("kpdesk.*.debug=false\nkpdesk.*.info=false"));

    // The interface language: --lang, else the settings, else the system's.
    QString language;
    for (int i = 1; i + 1 < argc; ++i)
        if (qstrcmp(argv[i], "--lang") == 0)
            language = QString::fromLocal8Bit(argv[i + 1]);
    if (language.isEmpty())
        language = ui::LocalSettings::language();
    if (language.isEmpty())
        language = Translation::systemLanguage();
    ui::WindowHost::applyLanguage(language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "KP Desk: verify Kimberley Process certificates."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("db"), QApplication::translate("main", "The desk cache to use."),
                      QApplication::translate("main", "FILE")});
    parser.addOption(
        {QStringLiteral("demo"),
         QApplication::translate("main", "Use the demo desk (made on first use), with demo certificates.")});
    parser.addOption({QStringLiteral("lang"),
                      QApplication::translate("main", "The interface language (e.g. fr)."),
                      QApplication::translate("main", "LANG")});
    parser.addOption(
        {QStringLiteral("screenshots"), QStringLiteral("(for tools/screenshots.sh)"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("screenshot-suffix"), QStringLiteral("(for tools/screenshots.sh)"),
                      QStringLiteral("SUFFIX")});
    parser.addOption({QStringLiteral("screenshot-size"), QStringLiteral("(for tools/screenshots.sh)"),
                      QStringLiteral("WxH")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("screenshots"))) {
        const QStringList size = parser.value(QStringLiteral("screenshot-size")).split(QLatin1Char('x'));
        return makeScreenshots(parser.value(QStringLiteral("screenshots")),
                               parser.value(QStringLiteral("screenshot-suffix")),
                               size.size() == 2 ? QSize(size[0].toInt(), size[1].toInt()) : QSize(1366, 768));
    }

    SystemClock clock;
    QString dbPath = parser.value(QStringLiteral("db"));
    if (parser.isSet(QStringLiteral("demo"))) {
        auto demo = ensureDemoDesk(clock);
        if (!demo) {
            QMessageBox::critical(nullptr, QStringLiteral("KP Desk"), demo.error().message);
            return 1;
        }
        dbPath = *demo;
    }
    if (dbPath.isEmpty())
        dbPath = CacheDatabase::defaultPath();
    auto db = CacheDatabase::open(dbPath, CacheDatabase::OpenMode::CreateIfMissing);
    if (!db) {
        QMessageBox::critical(nullptr, QStringLiteral("KP Desk"), db.error().message);
        return 1;
    }
    std::unique_ptr<CacheDatabase> desk = std::move(db).value();
    // A desk whose configuration cannot be read opens all the same: the
    // window says the data is damaged and offers to repair it.
    if (const auto initialized = desk->isInitialized(); initialized && !*initialized) {
        // The dialog sets the desk up itself, syncs it once and may enrol it;
        // closed after the setup, the desk opens all the same.
        ui::FirstRunDialog setup(*desk, clock);
        const bool accepted = setup.exec() == QDialog::Accepted;
        if (!accepted && !setup.deskSetUp())
            return 0;
        if (setup.demoChosen()) {
            auto demo = ensureDemoDesk(clock);
            auto opened = demo ? CacheDatabase::open(*demo, CacheDatabase::OpenMode::MustExist)
                               : Result<std::unique_ptr<CacheDatabase>>(demo.error());
            if (!opened) {
                QMessageBox::critical(nullptr, QStringLiteral("KP Desk"), opened.error().message);
                return 1;
            }
            desk = std::move(opened).value();
        }
    }
    ui::WindowHost host(*desk, clock); // opens on the sign-in
    host.show();
    if (qEnvironmentVariableIsSet("KPDESK_QUIT_WHEN_READY")) // bench/gui measures start-up with it
        QTimer::singleShot(0, &app, &QApplication::quit);
    return app.exec();
}
