#include "MainWindow.h"

#include "AboutDialog.h"
#include "AuditTrailDialog.h"
#include "CameraPanel.h"
#include "CaseQueue.h"
#include "CaseView.h"
#include "DemoAccounts.h"
#include "DeskStatusPanel.h"
#include "FileDialogs.h"
#include "FlagBox.h"
#include "FlagDialog.h"
#include "HealthMonitor.h"
#include "HelpDialog.h"
#include "InspectionSearch.h"
#include "InspectionView.h"
#include "LocalSettings.h"
#include "LocalTime.h"
#include "LockPage.h"
#include "NewPasswordPage.h"
#include "PhysicalCheckPanel.h"
#include "RecordPrinter.h"
#include "ScanIntake.h"
#include "SerialScanner.h"
#include "SettingsDialog.h"
#include "SignInPage.h"
#include "SyncController.h"
#include "TodayList.h"
#include "TrailPanel.h"
#include "UsersDialog.h"
#include "VerdictBanner.h"
#include "VerdictSound.h"
#include "WedgeScanFilter.h"
#include "office/OfficeLink.h"
#include "office/OfficeWorker.h"

#include "accounts/Permissions.h"
#include "barcode/BarcodeReader.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheRepair.h"
#include "outbox/CaseMessages.h"
#include "outbox/DeskIdentity.h"
#include "outbox/DeskMessaging.h"
#include "outbox/OutboxDelivery.h"
#include "records/SyncTrail.h"
#include "report/PdfExport.h"
#include "sync/SyncClient.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "util/Translation.h"
#include "verify/Verifier.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QBuffer>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSerialPortInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace kp::ui {

namespace {

QByteArray toPng(const QImage& image)
{
    if (image.isNull())
        return {};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The old reads (CaseStore: today's list, openSaved) know an inspection by
// its row; the door by its UUID.
// Each of these tells "not there" from "could not read": an SQL error is
// false, logged (the statement has no values in it), never an empty answer.
bool readFailed(const QSqlQuery& q)
{
    if (!q.lastError().isValid())
        return false;
    qCWarning(lcCache) << "SQL error" << q.lastError().text() << "in" << q.lastQuery();
    return true;
}

bool rowOf(CacheDatabase& db, const QString& uuid, std::optional<qint64>& row)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT id FROM inspections WHERE uuid = ?"));
    q.addBindValue(uuid);
    row.reset();
    if (q.exec() && q.next())
        row = q.value(0).toLongLong();
    return !readFailed(q);
}

bool uuidOf(CacheDatabase& db, qint64 row, QString& uuid)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT uuid FROM inspections WHERE id = ?"));
    q.addBindValue(row);
    uuid.clear();
    if (q.exec() && q.next())
        uuid = q.value(0).toString();
    return !readFailed(q);
}

// The inspections among these rows that a flag opened a case for.
bool rowsWithCases(CacheDatabase& db, const QList<InspectionSummary>& list, QSet<qint64>& out)
{
    for (qsizetype from = 0; from < list.size(); from += 500) {
        const qsizetype n = std::min<qsizetype>(500, list.size() - from);
        QStringList marks(n, QStringLiteral("?"));
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT i.id FROM inspections i JOIN cases c ON c.inspection_id = i.uuid "
                                 "WHERE i.id IN (%1)")
                      .arg(marks.join(u',')));
        for (qsizetype i = from; i < from + n; ++i)
            q.addBindValue(list[i].id);
        if (q.exec())
            while (q.next())
                out.insert(q.value(0).toLongLong());
        if (readFailed(q))
            return false;
    }
    return true;
}

// A column that scrolls up and down only, as wide as what it holds needs
// (in every language), never cut at its side.
class ColumnScrollArea : public QScrollArea
{
public:
    using QScrollArea::QScrollArea;
    QSize minimumSizeHint() const override { return fit(widget() ? widget()->minimumSizeHint() : QSize()); }
    QSize sizeHint() const override { return fit(widget() ? widget()->sizeHint() : QSize()); }

private:
    QSize fit(QSize inside) const
    {
        return {inside.width() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
                QScrollArea::minimumSizeHint().height()};
    }
};

// The docks' arrangement saved with the window: 1 when the physical check
// became a full-height column at the right (an older one is not restored).
constexpr int DockLayoutVersion = 1;

} // namespace

