#include "DeskActions.h"

#include "AboutDialog.h"
#include "FileDialogs.h"
#include "HelpDialog.h"
#include "InspectionController.h"
#include "LocalSettings.h"
#include "MainWindow.h"
#include "RecordPrinter.h"
#include "TodayList.h"

#include "cache/CacheDatabase.h"
#include "util/Translation.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QSerialPortInfo>
#include <QStatusBar>
#include <QToolBar>

namespace kp::ui {

namespace {

// The window's strings keep the window's context: the French catalogue has them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::MainWindow)
};

} // namespace

DeskActions::DeskActions(MainWindow& window) : QObject(&window), m_window(window)
{
    buildFileMenu();
    buildLanguageMenu();
    buildHelpMenu();
}

template <typename Slot>
QAction* DeskActions::add(const QString& text, const QKeySequence& key, Slot slot, bool onBar)
{
    auto* action = new QAction(text, &m_window);
    action->setShortcut(key);
    connect(action, &QAction::triggered, &m_window, slot);
    m_file->addAction(action);
    m_deskActions << action;
    if (onBar)
        m_bar->addAction(action);
    return action;
}

void DeskActions::setDeskShown(bool desk, bool administrator, bool supervisor)
{
    m_bar->setVisible(desk);
    for (QAction* a : std::as_const(m_deskActions))
        a->setEnabled(desk);
    for (QAction* a : {m_settings, m_users, m_auditTrail}) {
        a->setVisible(desk && administrator);
        a->setEnabled(desk && administrator);
    }
    m_cases->setVisible(desk && supervisor);
    m_cases->setEnabled(desk && supervisor);
}

