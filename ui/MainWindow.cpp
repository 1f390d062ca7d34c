#include "MainWindow.h"

#include "AdministratorDialogs.h"
#include "CameraPanel.h"
#include "CaseDesk.h"
#include "CaseQueue.h"
#include "DeskActions.h"
#include "DeskSession.h"
#include "DeskStatusPanel.h"
#include "DeskWidget.h"
#include "DockTabBarFocus.h"
#include "HealthMonitor.h"
#include "InspectionController.h"
#include "InspectionSearch.h"
#include "LocalSettings.h"
#include "LockPage.h"
#include "MessageBoxes.h"
#include "NewPasswordPage.h"
#include "OfficeReplication.h"
#include "OutboxController.h"
#include "PhysicalCheckPanel.h"
#include "RecordPrinter.h"
#include "SerialScanner.h"
#include "SettingsDialog.h"
#include "SignInPage.h"
#include "SyncAndRepair.h"
#include "TodayList.h"
#include "TrailPanel.h"
#include "VerdictSound.h"
#include "WedgeScanFilter.h"

#include "cache/CacheDatabase.h"
#include "report/PdfExport.h"
#include "util/Clock.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>

namespace kp::ui {

namespace {

// The docks' arrangement saved with the window: 1 when the physical check
// became a full-height column at the right (an older one is not restored).
constexpr int DockLayoutVersion = 1;

} // namespace

MainWindow::MainWindow(CacheDatabase& db, const Clock& clock, QWidget* parent)
    : QMainWindow(parent), m_db(db), m_clock(clock), m_store(db), m_door(m_store, clock),
      m_desk(new DeskWidget(this)),
      m_session(
          new DeskSession(m_door, m_desk->signInPage(), m_desk->lockPage(), m_desk->newPasswordPage(), this)),
      m_intake(new ScanIntake(this)), m_sound(new VerdictSound(this)),
      m_inspections(new InspectionController(db, clock, m_door, *m_session, *m_desk, this)),
      m_outbox(new OutboxController(db, clock, m_door, *m_session, this)),
      m_office(new OfficeReplication(db, this)),
      m_cases(new CaseDesk(db, clock, m_door, *m_session, *m_outbox, this, m_desk->todayDock())),
      m_upkeep(new SyncAndRepair(db, clock, *m_session, *m_desk, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    const auto demo = db.isDemo();
    setWindowTitle(demo && *demo ? tr("KP Desk - DEMO") : tr("KP Desk"));
    setAcceptDrops(true);
    m_inspections->setSound(m_sound);
    m_inspections->setSyncRunning([this] { return syncRunning(); });
    wireIntake();
    wirePieces();
    statusBar()->addPermanentWidget(m_inspections->retryButton());
    statusBar()->addPermanentWidget(m_outbox->label());
    m_office->startIfLinked(); // the office (docs/office.md), for a desk linked to one

    m_actions = new DeskActions(*this);
    DockTabBarFocus::install(this);
    const bool placed = restoreGeometry(LocalSettings::windowGeometry());
    restoreState(LocalSettings::windowState(), DockLayoutVersion);
    setWatchedFolder(LocalSettings::watchedFolder());
    if (const QString port = LocalSettings::serialPort(); !port.isEmpty())
        useSerialScanner(port);

    auto* minute = new QTimer(this);
    connect(minute, &QTimer::timeout, this, &MainWindow::refreshStatus);
    minute->start(60'000);
    refreshStatus();
    adoptLegacyFlags();
    refreshToday();
    m_outbox->refresh();
    healthMonitor()->checkInBackground(m_db.path()); // the whole file, page by page, off the window's thread
    showStartPage();
    // A first start fits the screen: at 1024x768 a fixed 1280x720 ran off it.
    if (!placed) {
        const QSize room = screen() ? screen()->availableGeometry().size() : QSize(1280, 720);
        resize(QSize(1280, 720).boundedTo(room));
    }
}

MainWindow::~MainWindow()
{
    delete m_office; // its thread stops first
    m_office = nullptr;
    m_upkeep->cancelAndWait();
    m_outbox->waitUntilIdle();
    // The sync's lock is gone: what was scanned meanwhile is saved, not dropped.
    m_inspections->saveBeforeGoing();
    qApp->removeEventFilter(m_intake->wedgeFilter());
}

void MainWindow::wirePieces()
{
    SignInPage* signInPage = m_desk->signInPage();
    connect(signInPage, &SignInPage::signInRequested, this,
            [this](const QString& name, const QString& password) { signIn(name, password); });
    connect(m_desk->lockPage(), &LockPage::unlockRequested, this,
            [this](const QString& password) { unlock(password); });
    connect(m_desk->lockPage(), &LockPage::someoneElseRequested, this, &MainWindow::signOut);
    connect(m_session, &DeskSession::personChanged, m_inspections, &InspectionController::clear);
    NewPasswordPage* newPassword = m_desk->newPasswordPage();
    connect(m_session, &DeskSession::passwordChangeNeeded, this, [this, newPassword](const QString& name) {
        newPassword->setPerson(name);
        showPage(newPassword);
        newPassword->reset();
    });
    connect(m_session, &DeskSession::signedIn, this, [this] {
        const Session& who = *m_session->session();
        showPage(m_desk->deskPage());
        if (who.role == Role::Administrator)
            trailPanel()->checkInBackground(m_db.path()); // the chain as it is now, each time
        scanField()->setFocus();
        statusBar()->showMessage(tr("Signed in: %1 (%2).").arg(who.name, roleTitle(who.role)), 10000);
        emit signedIn(who.name);
    });
    connect(m_session, &DeskSession::signedOut, this, [this] {
        m_inspections->clear();
        statusBar()->clearMessage(); // what the last person was told is not for the next
        showPage(m_desk->signInPage());
        m_desk->signInPage()->reset();
        emit signedOut();
    });
    connect(m_session, &DeskSession::locked, this, [this] {
        statusBar()->clearMessage();
        showPage(m_desk->lockPage());
        m_desk->lockPage()->reset();
        emit deskLocked();
    });
    connect(m_session, &DeskSession::unlocked, this, [this] {
        showPage(m_desk->deskPage());
        scanField()->setFocus();
    });
    connect(m_session, &DeskSession::problem, this,
            [this](const QString& message) { statusBar()->showMessage(message, 20000); });

    connect(scanField(), &QLineEdit::returnPressed, this, [this] {
        const QString text = scanField()->text().trimmed();
        if (!text.isEmpty())
            verifyText(text);
    });
    connect(m_desk->flagButton(), &QPushButton::clicked, m_inspections, &InspectionController::flagDoubt);
    connect(physicalPanel(), &PhysicalCheckPanel::checkRequested, this, &MainWindow::applyPhysicalCheck);
    connect(todayList(), &TodayList::openRequested, this, &MainWindow::openSaved);
    connect(cameraPanel(), &CameraPanel::scanned, m_intake, &ScanIntake::takeCameraScan);
    connect(m_inspections, &InspectionController::inspectionShown, this, &MainWindow::inspectionShown);
    connect(m_inspections, &InspectionController::scanFailed, this, &MainWindow::scanFailed);
    connect(m_inspections, &InspectionController::error, this, &MainWindow::showError);
    const auto status = [this](const QString& message, int timeoutMs) {
        statusBar()->showMessage(message, timeoutMs);
    };
    connect(m_inspections, &InspectionController::status, this, status);
    connect(m_outbox, &OutboxController::status, this, status);
    connect(m_inspections, &InspectionController::outboxChanged, this, [this] {
        m_outbox->refresh();
        m_outbox->sendInBackground();
    });
    connect(m_office, &OfficeReplication::stateChanged, m_cases->queue(), &CaseQueue::setOfficeState);
    connect(this, &MainWindow::officeLinkChanged, m_office, &OfficeReplication::runOnce);
    connect(healthMonitor(), &HealthMonitor::repairRequested, this, [this] { repairData(true); });
    connect(m_upkeep, &SyncAndRepair::error, this, &MainWindow::showError);
    connect(m_upkeep, &SyncAndRepair::status, this, status);
    connect(m_upkeep, &SyncAndRepair::dataReplaced, this, [this] {
        adoptLegacyFlags();
        refreshToday();
    });
    connect(m_upkeep, &SyncAndRepair::syncFinished, this, [this](bool ok, const QString& message) {
        m_inspections->savePending();
        emit syncFinished(ok, message);
    });
}

void MainWindow::wireIntake()
{
    m_intake->setModalOwner(this);
    qApp->installEventFilter(m_intake->wedgeFilter());
    // The sign-in and lock pages take no scans: a password manager's fast keys stay a password.
    m_intake->wedgeFilter()->setTakesScansWhen([this] { return m_session->working(); });
    connect(m_intake, &ScanIntake::textRead, this,
            [this](const QString& text, const QString& symbology, const QImage& image) {
                verifyText(text, symbology, image);
            });
    connect(m_intake, &ScanIntake::unreadable, this, [this](const QString& reason) {
        // The verdict on screen was the last certificate's, not this image's.
        m_inspections->showNoVerdict(tr("Nothing was verified"), reason);
        showError(reason);
        emit scanFailed(reason);
    });
    connect(m_intake, &ScanIntake::refused, this, [this](const QString& message) {
        statusBar()->showMessage(message, 15000);
        QApplication::beep();
        emit scanRefused(message);
    });
}

void MainWindow::showStartPage()
{
    const auto demo = m_db.isDemo();
    m_session->prepareSignInPage(demo && *demo, m_db.path());
    showPage(m_desk->signInPage());
    m_desk->signInPage()->reset();
}

void MainWindow::showPage(QWidget* page)
{
    const bool desk = page == m_desk->deskPage();
    m_desk->showPage(page);
    // Settings for administrators and cases for supervisors, only while the desk is theirs.
    const bool admin = desk && m_session->working() && m_session->session()->role == Role::Administrator;
    const bool cases = desk && m_cases->maySeeCases();
    m_actions->setDeskShown(desk, admin, cases);
    trailPanel()->setVisible(admin);
    if (!admin) // a locked desk or another person: the administrator's dialogs close unsaved
        AdministratorDialogs::closeAll(this);
    if (!cases)
        m_cases->hideAll();
    if (!desk && m_search) {
        // Past inspections only while someone works at the desk; the next one starts afresh.
        m_search->hide();
        m_search->deleteLater();
        m_search = nullptr;
    }
    m_session->setDeskShown(desk);
}

void MainWindow::adoptLegacyFlags()
{
    if (auto adopted = m_door.adoptLegacy(m_store); !adopted)
        statusBar()->showMessage(tr("The flags kept before this desk had cases could not be taken in: %1")
                                     .arg(adopted.error().message));
}

// --- Who works at the desk --------------------------------------------------------------

void MainWindow::resumeSession(const Session& session, bool locked)
{
    m_session->resume(session, false);
    showPage(m_desk->deskPage());
    if (locked) {
        m_session->resume(session, true);
        showPage(m_desk->lockPage());
        m_desk->lockPage()->reset();
    }
}

bool MainWindow::mayScan()
{
    const QString refused = m_session->scanRefusal(); // also on the sign-in or lock page
    if (refused.isEmpty())
        return true;
    statusBar()->showMessage(refused, 15000);
    emit scanRefused(refused);
    return false;
}

// --- The inspection on screen --------------------------------------------------------------

void MainWindow::verifyText(const QString& text, const QString& symbology, const QImage& image)
{
    if (mayScan()) // else nothing verified, nothing recorded
        m_inspections->verifyText(text, symbology, image);
}

void MainWindow::newInspection()
{
    m_inspections->clear();
    scanField()->setFocus();
}

void MainWindow::showInspectionSearch()
{
    if (!m_session->working())
        return;
    if (!m_search) {
        m_search = new InspectionSearch(m_store, m_clock, this);
        // The dialog steps aside for the inspection and keeps its search for Ctrl+F again.
        connect(m_search, &InspectionSearch::openInspection, this, [this](const QString& uuid) {
            m_search->hide();
            activateWindow(); // the keys go on with the inspection
            openSavedRecord(uuid);
        });
    }
    m_search->show();
    m_search->raise();
    m_search->activateWindow();
    m_search->numberField()->setFocus();
    m_search->numberField()->selectAll();
}

// --- Sync, repair, settings ------------------------------------------------------------------

NewPasswordPage* MainWindow::newPasswordPage() const
{
    return m_desk->newPasswordPage();
}

void MainWindow::showUsers()
{
    AdministratorDialogs::openUsers(this, m_door, *m_session, m_clock);
}

void MainWindow::showAuditTrail()
{
    AdministratorDialogs::openAuditTrail(this, m_door, *m_session);
}

void MainWindow::showSettings()
{
    if (!m_session->mayUse(Action::ChangeSettings))
        return;
    for (SettingsDialog* open : findChildren<SettingsDialog*>())
        if (open->isVisible()) { // one at a time (a closed one waits to be deleted)
            open->raise();
            return;
        }
    auto* dialog = new SettingsDialog(m_db, m_door, *session(), m_clock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, portBefore = LocalSettings::serialPort()] {
        // What was saved applies at once.
        if (dialog->serialPort() != portBefore)
            useSerialScanner(dialog->serialPort());
        setIdleLockInterval(std::chrono::minutes(dialog->idleLockMinutes()));
        m_sound->setEnabled(dialog->sounds());
        if (dialog->officeChanged()) {
            startOfficeReplication();
            emit officeLinkChanged();
        }
        statusBar()->showMessage(tr("Settings saved."), 10000);
    });
    dialog->open();
}

bool MainWindow::useSerialScanner(const QString& port)
{
    LocalSettings::setSerialPort(port);
    if (!m_intake->useSerialPort(port)) {
        showError(
            tr("Cannot open the serial port %1: %2").arg(port, m_intake->serialScanner()->errorString()));
        return false;
    }
    return true;
}

// --- The window --------------------------------------------------------------------------------

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (ScanIntake::canTake(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    m_intake->takeDrop(event->mimeData());
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Scans waiting for this window's sync are saved while the officer can
    // still read what went wrong (the sync stops: it is fetched again later).
    if (m_inspections->pendingSaves() > 0) {
        m_upkeep->cancelAndWait();
        m_inspections->savePending();
    }
    m_cases->rememberLayout();
    LocalSettings::setWindowGeometry(saveGeometry());
    LocalSettings::setWindowState(saveState(DockLayoutVersion));
    QMainWindow::closeEvent(event);
}

void MainWindow::showError(const QString& message)
{
    statusBar()->showMessage(message, 20000);
    if (isVisible())
        MessageBoxes::warning(this, tr("KP Desk"), message);
}

} // namespace kp::ui