MainWindow::MainWindow(CacheDatabase& db, const Clock& clock, QWidget* parent)
    : QMainWindow(parent), m_db(db), m_clock(clock), m_cases(db), m_store(db), m_door(m_store, clock),
      m_pages(new QStackedWidget), m_signIn(new SignInPage), m_lock(new LockPage),
      m_intake(new ScanIntake(this)), m_scanField(new QLineEdit), m_view(new InspectionView),
      m_physical(new PhysicalCheckPanel), m_today(new TodayList), m_status(new DeskStatusPanel),
      m_health(new HealthMonitor), m_trail(new TrailPanel), m_camera(new CameraPanel),
      m_sound(new VerdictSound(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    const auto demo = db.isDemo();
    setWindowTitle(demo && *demo ? tr("KP Desk - DEMO") : tr("KP Desk"));
    setAcceptDrops(true);
    wireIntake();

    m_scanField->setObjectName(QStringLiteral("scanField"));
    m_scanField->setPlaceholderText(tr("Scan, or type a certificate number, then Enter"));
    m_scanField->setAccessibleName(tr("Certificate number or barcode text"));
    m_scanField->setClearButtonEnabled(true);
    connect(m_scanField, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_scanField->text().trimmed();
        if (!text.isEmpty())
            verifyText(text);
    });
    auto* verifyButton = new QPushButton(tr("&Verify"));
    verifyButton->setObjectName(QStringLiteral("verifyButton"));
    connect(verifyButton, &QPushButton::clicked, m_scanField, &QLineEdit::returnPressed);
    auto* scanLabel = new QLabel(tr("Certificate:"));
    scanLabel->setBuddy(m_scanField);

    auto* scanRow = new QHBoxLayout;
    scanRow->addWidget(scanLabel);
    scanRow->addWidget(m_scanField, 1);
    scanRow->addWidget(verifyButton);

    // The physical check and the flag: a column at the right, the window's
    // full height, beside the inspection and today's list.
    auto* rightColumn = new QWidget;
    rightColumn->setObjectName(QStringLiteral("shipmentColumn"));
    auto* right = new QVBoxLayout(rightColumn);
    right->setContentsMargins(0, 0, 0, 0);
    right->addWidget(m_physical);
    auto* flagButton = new QPushButton(tr("Fla&g reasonable doubt...")); // Alt+F is the File menu's
    flagButton->setObjectName(QStringLiteral("flagButton"));
    connect(flagButton, &QPushButton::clicked, this, &MainWindow::flagDoubt);
    right->addWidget(flagButton);
    m_flagBox = new FlagBox;
    right->addWidget(m_flagBox);
    right->addStretch();
    auto* scroll = new ColumnScrollArea; // only when the screen is shorter than the column
    scroll->setWidget(rightColumn);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the entries inside
    m_shipmentDock = new QDockWidget(tr("Physical check"), this);
    m_shipmentDock->setObjectName(QStringLiteral("shipmentDock"));
    m_shipmentDock->setTitleBarWidget(new QWidget); // a column of the window, not a panel to lose
    m_shipmentDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    m_shipmentDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, m_shipmentDock);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    // On a short screen (1024x768 with today's list) the inspection scrolls
    // as a whole rather than its parts being drawn over one another.
    auto* viewScroll = new QScrollArea;
    viewScroll->setObjectName(QStringLiteral("inspectionScroll"));
    viewScroll->setWidget(m_view);
    viewScroll->setWidgetResizable(true);
    viewScroll->setFrameShape(QFrame::NoFrame);
    viewScroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the entries inside
    auto* body = new QHBoxLayout;
    body->addWidget(viewScroll, 1);

    m_deskPage = new QWidget;
    m_deskPage->setObjectName(QStringLiteral("deskPage"));
    auto* layout = new QVBoxLayout(m_deskPage);
    layout->addWidget(m_status);
    layout->addWidget(m_health);
    layout->addWidget(m_trail); // administrators only (showPage)
    layout->addLayout(scanRow);
    layout->addLayout(body, 1);
    m_pages->addWidget(m_signIn);
    m_pages->addWidget(m_deskPage);
    m_pages->addWidget(m_lock);
    m_newPassword = new NewPasswordPage;
    m_pages->addWidget(m_newPassword);
    setCentralWidget(m_pages);
    connect(m_newPassword, &NewPasswordPage::passwordChosen, this, &MainWindow::choosePassword);
    connect(m_newPassword, &NewPasswordPage::signOutRequested, this, &MainWindow::signOut);
    connect(m_signIn, &SignInPage::signInRequested, this,
            [this](const QString& name, const QString& password) { signIn(name, password); });
    connect(m_lock, &LockPage::unlockRequested, this, [this](const QString& password) { unlock(password); });
    connect(m_lock, &LockPage::someoneElseRequested, this, &MainWindow::signOut);

    auto* todayDock = new QDockWidget(tr("Today's inspections"), this);
    m_todayDock = todayDock;
    todayDock->setObjectName(QStringLiteral("todayDock"));
    todayDock->setWidget(m_today);
    addDockWidget(Qt::BottomDockWidgetArea, todayDock);
    resizeDocks({todayDock}, {160}, Qt::Vertical); // the verdict and the certificate come first
    resizeDocks({m_shipmentDock}, {m_shipmentDock->minimumSizeHint().width()}, Qt::Horizontal);
    connect(m_today, &TodayList::openRequested, this, &MainWindow::openSaved);
    // Tab in working order: the inspection, its physical check, the flag, today's list.
    QWidget* previous = m_view->lastInTabOrder();
    QList<QWidget*> shipment;
    for (QWidget* w : m_physical->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        if (w->focusPolicy() & Qt::TabFocus)
            shipment << w;
    for (QWidget* w : shipment << flagButton << m_today->search()) {
        setTabOrder(previous, w);
        previous = w;
    }

    auto* cameraDock = new QDockWidget(tr("Camera"), this);
    m_cameraDock = cameraDock;
    cameraDock->setObjectName(QStringLiteral("cameraDock"));
    cameraDock->setWidget(m_camera);
    addDockWidget(Qt::RightDockWidgetArea, cameraDock);
    cameraDock->setVisible(m_camera->hasCameras());
    connect(m_camera, &CameraPanel::scanned, m_intake, &ScanIntake::takeCameraScan);
    // The supervisor's queue: hidden until the Cases... action opens it.
    m_caseQueue = new CaseQueue(m_store, this);
    m_casesDock = new QDockWidget(tr("Cases"), this);
    m_casesDock->setObjectName(QStringLiteral("casesDock"));
    m_casesDock->setWidget(m_caseQueue);
    addDockWidget(Qt::BottomDockWidgetArea, m_casesDock);
    // A tab beside today's list, not a column beside it: side by side they ran off a 1024-pixel screen.
    tabifyDockWidget(todayDock, m_casesDock);
    m_casesDock->hide();
    connect(m_caseQueue, &CaseQueue::caseActivated, this,
            [this](const QString& caseId) { openCase(caseId); });
    // The office (docs/office.md): replication in its own thread, polling,
    // for a desk linked to one (kpdesk-cli office --set).
    if (auto link = OfficeLink::load(m_db); link && link->has_value())
        startOfficeReplication();

    connect(m_physical, &PhysicalCheckPanel::checkRequested, this, &MainWindow::applyPhysicalCheck);
    connect(m_status->syncButton(), &QPushButton::clicked, this, &MainWindow::syncNow);
    connect(m_health, &HealthMonitor::repairRequested, this, [this] { repairData(true); });
    m_sync = new SyncController(m_db.path(), m_clock, this);
    connect(m_sync, &SyncController::progress, this, [this](const QString& file, qint64 done, qint64 total) {
        if (m_syncProgress) {
            m_syncProgress->setLabelText(tr("Downloading %1...").arg(file));
            m_syncProgress->setValue(int(done * 1000 / std::max<qint64>(total, 1)));
        }
    });
    connect(m_sync, &SyncController::finished, this, [this](bool ok, const QString& message) {
        if (m_syncProgress)
            m_syncProgress->reset();
        refreshStatus();
        statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 15000);
        if (!ok && isVisible())
            QMessageBox::warning(this, tr("Sync"), message);
        savePendingInspections();
        emit syncFinished(ok, message);
    });

    m_retrySave = new QPushButton(tr("Retry saving"), this);
    m_retrySave->setObjectName(QStringLiteral("retrySaveButton"));
    m_retrySave->hide();
    statusBar()->addPermanentWidget(m_retrySave);
    connect(m_retrySave, &QPushButton::clicked, this, [this] { retryUnsaved(); });

    m_outboxLabel = new QLabel(this);
    m_outboxLabel->setObjectName(QStringLiteral("outboxLabel"));
    statusBar()->addPermanentWidget(m_outboxLabel);
    connect(&m_outboxWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        refreshOutbox();
        if (const QString problem = m_outboxWatcher.result(); !problem.isEmpty())
            m_outboxLabel->setToolTip(problem);
    });
    auto* outboxTimer = new QTimer(this); // online again: what waits goes
    connect(outboxTimer, &QTimer::timeout, this, [this] {
        refreshOutbox();
        sendOutboxInBackground();
    });
    outboxTimer->start(std::chrono::minutes(5));

    buildActions();
    const bool placed = restoreGeometry(LocalSettings::windowGeometry());
    restoreState(LocalSettings::windowState(), DockLayoutVersion);
    setWatchedFolder(LocalSettings::watchedFolder());
    if (const QString port = LocalSettings::serialPort(); !port.isEmpty())
        useSerialScanner(port);

    auto* minute = new QTimer(this);
    connect(minute, &QTimer::timeout, this, &MainWindow::refreshStatus);
    minute->start(60'000);
    refreshStatus();
    // Flags kept before this desk had cases become cases, once.
    if (auto adopted = m_door.adoptLegacy(m_store); !adopted)
        statusBar()->showMessage(tr("The flags kept before this desk had cases could not be taken in: %1")
                                     .arg(adopted.error().message));
    refreshToday();
    refreshOutbox();
    m_health->checkInBackground(m_db.path()); // the whole file, page by page, off the window's thread
    m_physical->setEnabled(false);

    // Who may sign in: a demo desk makes its demo people on first use and
    // shows them; a desk with nobody says how to make the first account.
    if (demo && *demo) {
        if (auto s = ensureDemoAccounts(m_door); !s)
            m_signIn->showMessage(s.error().message);
        m_signIn->setDemoAccounts(demoAccounts());
    } else if (const auto people = m_store.accounts(); people && people->isEmpty()) {
        m_signIn->setNotice(
            tr("This desk has no account yet. An administrator makes the first one with: kpdesk-cli users "
               "add --db %1 --name NAME --role administrator")
                .arg(m_db.path()));
    }
    const auto deskSettings = m_door.settings();
    m_idle.setSingleShot(true);
    m_idle.setInterval(std::chrono::minutes(deskSettings ? deskSettings->idleLockMinutes : 5));
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_session && !m_locked)
            lockNow();
    });
    qApp->installEventFilter(this); // any input keeps the desk awake
    showPage(m_signIn);
    m_signIn->reset();
    // A first start fits the screen: at 1024x768 a fixed 1280x720 ran off it.
    if (!placed) {
        const QSize room = screen() ? screen()->availableGeometry().size() : QSize(1280, 720);
        resize(QSize(1280, 720).boundedTo(room));
    }
}