void DeskActions::buildFileMenu()
{
    MainWindow& w = m_window;
    m_file = w.menuBar()->addMenu(Tr::tr("&File"));
    m_bar = w.addToolBar(Tr::tr("Scanning"));
    m_bar->setObjectName(QStringLiteral("scanToolbar"));
    add(
        Tr::tr("&Open image..."), QKeySequence::Open,
        [&w] {
            const QString path =
                FileDialogs::openFile(&w, Tr::tr("Open a scanned certificate"),
                                      Tr::tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"));
            if (!path.isEmpty())
                w.openImage(path);
        },
        true);
    add(
        Tr::tr("&Paste image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), [&w] { w.intake()->paste(); },
        true);
    // The whole inspection goes: a verdict left on screen would look like the next certificate's.
    add(
        Tr::tr("&New inspection"), QKeySequence(Qt::Key_Escape), [&w] { w.newInspection(); }, false);
    add(
        Tr::tr("&Flag reasonable doubt..."), QKeySequence(Qt::CTRL | Qt::Key_D),
        [&w] { w.inspections()->flagDoubt(); }, true);
    add(
        Tr::tr("Release the s&hipment"), QKeySequence(Qt::CTRL | Qt::Key_R), [&w] { w.releaseShipment(); },
        true);
    add(
        Tr::tr("&Sync now"), QKeySequence(Qt::Key_F5), [&w] { w.syncNow(); }, true);
    add(
        Tr::tr("&Repair the desk's data..."), QKeySequence(), [&w] { w.repairData(true); }, false);
    add(
        Tr::tr("&Watch a scanner folder..."), QKeySequence(),
        [&w] {
            const QString dir =
                FileDialogs::existingFolder(&w, Tr::tr("Folder where the document scanner saves"));
            if (!dir.isEmpty()) {
                LocalSettings::setWatchedFolder(dir);
                w.setWatchedFolder(dir);
            }
        },
        false);
    add(
        Tr::tr("S&erial scanner..."), QKeySequence(), [this] { chooseSerialScanner(); }, false);
    m_settings = add(
        Tr::tr("Settin&gs..."), QKeySequence(), [&w] { w.showSettings(); }, false);
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_users = add(
        Tr::tr("&Users..."), QKeySequence(), [&w] { w.showUsers(); }, false);
    m_users->setObjectName(QStringLiteral("usersAction"));
    m_auditTrail = add(
        Tr::tr("&Browse the audit trail..."), QKeySequence(), [&w] { w.showAuditTrail(); }, false);
    m_auditTrail->setObjectName(QStringLiteral("auditTrailAction"));
    add(
        Tr::tr("Go to &certificate field"), QKeySequence(Qt::Key_F2),
        [&w] {
            w.scanField()->setFocus();
            w.scanField()->selectAll();
        },
        false);
    add(
        Tr::tr("&Today's inspections"), QKeySequence(Qt::CTRL | Qt::Key_T),
        [&w] { w.todayList()->search()->setFocus(); }, false);
    add(
        Tr::tr("F&ind inspection..."), QKeySequence(Qt::CTRL | Qt::Key_F), [&w] { w.showInspectionSearch(); },
        false)
        ->setObjectName(QStringLiteral("findInspectionAction"));
    m_cases = add(
        Tr::tr("C&ases..."), QKeySequence(Qt::CTRL | Qt::Key_K), [&w] { w.showCaseQueue(); }, false);
    m_cases->setObjectName(QStringLiteral("casesAction"));
    // The inspection on paper, as it was recorded.
    const auto onPaper = [&w](RecordPrinter::Outcome outcome) {
        if (!outcome.done && !outcome.message.isEmpty())
            w.showError(outcome.message);
        else if (!outcome.message.isEmpty())
            w.statusBar()->showMessage(outcome.message, 15000);
    };
    add(
        Tr::tr("&Print the inspection..."), QKeySequence::Print,
        [&w, onPaper] { onPaper(w.inspectionPrinter().askAndPrint()); }, false)
        ->setObjectName(QStringLiteral("printInspectionAction"));
    add(
        Tr::tr("Save the inspection as P&DF..."), QKeySequence(),
        [&w, onPaper] { onPaper(w.inspectionPrinter().askAndSaveAsPdf()); }, false)
        ->setObjectName(QStringLiteral("pdfInspectionAction"));
    m_file->addSeparator();
    add(
        Tr::tr("&Lock the desk"), QKeySequence(Qt::CTRL | Qt::Key_L), [&w] { w.lockNow(); }, false)
        ->setObjectName(QStringLiteral("lockAction"));
    add(
        Tr::tr("Sign &out"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q), [&w] { w.signOut(); }, false)
        ->setObjectName(QStringLiteral("signOutAction"));
    m_file->addSeparator();
    add(
        Tr::tr("&Quit"), QKeySequence::Quit, [&w] { w.close(); }, false);
    m_deskActions.removeLast(); // quitting needs no one signed in
}

void DeskActions::chooseSerialScanner()
{
    // The ports this machine has, the one in use first; any other (a udev
    // name, a pseudo-terminal) can be typed.
    const QString inUse = LocalSettings::serialPort();
    QStringList ports{inUse};
    for (const QSerialPortInfo& info : QSerialPortInfo::availablePorts())
        if (info.systemLocation() != inUse)
            ports << info.systemLocation();
    if (!inUse.isEmpty())
        ports << QString(); // none
    bool ok = false;
    const QString port =
        QInputDialog::getItem(&m_window, Tr::tr("Serial scanner"),
                              Tr::tr("Port of the 2D imager (empty: none):"), ports, 0, true, &ok);
    if (ok)
        m_window.useSerialScanner(port.trimmed());
}

void DeskActions::buildLanguageMenu()
{
    // Each language in its own name, so an officer can find theirs in any.
    QMenu* language = m_window.menuBar()->addMenu(Tr::tr("&Language"));
    auto* languages = new QActionGroup(language);
    for (const QString& code : Translation::available()) {
        // The language, not a country's variant of it ("American English").
        QString name = QLocale::languageToCode(QLocale(code).language()) == QLatin1String("en")
                           ? QStringLiteral("English")
                           : QLocale(code).nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        QAction* action = language->addAction(name.isEmpty() ? code : name);
        action->setObjectName(QStringLiteral("language_") + code);
        action->setCheckable(true);
        action->setChecked(code == Translation::current());
        languages->addAction(action);
        connect(action, &QAction::triggered, &m_window, [this, code, languages] {
            if (code == Translation::current())
                return;
            if (m_window.syncRunning()) {
                m_window.statusBar()->showMessage(
                    Tr::tr("The language can be changed when the sync has finished."), 15000);
                for (QAction* a : languages->actions()) // the check stays on the language in use
                    a->setChecked(a->objectName() == QStringLiteral("language_") + Translation::current());
                return;
            }
            LocalSettings::setLanguage(code);
            emit m_window.languageChosen(code);
        });
    }
}

void DeskActions::buildHelpMenu()
{
    QMenu* help = m_window.menuBar()->addMenu(Tr::tr("&Help"));
    QAction* page = help->addAction(Tr::tr("&Help"), &m_window, [this] {
        HelpDialog dialog(&m_window, &m_window);
        dialog.exec();
    });
    page->setShortcut(QKeySequence::HelpContents); // F1
    page->setObjectName(QStringLiteral("helpAction"));
    help->addAction(Tr::tr("&About KP Desk"), &m_window,
                    [this] {
                        const auto demo = m_window.database().isDemo();
                        AboutDialog dialog(demo && *demo, &m_window);
                        dialog.exec();
                    })
        ->setObjectName(QStringLiteral("aboutAction"));
}

} // namespace kp::ui