MainWindow::~MainWindow()
{
    if (m_officeThread) {
        m_officeThread->quit();
        m_officeThread->wait();
    }
    m_sync->cancel();
    m_sync->waitForFinished();
    m_outboxWatcher.waitForFinished();
    // The sync's lock is gone: what was scanned meanwhile is saved, not dropped.
    for (const PendingSave& pending : std::as_const(m_pendingSaves)) {
        const Inspection& insp = pending.inspection;
        if (!insp.number.isEmpty())
            (void)m_db.recordPresentation(insp.number, insp.verifiedAt, verdictName(insp.verdict));
        if (auto saved = m_door.recordVerification(pending.session, insp, pending.png); !saved)
            qCWarning(lcCache) << "an inspection scanned during the sync was not saved:"
                               << saved.error().code;
    }
    // And a last try for those whose save failed.
    if (!m_unsaved.isEmpty() && !retryUnsaved())
        qCWarning(lcCache) << m_unsaved.size() << "inspections could not be saved";
    qApp->removeEventFilter(m_intake->wedgeFilter());
    qApp->removeEventFilter(this);
}

bool MainWindow::signIn(const QString& name, const QString& password)
{
    auto person = m_door.signIn(name, password);
    if (!person) {
        m_signIn->showMessage(person.error().message);
        m_signIn->passwordField()->setFocus();
        return false;
    }
    if (m_session && m_session->accountId != person->accountId)
        clearCurrent();
    m_signIn->reset();
    if (person->mustChangePassword) { // nobody is at the desk until its owner has chosen one
        m_session.reset();
        m_mustChange = *person;
        m_newPassword->setPerson(person->name);
        showPage(m_newPassword);
        m_newPassword->reset();
        return false;
    }
    m_session = *person;
    enterDesk();
    return true;
}

bool MainWindow::choosePassword(const QString& password)
{
    if (!m_mustChange)
        return false;
    if (auto s = m_door.setPassword(*m_mustChange, m_mustChange->name, password); !s) {
        m_newPassword->reset();
        m_newPassword->showMessage(s.error().message);
        return false;
    }
    m_session = *m_mustChange;
    m_session->mustChangePassword = false;
    m_mustChange.reset();
    enterDesk();
    return true;
}

void MainWindow::enterDesk()
{
    m_locked = false;
    showPage(m_deskPage);
    if (m_session->role == Role::Administrator)
        m_trail->checkInBackground(m_db.path()); // the chain as it is now, each time
    m_scanField->setFocus();
    statusBar()->showMessage(tr("Signed in: %1 (%2).").arg(m_session->name, roleTitle(m_session->role)),
                             10000);
    emit signedIn(m_session->name);
}

void MainWindow::signOut()
{
    if (m_session || m_mustChange)
        if (auto s = m_door.signOut(m_session ? *m_session : *m_mustChange); !s)
            statusBar()->showMessage(s.error().message, 20000);
    m_session.reset();
    m_mustChange.reset();
    m_locked = false;
    m_idle.stop();
    clearCurrent();
    showPage(m_signIn);
    m_signIn->reset();
    emit signedOut();
}

void MainWindow::lockNow()
{
    if (!m_session || m_locked)
        return;
    if (auto s = m_door.lock(*m_session); !s)
        statusBar()->showMessage(s.error().message, 20000);
    m_locked = true;
    m_idle.stop();
    m_lock->setPerson(m_session->name, m_session->role);
    showPage(m_lock);
    m_lock->reset();
    emit deskLocked();
}

bool MainWindow::unlock(const QString& password)
{
    if (!m_session || !m_locked)
        return false;
    // The door checks the password as a sign-in of the same person (and
    // counts a failure towards the account's lockout).
    auto again = m_door.signIn(m_session->name, password);
    if (!again || again->accountId != m_session->accountId) {
        m_lock->showMessage(again ? tr("Wrong name or password.") : again.error().message);
        m_lock->passwordField()->setFocus();
        return false;
    }
    m_session = *again;
    m_locked = false;
    m_lock->reset();
    showPage(m_deskPage);
    m_scanField->setFocus();
    return true;
}

void MainWindow::resumeSession(const Session& session, bool locked)
{
    m_session = session;
    m_locked = false;
    showPage(m_deskPage);
    if (locked) {
        m_locked = true;
        m_lock->setPerson(session.name, session.role);
        showPage(m_lock);
        m_lock->reset();
    }
}

void MainWindow::setIdleLockInterval(std::chrono::milliseconds interval)
{
    m_idle.setInterval(interval);
    if (m_session && !m_locked)
        m_idle.start();
}

std::chrono::milliseconds MainWindow::idleLockInterval() const
{
    return m_idle.intervalAsDuration();
}

void MainWindow::showPage(QWidget* page)
{
    const bool desk = page == m_deskPage;
    m_pages->setCurrentWidget(page);
    m_todayDock->setVisible(desk);
    m_shipmentDock->setVisible(desk);
    m_cameraDock->setVisible(desk && m_camera->hasCameras());
    m_bar->setVisible(desk);
    for (QAction* a : std::as_const(m_deskActions))
        a->setEnabled(desk);
    // Cases are for supervisors, and only while the desk is theirs.
    const bool admin = desk && m_session && !m_locked && m_session->role == Role::Administrator;
    m_trail->setVisible(admin);
    for (QAction* a : {m_settingsAction, m_usersAction, m_auditTrailAction}) {
        a->setVisible(admin);
        a->setEnabled(admin);
    }
    if (!admin) { // a locked desk or another person: the settings close unsaved
        for (SettingsDialog* d : findChildren<SettingsDialog*>())
            d->reject();
        for (QDialog* d : findChildren<QDialog*>())
            if (qobject_cast<UsersDialog*>(d) || qobject_cast<AuditTrailDialog*>(d))
                d->reject();
    }
    const bool cases = desk && maySeeCases();
    m_casesAction->setVisible(cases);
    m_casesAction->setEnabled(cases);
    if (!cases) {
        m_casesDock->hide();
        for (CaseDialog* d : findChildren<CaseDialog*>())
            d->close();
    }
    if (!desk && m_search) {
        // Past inspections only while someone works at the desk; the next one starts afresh.
        m_search->hide();
        m_search->deleteLater();
        m_search = nullptr;
    }
    if (desk)
        m_idle.start();
    else
        m_idle.stop();
}

bool MainWindow::maySeeCases() const
{
    return m_session && !m_locked && m_session->role == Role::Supervisor;
}

void MainWindow::showCaseQueue()
{
    if (!maySeeCases())
        return;
    m_casesDock->show();
    m_casesDock->raise();
    m_caseQueue->refresh();
    m_caseQueue->table()->setFocus();
}

RecordPrinter MainWindow::inspectionPrinter()
{
    const QString uuid = m_currentUuid;
    const QString printedBy = m_session ? m_session->actor() : QString();
    return RecordPrinter(
        this,
        [this, uuid, printedBy]() -> Result<ReportDocument> {
            if (uuid.isEmpty())
                return makeError(QStringLiteral("records.not-found"), tr("Scan a certificate first."));
            return RecordReport::forInspection(m_door, uuid, printedBy, m_clock.nowUtc());
        },
        tr("inspection-%1").arg(uuid));
}

CaseDialog* MainWindow::openCase(const QString& caseId)
{
    if (!maySeeCases())
        return nullptr;
    for (CaseDialog* d : findChildren<CaseDialog*>())
        if (d->caseId() == caseId) {
            d->reload();
            d->checkAgain();
            d->raise();
            d->activateWindow();
            return d;
        }
    auto* dialog = new CaseDialog(m_door, *m_session, caseId, this,
                                  [this](const QJsonObject& then, const QDateTime& seenAt) {
                                      return recheckInspection(Verifier(m_db, m_clock), then, seenAt);
                                  });
    dialog->setEscalation(
        {[this, caseId]() -> Result<std::pair<QStringList, QStringList>> {
             auto kase = m_door.caseView(caseId);
             if (!kase)
                 return kase.error();
             auto insp = m_store.inspection(kase->record.inspectionId);
             if (!insp)
                 return insp.error();
             const auto own = m_db.participant();
             const QStringList codes = DeskMessaging::defaultAddressees(
                 insp->has_value() ? (*insp)->participant : QString(), own ? *own : QString());
             auto described = DeskMessaging::describeAddressees(m_db, codes);
             if (!described)
                 return described.error();
             return std::pair{codes, *described};
         },
         [this, caseId](const QStringList& to) { return escalateCase(caseId, to); },
         [this, caseId]() -> Result<MessageMaker> {
             if (!m_session)
                 return makeError(QStringLiteral("records.no-session"), tr("Nobody is signed in."));
             return CaseMessages(m_db, m_clock, m_door, m_store).confirmation(caseId, m_session->actor());
         }});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CaseDialog::caseChanged, m_caseQueue, &CaseQueue::refresh);
    dialog->show();
    dialog->activateWindow();
    dialog->setFocus();
    return dialog;
}

bool MainWindow::mayScan()
{
    if (m_session && !m_locked)
        return true;
    const QString message = tr("Locked: sign in to scan.");
    statusBar()->showMessage(message, 15000);
    if (m_locked)
        m_lock->showMessage(message);
    else
        m_signIn->showMessage(message);
    emit scanRefused(message);
    return false;
}

void MainWindow::clearCurrent()
{
    m_currentTicket = 0; // a save still waiting for the sync no longer fills the screen
    m_currentId.reset();
    m_currentUuid.clear();
    m_current = {};
    m_physicalMismatches.clear();
    m_currentImage = {};
    m_bannerNote.clear();
    m_verdict = Verdict::Reject;
    m_finalVerdict = Verdict::Reject;
    m_view->clear();
    m_physical->reset();
    m_physical->setCertificate(std::nullopt);
    m_physical->setEnabled(false);
    m_flagBox->setFlags({});
    m_scanField->clear();
}

void MainWindow::showNoVerdict(const QString& headline, const QString& reason)
{
    clearCurrent();
    m_view->showNotice(headline, reason);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (m_session && !m_locked && m_idle.isActive())
            m_idle.start(); // again from now
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QToolBar* bar = addToolBar(tr("Scanning"));
    bar->setObjectName(QStringLiteral("scanToolbar"));
    m_bar = bar;
    const auto add = [&](const QString& text, const QKeySequence& key, auto slot, bool onBar) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        file->addAction(action);
        m_deskActions << action;
        if (onBar)
            bar->addAction(action);
        return action;
    };
    add(
        tr("&Open image..."), QKeySequence::Open,
        [this] {
            const QString path = FileDialogs::openFile(this, tr("Open a scanned certificate"),
                                                       tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"));
            if (!path.isEmpty())
                m_intake->openImage(path);
        },
        true);
    add(
        tr("&Paste image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), [this] { m_intake->paste(); },
        true);
    add(
        tr("&New inspection"), QKeySequence(Qt::Key_Escape),
        [this] {
            // The whole inspection goes: a verdict left on screen would
            // look like the next certificate's.
            clearCurrent();
            m_scanField->setFocus();
        },
        false);
    add(
        tr("&Flag reasonable doubt..."), QKeySequence(Qt::CTRL | Qt::Key_D), [this] { flagDoubt(); }, true);
    add(
        tr("Release the s&hipment"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] { releaseShipment(); }, true);
    add(
        tr("&Sync now"), QKeySequence(Qt::Key_F5), [this] { syncNow(); }, true);
    add(
        tr("&Repair the desk's data..."), QKeySequence(), [this] { repairData(true); }, false);
    add(
        tr("&Watch a scanner folder..."), QKeySequence(),
        [this] {
            const QString dir =
                FileDialogs::existingFolder(this, tr("Folder where the document scanner saves"));
            if (!dir.isEmpty()) {
                LocalSettings::setWatchedFolder(dir);
                setWatchedFolder(dir);
            }
        },
        false);
    add(
        tr("S&erial scanner..."), QKeySequence(),
        [this] {
            // The ports this machine has, the one in use first; any other
            // (a udev name, a pseudo-terminal) can be typed.
            const QString inUse = LocalSettings::serialPort();
            QStringList ports{inUse};
            for (const QSerialPortInfo& info : QSerialPortInfo::availablePorts())
                if (info.systemLocation() != inUse)
                    ports << info.systemLocation();
            if (!inUse.isEmpty())
                ports << QString(); // none
            bool ok = false;
            const QString port = QInputDialog::getItem(
                this, tr("Serial scanner"), tr("Port of the 2D imager (empty: none):"), ports, 0, true, &ok);
            if (ok)
                useSerialScanner(port.trimmed());
        },
        false);
    m_settingsAction = add(
        tr("Settin&gs..."), QKeySequence(), [this] { showSettings(); }, false);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_usersAction = add(
        tr("&Users..."), QKeySequence(), [this] { showUsers(); }, false);
    m_usersAction->setObjectName(QStringLiteral("usersAction"));
    m_auditTrailAction = add(
        tr("&Browse the audit trail..."), QKeySequence(), [this] { showAuditTrail(); }, false);
    m_auditTrailAction->setObjectName(QStringLiteral("auditTrailAction"));
    add(
        tr("Go to &certificate field"), QKeySequence(Qt::Key_F2),
        [this] {
            m_scanField->setFocus();
            m_scanField->selectAll();
        },
        false);
    add(
        tr("&Today's inspections"), QKeySequence(Qt::CTRL | Qt::Key_T),
        [this] { m_today->search()->setFocus(); }, false);
    add(
        tr("F&ind inspection..."), QKeySequence(Qt::CTRL | Qt::Key_F), [this] { showInspectionSearch(); },
        false)
        ->setObjectName(QStringLiteral("findInspectionAction"));
    m_casesAction = add(
        tr("C&ases..."), QKeySequence(Qt::CTRL | Qt::Key_K), [this] { showCaseQueue(); }, false);
    m_casesAction->setObjectName(QStringLiteral("casesAction"));
    // The inspection on paper, as it was recorded.
    const auto onPaper = [this](RecordPrinter::Outcome outcome) {
        if (!outcome.done && !outcome.message.isEmpty())
            showError(outcome.message);
        else if (!outcome.message.isEmpty())
            statusBar()->showMessage(outcome.message, 15000);
    };
    add(
        tr("&Print the inspection..."), QKeySequence::Print,
        [this, onPaper] { onPaper(inspectionPrinter().askAndPrint()); }, false)
        ->setObjectName(QStringLiteral("printInspectionAction"));
    add(
        tr("Save the inspection as P&DF..."), QKeySequence(),
        [this, onPaper] { onPaper(inspectionPrinter().askAndSaveAsPdf()); }, false)
        ->setObjectName(QStringLiteral("pdfInspectionAction"));
    file->addSeparator();
    add(
        tr("&Lock the desk"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] { lockNow(); }, false)
        ->setObjectName(QStringLiteral("lockAction"));
    add(
        tr("Sign &out"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q), [this] { signOut(); }, false)
        ->setObjectName(QStringLiteral("signOutAction"));
    file->addSeparator();
    add(
        tr("&Quit"), QKeySequence::Quit, [this] { close(); }, false);
    m_deskActions.removeLast(); // quitting needs no one signed in

    // Each language in its own name, so an officer can find theirs in any.
    QMenu* language = menuBar()->addMenu(tr("&Language"));
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
        connect(action, &QAction::triggered, this, [this, code, languages] {
            if (code == Translation::current())
                return;
            if (syncRunning()) {
                statusBar()->showMessage(tr("The language can be changed when the sync has finished."),
                                         15000);
                for (QAction* a : languages->actions()) // the check stays on the language in use
                    a->setChecked(a->objectName() == QStringLiteral("language_") + Translation::current());
                return;
            }
            LocalSettings::setLanguage(code);
            emit languageChosen(code);
        });
    }
    buildHelpMenu();
}

void MainWindow::buildHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* page = help->addAction(tr("&Help"), this, [this] {
        HelpDialog dialog(this, this);
        dialog.exec();
    });
    page->setShortcut(QKeySequence::HelpContents); // F1
    page->setObjectName(QStringLiteral("helpAction"));
    help->addAction(tr("&About KP Desk"), this,
                    [this] {
                        const auto demo = m_db.isDemo();
                        AboutDialog dialog(demo && *demo, this);
                        dialog.exec();
                    })
        ->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::verifyText(const QString& text, const QString& symbology, const QImage& image)
{
    if (!mayScan())
        return; // nothing verified, nothing recorded
    const Verifier verifier(m_db, m_clock);
    VerifyOptions options;
    // A scan at the window is a presentation at this desk; while this
    // window's sync is writing, it is recorded when the sync has finished.
    const bool deferSave = syncRunning();
    options.recordPresentation = !deferSave;
    const Inspection insp = verifier.verify(ScanInput{text.trimmed(), symbology, {}}, options);
    if (!insp.isCertificate()) {
        // A typing mistake: no verdict, nothing recorded, and the text stays
        // in the field to be put right.
        showNoVerdict(Inspection::notACertificateText(),
                      tr("\"%1\" is neither a KP1 barcode nor a certificate "
                         "number. Correct it and press Enter, or scan again.")
                          .arg(text.trimmed()));
        m_scanField->setText(text.trimmed());
        m_scanField->setFocus();
        statusBar()->showMessage(Inspection::notACertificateText(), 15000);
        emit scanFailed(Inspection::notACertificateText());
        return;
    }
    if (!insp.dataError.isEmpty())
        m_health->showProblem(insp.dataError);
    m_current = insp;
    m_verdict = insp.verdict;
    m_finalVerdict = insp.verdict;
    m_physicalMismatches.clear();
    m_currentImage = image;
    m_bannerNote.clear();
    m_physical->reset();
    m_physical->setEnabled(insp.certificate.has_value());
    m_currentId.reset();
    m_currentUuid.clear();
    m_currentTicket = 0;
    if (deferSave) {
        m_currentTicket = m_nextTicket++;
        m_pendingSaves.append({m_currentTicket, *m_session, insp, toPng(image)});
        m_physical->setEnabled(false); // it needs the saved inspection
        statusBar()->showMessage(
            tr("A sync is writing to the desk: this inspection will be saved as soon as it has finished."));
    } else if (auto saved = m_door.recordVerification(*m_session, insp, toPng(image)); !saved) {
        m_currentTicket = m_nextTicket++;
        m_physical->setEnabled(false); // it needs the saved inspection
        keepUnsaved({m_currentTicket, *m_session, insp, toPng(image)}, saved.error().message);
    } else {
        m_currentUuid = *saved;
        if (!rowOf(m_db, m_currentUuid, m_currentId))
            showError(tr("That inspection cannot be read."));
    }
    showCurrent();
    m_sound->play(m_finalVerdict);
    m_scanField->clear();
    refreshToday();
    if (m_currentId)
        emit inspectionShown(*m_currentId);
}

void MainWindow::keepUnsaved(const PendingSave& pending, const QString& why)
{
    m_unsaved.append(pending);
    m_retrySave->show();
    showError(
        tr("The inspection of %1 could not be saved: %2\nIt is kept on screen; press \"Retry saving\" "
           "to save it again.")
            .arg(pending.inspection.number.isEmpty() ? tr("this certificate") : pending.inspection.number,
                 why));
}

bool MainWindow::retryUnsaved()
{
    QList<PendingSave> failed;
    QString problem;
    for (const PendingSave& pending : std::as_const(m_unsaved)) {
        auto saved = m_door.recordVerification(pending.session, pending.inspection, pending.png);
        if (!saved) {
            failed.append(pending);
            problem = saved.error().message;
            continue;
        }
        if (pending.ticket == m_currentTicket) {
            m_currentTicket = 0;
            m_currentUuid = *saved;
            if (!rowOf(m_db, m_currentUuid, m_currentId))
                showError(tr("That inspection cannot be read."));
            m_physical->setEnabled(pending.inspection.certificate.has_value());
            if (m_currentId)
                emit inspectionShown(*m_currentId);
        }
    }
    m_unsaved = failed;
    m_retrySave->setVisible(!m_unsaved.isEmpty());
    refreshToday();
    if (!m_unsaved.isEmpty()) {
        showError(
            tr("%n inspection(s) could still not be saved: %1", nullptr, int(m_unsaved.size())).arg(problem));
        return false;
    }
    statusBar()->showMessage(tr("Saved."), 10000);
    return true;
}

void MainWindow::savePendingInspections()
{
    while (!m_pendingSaves.isEmpty()) {
        const PendingSave pending = m_pendingSaves.takeFirst();
        const Inspection& insp = pending.inspection;
        QString problem;
        if (!insp.number.isEmpty()) {
            if (auto r = m_db.recordPresentation(insp.number, insp.verifiedAt, verdictName(insp.verdict)); !r)
                problem = r.error().message;
        }
        auto saved = m_door.recordVerification(pending.session, insp, pending.png);
        if (!saved) {
            keepUnsaved(pending, saved.error().message);
            continue;
        }
        if (!problem.isEmpty())
            showError(tr("An inspection scanned during the sync could not be saved: %1").arg(problem));
        if (pending.ticket == m_currentTicket) {
            m_currentTicket = 0;
            m_currentUuid = *saved;
            if (!rowOf(m_db, m_currentUuid, m_currentId))
                showError(tr("That inspection cannot be read."));
            m_physical->setEnabled(insp.certificate.has_value());
            if (m_currentId)
                emit inspectionShown(*m_currentId);
        }
    }
    refreshToday();
}

void MainWindow::applyPhysicalCheck(const PhysicalCheck& check)
{
    if (!m_currentId || !m_current.certificate || !m_session || m_locked)
        return;
    if (m_currentUuid.isEmpty()) {
        showError(tr("This inspection was saved before accounts: scan the certificate again."));
        return;
    }
    m_physicalMismatches = check.mismatches(*m_current.certificate);
    m_finalVerdict = finalVerdict(m_verdict, m_physicalMismatches);
    if (auto recorded = m_door.recordPhysicalCheck(*m_session, m_currentUuid, check); !recorded)
        showError(recorded.error().message);
    else
        m_finalVerdict = *recorded;
    showCurrent();
    refreshToday();
}

QStringList MainWindow::flagSuggestions() const
{
    QStringList reasons;
    for (const CheckResult& c : m_current.checks)
        if (c.status == CheckStatus::Fail || c.status == CheckStatus::Warn)
            reasons << c.check + QStringLiteral(": ") + c.detail;
    for (const QString& m : m_physicalMismatches)
        reasons << tr("physical check: %1").arg(m);
    return reasons;
}

bool MainWindow::saveFlag(const QStringList& reasons, const QString& notes, bool held,
                          const QList<Attachment>& attachments)
{
    if (!m_currentId || !m_session || m_locked)
        return false;
    if (m_currentUuid.isEmpty()) {
        showError(tr("This inspection was saved before accounts: scan the certificate again."));
        return false;
    }
    FlagInput flag;
    flag.reasons = reasons;
    flag.notes = notes;
    flag.held = held;
    if (!m_currentImage.isNull())
        flag.attachments.append(
            {{}, QStringLiteral("scanned-certificate.png"), {}, 0, toPng(m_currentImage)});
    for (const Attachment& a : attachments)
        flag.attachments.append({{}, a.name, {}, 0, a.data});
    auto opened = m_door.flag(*m_session, m_currentUuid, flag);
    if (!opened) {
        showError(opened.error().message);
        return false;
    }
    m_lastCaseId = *opened;
    statusBar()->showMessage(held ? tr("Case opened; the shipment is held.") : tr("Case opened."), 15000);
    showCurrent(); // the flag on the banner too: the verdict alone does not say the shipment may not go
    refreshToday();
    return true;
}

void MainWindow::flagDoubt()
{
    if (!m_currentId) {
        showError(tr("Scan a certificate first."));
        return;
    }
    QString certificate = m_current.number;
    if (certificate.isEmpty())
        certificate = m_current.input.text.left(40);
    FlagDialog dialog(certificate, flagSuggestions(), this);
    const QString flagged = m_currentUuid;
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_currentUuid != flagged) { // never the reasons of one certificate on another
        showError(
            tr("Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.")
                .arg(certificate));
        return;
    }
    saveFlag(dialog.reasons(), dialog.notes(), dialog.held(), dialog.attachments());
}

void MainWindow::openSaved(qint64 inspectionId)
{
    const auto saved = m_cases.inspection(inspectionId);
    if (!saved) {
        showError(tr("That inspection cannot be read."));
        return;
    }
    m_currentId = inspectionId;
    if (!uuidOf(m_db, inspectionId, m_currentUuid)) {
        showError(tr("That inspection cannot be read."));
        return;
    }
    m_currentTicket = 0; // a save still waiting for the sync no longer fills the screen
    m_current = Inspection::fromJson(saved->inspection);
    m_verdict = saved->summary.verdict;
    m_finalVerdict = saved->summary.finalVerdict;
    m_physicalMismatches =
        m_current.certificate ? saved->physical.mismatches(*m_current.certificate) : QStringList{};
    m_currentImage = QImage::fromData(saved->image, "PNG");
    m_bannerNote.clear();
    // Its own physical check, never what was typed for another one; open to
    // change with its certificate on screen.
    m_physical->setCheck(saved->physical);
    m_physical->setEnabled(m_current.certificate.has_value());
    m_scanField->clear();
    showCurrent();
    statusBar()->showMessage(tr("Inspection of %1 by %2, as seen then (not verified again).")
                                 .arg(localTimeWithZone(saved->summary.at), saved->summary.officer),
                             20000);
}

bool MainWindow::openSavedRecord(const QString& uuid)
{
    std::optional<qint64> row;
    if (!rowOf(m_db, uuid, row)) {
        showError(tr("That inspection cannot be read."));
        return false;
    }
    if (!row) {
        showError(tr("That inspection is not in the desk's records."));
        return false;
    }
    openSaved(*row);
    return m_currentId == row;
}

void MainWindow::showInspectionSearch()
{
    if (!m_session || m_locked)
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

void MainWindow::showCurrent()
{
    m_view->showInspection(m_current, m_finalVerdict, m_physicalMismatches, m_currentImage);
    m_view->banner()->setNote(m_bannerNote);
    m_physical->setCertificate(m_current.certificate);
    m_flagBox->setFlags({});
    showFlagsOfCurrent();
}

void MainWindow::showFlagsOfCurrent()
{
    if (m_currentUuid.isEmpty())
        return;
    const auto flags = flagsOfInspection(m_db, m_door, m_currentUuid);
    if (!flags) {
        showError(flags.error().message);
        return;
    }
    m_flagBox->setFlags(*flags);
    bool held = false;
    for (const ShownFlag& f : *flags)
        held = held || f.held;
    m_bannerNote = flags->isEmpty() ? QString()
                   : held           ? tr("Flagged: the shipment is HELD (case opened).")
                                    : tr("Flagged: case opened; the shipment is not held.");
    m_view->banner()->setNote(m_bannerNote);
}

void MainWindow::refreshStatus()
{
    const auto participant = m_db.participant();
    const auto state = m_db.syncState();
    const auto demo = m_db.isDemo();
    for (const Error* e : {participant ? nullptr : &participant.error(), state ? nullptr : &state.error(),
                           demo ? nullptr : &demo.error()}) {
        if (e && !m_health->problemShown())
            m_health->showProblem(e->message);
    }
    m_status->update(participant ? *participant : QString(), state ? *state : SyncState{}, m_clock.nowUtc(),
                     demo && *demo);
}

bool MainWindow::repairData(bool confirm)
{
    if (m_sync->isRunning()) {
        showError(tr("A sync is running: repair the desk's data when it has finished."));
        return false;
    }
    if (confirm &&
        QMessageBox::question(
            this, tr("Repair the desk's data"),
            tr("The desk's own records (its configuration, presentations, inspections, flags and "
               "attachments) "
               "are kept, as far as they can be read. The authorities' data is dropped and must be synced "
               "again. The damaged file is kept beside the new one.\n\nRepair now?")) != QMessageBox::Yes)
        return false;
    m_health->waitForCheck();
    m_db.closeConnection();
    const auto repaired = repairCache(m_db.path(), m_clock.nowUtc());
    if (auto reopened = m_db.reopenConnection(); !reopened) {
        showError(reopened.error().message);
        return false;
    }
    if (!repaired) {
        showError(repaired.error().message);
        return false;
    }
    QStringList lost;
    for (const RepairReport::Table& t : repaired->tables) {
        if (t.lost > 0)
            lost << tr("%1: %n row(s)", nullptr, int(t.lost)).arg(t.name);
        else if (t.lostUnknown)
            lost << tr("%1: some rows").arg(t.name);
    }
    m_health->clearProblem();
    refreshStatus();
    // Flags kept before this desk had cases become cases, once.
    if (auto adopted = m_door.adoptLegacy(m_store); !adopted)
        statusBar()->showMessage(tr("The flags kept before this desk had cases could not be taken in: %1")
                                     .arg(adopted.error().message));
    refreshToday();
    m_health->checkInBackground(m_db.path());
    const QString report =
        tr("The desk's data was repaired. The damaged file is kept as %1.").arg(repaired->damagedCopy) +
        u'\n' +
        (lost.isEmpty() ? tr("None of the desk's own records was lost.")
                        : tr("Records that could not be saved: %1.").arg(lost.join(QStringLiteral("; ")))) +
        u'\n' + tr("Sync now to fetch the authority data again.");
    statusBar()->showMessage(tr("The desk's data was repaired: sync now."), 15000);
    if (confirm && isVisible())
        QMessageBox::information(this, tr("Repair the desk's data"), report);
    return true;
}

void MainWindow::refreshToday()
{
    const QDateTime now = m_clock.nowUtc();
    const QDateTime startOfDay(now.toLocalTime().date().startOfDay());
    QList<InspectionSummary> list =
        m_cases.inspectionsBetween(startOfDay.toUTC(), startOfDay.addDays(1).toUTC());
    QSet<qint64> withCases;
    if (!rowsWithCases(m_db, list, withCases))
        showError(tr("That inspection cannot be read."));
    for (InspectionSummary& s : list)
        s.flagged = s.flagged || withCases.contains(s.id);
    m_today->setInspections(list);
}

void MainWindow::syncNow()
{
    // The configured sources in turn, as kpdesk-cli sync: an unmounted USB
    // folder first does not keep a good source second from being used.
    const auto sources = m_db.syncSources();
    if (!sources) {
        showError(sources.error().message);
        return;
    }
    QStringList list = *sources;
    if (list.isEmpty()) {
        bool ok = false;
        const QString source = QInputDialog::getText(
            this, tr("Sync now"), tr("The authority's address (https://...) or a folder (USB stick):"),
            QLineEdit::Normal, QString(), &ok);
        if (!ok || source.trimmed().isEmpty())
            return;
        list << source.trimmed();
    }
    startSync(list);
}

void MainWindow::startSync(const QString& source)
{
    startSync(QStringList{source});
}

void MainWindow::startSync(const QStringList& sources)
{
    if (m_sync->isRunning())
        return;
    if (!m_syncProgress) {
        m_syncProgress = new QProgressDialog(tr("Syncing..."), tr("Cancel"), 0, 1000, this);
        m_syncProgress->setWindowTitle(tr("Sync"));
        m_syncProgress->setMinimumDuration(500);
        m_syncProgress->setAutoClose(false);
        m_syncProgress->setAutoReset(false);
        connect(m_syncProgress, &QProgressDialog::canceled, m_sync, &SyncController::cancel);
    }
    m_syncProgress->setValue(0);
    // Who started the sync answers for it in the trail (a sync from the
    // sign-in page, before anyone is signed in, is the desk's own).
    m_sync->start(sources, m_session);
}

// An administrator's dialog beside the window, one of each kind at a time.
template <typename Dialog, typename... Args>
static void openOnce(QWidget* parent, Args&&... args)
{
    for (Dialog* open : parent->findChildren<Dialog*>())
        if (open->isVisible()) {
            open->raise();
            return;
        }
    auto* dialog = new Dialog(std::forward<Args>(args)..., parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showUsers()
{
    if (m_session && !m_locked && Permissions::may(m_session->role, Action::ManageAccounts))
        openOnce<UsersDialog>(this, m_door, *m_session, m_clock);
}

void MainWindow::showAuditTrail()
{
    if (m_session && !m_locked && m_session->role == Role::Administrator)
        openOnce<AuditTrailDialog>(this, m_door);
}

void MainWindow::showSettings()
{
    if (!m_session || m_locked || !Permissions::may(m_session->role, Action::ChangeSettings))
        return;
    for (SettingsDialog* open : findChildren<SettingsDialog*>())
        if (open->isVisible()) { // one at a time (a closed one waits to be deleted)
            open->raise();
            return;
        }
    auto* dialog = new SettingsDialog(m_db, m_door, *m_session, m_clock, this);
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

void MainWindow::setWatchedFolder(const QString& folder)
{
    m_intake->setWatchedFolder(folder);
}

void MainWindow::openImage(const QString& path)
{
    m_intake->openImage(path);
}

void MainWindow::wireIntake()
{
    m_intake->setModalOwner(this);
    qApp->installEventFilter(m_intake->wedgeFilter());
    // The sign-in and lock pages take no scans: a password manager's fast keys stay a password.
    m_intake->wedgeFilter()->setTakesScansWhen([this] { return m_session && !m_locked; });
    connect(m_intake, &ScanIntake::textRead, this,
            [this](const QString& text, const QString& symbology, const QImage& image) {
                verifyText(text, symbology, image);
            });
    connect(m_intake, &ScanIntake::unreadable, this, [this](const QString& reason) {
        // The verdict on screen was the last certificate's, not this image's.
        showNoVerdict(tr("Nothing was verified"), reason);
        showError(reason);
        emit scanFailed(reason);
    });
    connect(m_intake, &ScanIntake::refused, this, [this](const QString& message) {
        statusBar()->showMessage(message, 15000);
        QApplication::beep();
        emit scanRefused(message);
    });
}

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
    LocalSettings::setWindowGeometry(saveGeometry());
    LocalSettings::setWindowState(saveState(DockLayoutVersion));
    QMainWindow::closeEvent(event);
}

void MainWindow::showError(const QString& message)
{
    statusBar()->showMessage(message, 20000);
    if (isVisible() && !QApplication::platformName().contains(QLatin1String("offscreen")))
        QMessageBox::warning(this, tr("KP Desk"), message);
}

// --- Release and the outbox ------------------------------------------------------------

bool MainWindow::releaseShipment()
{
    if (!m_currentId || !m_session || m_locked)
        return false;
    if (m_currentUuid.isEmpty()) {
        showError(tr("This inspection was saved before accounts: scan the certificate again."));
        return false;
    }
    auto record = m_store.inspection(m_currentUuid);
    if (!record || !record->has_value()) {
        showError(record ? tr("The inspection is not in the desk's records.") : record.error().message);
        return false;
    }
    auto messaging = DeskMessaging::open(m_db, m_clock);
    if (!messaging) {
        showError(messaging.error().message);
        return false;
    }
    const MessageMaker confirmation =
        messaging->enrolled() ? messaging->confirmation(**record, m_session->actor()) : MessageMaker{};
    if (auto released = m_door.release(*m_session, m_currentUuid, confirmation); !released) {
        showError(tr("Not released: %1").arg(released.error().message));
        return false;
    }
    statusBar()->showMessage(
        messaging->enrolled()
            ? tr("Released: %1. The import confirmation waits in the outbox.").arg((*record)->number)
            : tr("Released: %1. No import confirmation was made: %2")
                  .arg((*record)->number, messaging->notEnrolled()),
        20000);
    refreshToday();
    refreshOutbox();
    sendOutboxInBackground();
    return true;
}

Result<QString> MainWindow::escalateCase(const QString& caseId, const QStringList& to)
{
    if (!m_session || m_locked)
        return makeError(QStringLiteral("records.no-session"), tr("Nobody is signed in."));
    QStringList addressees = to;
    QString pdfProblem;
    auto doubt =
        CaseMessages(m_db, m_clock, m_door, m_store).doubt(caseId, addressees, m_session->name, &pdfProblem);
    if (!doubt)
        return doubt.error();
    if (!pdfProblem.isEmpty())
        statusBar()->showMessage(
            tr("The case's PDF could not be made (%1); the message goes without it.").arg(pdfProblem), 20000);
    auto id = m_door.escalate(*m_session, caseId, addressees, *doubt);
    if (id) {
        refreshOutbox();
        sendOutboxInBackground();
    }
    return id;
}

void MainWindow::refreshOutbox()
{
    const auto waiting = m_store.messages(true, false);
    if (!waiting) {
        m_outboxLabel->setText(tr("Outbox: could not be read"));
        m_outboxLabel->setToolTip(waiting.error().message);
        return;
    }
    m_outboxWaiting = int(waiting->size());
    m_outboxLabel->setText(tr("Outbox: %n waiting", nullptr, m_outboxWaiting));
    QString lastError;
    for (const OutboxMessage& m : *waiting)
        if (!m.lastError.isEmpty())
            lastError = m.fileName + QStringLiteral(": ") + m.lastError;
    m_outboxLabel->setToolTip(lastError.isEmpty() ? tr("Messages to the home authority, sent when online.")
                                                  : tr("Last attempt: %1").arg(lastError));
}

void MainWindow::sendOutboxInBackground()
{
    if (!m_session || m_outboxWatcher.isRunning() || m_outboxWaiting == 0)
        return;
    const Session session = *m_session;
    const QString path = m_db.path();
    // Its own connection and clock on a worker thread: the officer never waits.
    m_outboxWatcher.setFuture(QtConcurrent::run([path, session]() -> QString {
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        if (!db)
            return db.error().message;
        SqliteRecordsStore store(**db);
        SystemClock clock;
        DeskRecords door(store, clock);
        const auto settings = door.settings();
        if (!settings)
            return settings.error().message;
        if (settings->outboxIntake.isEmpty())
            return tr("No intake is set: copy the outbox to a stick (kpdesk-cli outbox export).");
        auto identity = DeskIdentity::load(**db);
        if (!identity)
            return identity.error().message;
        SendOptions options;
        options.intake = QUrl(settings->outboxIntake);
        options.caPath = settings->outboxCaPath;
        options.proxy = settings->outboxProxy;
        const auto report =
            OutboxDelivery::send(door, session, options, identity->key, identity->certificate);
        if (!report)
            return report.error().message;
        return report->problems.join(u'\n');
    }));
}

void MainWindow::waitForOutbox()
{
    m_outboxWatcher.waitForFinished();
    QCoreApplication::processEvents();
}

void MainWindow::startOfficeReplication(int intervalMs)
{
    if (m_officeThread)
        return;
    m_officeThread = new QThread(this);
    // The desk's events go up signed with its key when it is enrolled (docs/office.md).
    auto signer = [](CacheDatabase& db) -> Result<std::optional<OfficeSigner>> {
        auto identity = DeskIdentity::load(db);
        if (!identity)
            return identity.error().code == QLatin1String("outbox.not-enrolled")
                       ? Result<std::optional<OfficeSigner>>(std::nullopt)
                       : Result<std::optional<OfficeSigner>>(identity.error());
        return std::optional<OfficeSigner>(
            OfficeSigner{identity->deskId, identity->key, identity->certificate});
    };
    auto* worker = new OfficeWorker(m_db.path(), intervalMs, signer);
    worker->moveToThread(m_officeThread);
    connect(m_officeThread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &OfficeWorker::stateChanged, m_caseQueue, &CaseQueue::setOfficeState);
    connect(this, &MainWindow::officeLinkChanged, worker, &OfficeWorker::runOnce);
    m_officeThread->start();
    QMetaObject::invokeMethod(worker, &OfficeWorker::start, Qt::QueuedConnection);
}

} // namespace kp::ui
