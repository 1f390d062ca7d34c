#pragma once

// The officer's window: scan (a typed number here; the wedge scanner, image
// files, drops, paste, the watched folder, the serial imager and the camera
// through ScanIntake), see the verdict and every check, do the physical
// check, flag reasonable doubt, review today's inspections, sync.
//
// The wiring between pieces that each have one job (DEVELOPERS.md, ui/):
// DeskWidget (the layout), DeskSession (who works here, the idle lock),
// InspectionController (the inspection on screen and its saving),
// OutboxController, OfficeReplication, CaseDesk (the supervisor's cases)
// and DeskActions (the menus). Its methods are what tests and the app call.

#include "CaseDesk.h"
#include "DeskActions.h"
#include "DeskSession.h"
#include "DeskWidget.h"
#include "InspectionController.h"
#include "OfficeReplication.h"
#include "OutboxController.h"
#include "RecordPrinter.h"
#include "ScanIntake.h"
#include "SyncAndRepair.h"
#include "SyncController.h"

#include "barcode/BarcodeReader.h"
#include "cases/Attachment.h" // a file kept with a flag (the type only: the door writes)
#include "cases/PhysicalCheck.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "verify/Inspection.h"

#include <QImage>
#include <QMainWindow>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;

namespace kp {
class CacheDatabase;
class Clock;
} // namespace kp

namespace kp::ui {

class CameraPanel;
class CaseDesk;
class CaseDialog;
class CaseQueue;
class DeskActions;
class DeskSession;
class DeskStatusPanel;
class DeskWidget;
class FlagBox;
class HealthMonitor;
class InspectionController;
class InspectionSearch;
class InspectionView;
class LockPage;
class NewPasswordPage;
class OfficeReplication;
class OutboxController;
class PhysicalCheckPanel;
class RecordPrinter;
class SerialScanner;
class SignInPage;
class SyncAndRepair;
class TodayList;
class TrailPanel;
class VerdictSound;
class WedgeScanFilter;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Opens on the sign-in: nothing is verified or recorded until someone signs in.
    MainWindow(CacheDatabase& db, const Clock& clock, QWidget* parent = nullptr);
    ~MainWindow() override;

    // --- Who works at the desk (DeskSession) ----------------------------------------
    // As the sign-in page does; false with the door's words on the page.
    bool signIn(const QString& name, const QString& password) { return m_session->signIn(name, password); }
    // Enters the trail, clears the inspection on screen, back to the sign-in.
    void signOut() { m_session->signOut(); }
    // The idle lock (also the Lock action): hides the inspection, enters the trail.
    void lockNow() { m_session->lockNow(); }
    // The signed-in person's password again; false with the door's words.
    bool unlock(const QString& password) { return m_session->unlock(password); }
    // The window rebuilt in another language goes on with the same person.
    void resumeSession(const Session& session, bool locked);
    const std::optional<Session>& session() const { return m_session->session(); }
    bool isLocked() const { return m_session->isLocked(); }
    // How long without input before the desk locks (default: the desk's
    // idle_lock_minutes); tests make it short.
    void setIdleLockInterval(std::chrono::milliseconds interval) { m_session->setIdleLockInterval(interval); }
    std::chrono::milliseconds idleLockInterval() const { return m_session->idleLockInterval(); }
    SignInPage* signInPage() const { return m_desk->signInPage(); }
    LockPage* lockPage() const { return m_desk->lockPage(); }

    // --- The supervisor's cases (CaseDesk) and the office -----------------------------
    // The queue (the Cases... action, Ctrl+K: only for a supervisor signed
    // in) and one case, opened from it.
    void showCaseQueue() { m_cases->showQueue(); }
    CaseQueue* caseQueue() const { return m_cases->queue(); }
    CaseDialog* openCase(const QString& caseId) { return m_cases->openCase(caseId); }
    // Replicates with the office in a worker thread, polling every
    // intervalMs (started by itself for a desk linked to an office).
    void startOfficeReplication(int intervalMs = 5000) { m_office->start(intervalMs); }

    // --- Menus (DeskActions) ------------------------------------------------------------
    QAction* casesAction() const { return m_actions->casesAction(); }
    // The administrator's settings (SettingsDialog), opened beside the window.
    QAction* settingsAction() const { return m_actions->settingsAction(); }
    void showSettings();
    // The administrator's Users... and Browse the audit trail... (issue 21 items 7, 8).
    QAction* usersAction() const { return m_actions->usersAction(); }
    QAction* auditTrailAction() const { return m_actions->auditTrailAction(); }
    void showUsers();
    void showAuditTrail();
    // After a sign-in with a password someone else set, its owner chooses a
    // new one on this page before anything else (signIn() returns false).
    NewPasswordPage* newPasswordPage() const;
    DeskRecords& records() { return m_door; }
    CacheDatabase& database() const { return m_db; }
    // The inspection shown (scanned or reopened) as the printed record
    // (File > Print the inspection..., Save the inspection as PDF...).
    RecordPrinter inspectionPrinter() { return m_inspections->printer(); }

    // --- The inspection on screen (InspectionController) ---------------------------------
    InspectionController* inspections() const { return m_inspections; }
    // What the actions do, callable by tests and by the app's command line.
    void verifyText(const QString& text, const QString& symbology = {}, const QImage& image = {});
    // Images are read on a worker thread (ScanIntake); the verdict follows
    // (inspectionShown) or the reason it could not be read (scanFailed).
    void openImage(const QString& path) { m_intake->openImage(path); }
    // File > New inspection: nothing left on screen, the certificate field ready.
    void newInspection();
    void applyPhysicalCheck(const PhysicalCheck& check) { m_inspections->applyPhysicalCheck(check); }
    // Flags the current inspection through the door: a case is opened; false
    // when there is none or the door refused.
    bool saveFlag(const QStringList& reasons, const QString& notes, bool held,
                  const QList<Attachment>& attachments)
    {
        return m_inspections->saveFlag(reasons, notes, held, attachments);
    }
    void openSaved(qint64 inspectionId) { m_inspections->openSaved(inspectionId); }
    // Opens a saved inspection by its record id (UUID), as openSaved does;
    // false, with the reason shown, when it is not there or cannot be read.
    bool openSavedRecord(const QString& uuid) { return m_inspections->openSavedRecord(uuid); }
    // Finding any past inspection (Find inspection..., Ctrl+F: every role signed in).
    void showInspectionSearch();
    InspectionSearch* inspectionSearch() const { return m_search; }
    std::optional<qint64> currentInspectionId() const { return m_inspections->currentRow(); }
    // The inspection's record id (UUID) in the door's records; empty when none.
    QString currentRecordId() const { return m_inspections->currentId(); }
    int pendingSaves() const { return m_inspections->pendingSaves(); }
    // Inspections whose save failed, kept for "Retry saving" (issue 18).
    int unsavedInspections() const { return m_inspections->unsaved(); }
    QPushButton* retrySaveButton() const { return m_inspections->retryButton(); }
    // Saves again every inspection whose save failed; true when none is left.
    bool retryUnsaved() { return m_inspections->retryUnsaved(); }
    // The case the last flag opened.
    QString lastCaseId() const { return m_inspections->lastCaseId(); }
    Verdict currentFinalVerdict() const { return m_inspections->finalVerdict(); }
    QStringList flagSuggestions() const { return m_inspections->flagSuggestions(); }
    // The current inspection's shipment released (ShipmentRelease: an
    // officer's, when the final verdict is accept); an enrolled desk confirms
    // the import in the same transaction. False with the reason shown.
    bool releaseShipment() { return m_inspections->releaseShipment(); }

    // --- Sync and repair ------------------------------------------------------------------
    void syncNow() { m_upkeep->syncNow(); } // the configured sources, or one asked for
    void startSync(const QString& source) { startSync(QStringList{source}); }
    // The sources tried in order until one works (the configured ones: Sync now).
    void startSync(const QStringList& sources) { m_upkeep->startSync(sources); }
    bool syncRunning() const { return m_upkeep->sync()->isRunning(); }
    SyncController* syncController() const { return m_upkeep->sync(); }
    // Repairs the desk's data (docs/records-and-cache.md): keeps the desk's
    // records, drops the authority data to be synced again. confirm: ask the
    // officer first. Returns false when nothing was repaired.
    bool repairData(bool confirm) { return m_upkeep->repairData(confirm); }

    // --- The outbox (OutboxController) ---------------------------------------------------
    // How many messages wait, and a delivery in the background (never on
    // the window's thread; only with someone signed in).
    int outboxWaiting() const { return m_outbox->waiting(); }
    QLabel* outboxLabel() const { return m_outbox->label(); }
    void sendOutboxInBackground() { m_outbox->sendInBackground(); }
    // A supervisor escalates a case: the doubt (and the case's PDF) into the outbox.
    Result<QString> escalateCase(const QString& caseId, const QStringList& to)
    {
        return m_outbox->escalateCase(caseId, to);
    }
    bool outboxSending() const { return m_outbox->sending(); }
    void waitForOutbox() { m_outbox->waitForSending(); }

    // --- Inputs and what is shown ---------------------------------------------------------
    // Images saved into this folder are verified (ScanIntake); not remembered.
    void setWatchedFolder(const QString& folder) { m_intake->setWatchedFolder(folder); }
    // Opens the 2D imager's port (empty: none) and remembers it.
    bool useSerialScanner(const QString& port);
    ScanIntake* intake() const { return m_intake; }
    SerialScanner* serialScanner() const { return m_intake->serialScanner(); }
    WedgeScanFilter* wedgeFilter() const { return m_intake->wedgeFilter(); }
    QLineEdit* scanField() const { return m_desk->scanField(); }
    InspectionView* inspectionView() const { return m_desk->view(); }
    PhysicalCheckPanel* physicalPanel() const { return m_desk->physical(); }
    // The flags raised on the inspection on screen, under the Flag button.
    FlagBox* flagBox() const { return m_desk->flagBox(); }
    TodayList* todayList() const { return m_desk->today(); }
    DeskStatusPanel* statusPanel() const { return m_desk->status(); }
    HealthMonitor* healthMonitor() const { return m_desk->health(); }
    TrailPanel* trailPanel() const { return m_desk->trail(); }
    CameraPanel* cameraPanel() const { return m_desk->camera(); }
    // In the status bar, and in a box when the window is shown (MessageBoxes).
    void showError(const QString& message);

signals:
    void inspectionShown(qint64 inspectionId);
    void scanFailed(const QString& message);
    // A scan arrived while nobody was signed in or the desk was locked.
    void scanRefused(const QString& message);
    void signedIn(const QString& name);
    void signedOut();
    void deskLocked();
    void syncFinished(bool ok, const QString& message);
    // The administrator linked the desk to another office: a replication round now.
    void officeLinkChanged();
    // The officer chose another language (already saved in the settings);
    // WindowHost rebuilds the window in it.
    void languageChosen(const QString& language);

public slots:
    void refreshStatus() { m_upkeep->refreshStatus(); }
    void refreshToday() { m_inspections->refreshToday(); }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void wirePieces();
    void wireIntake();
    void showStartPage();
    // Which page: the sign-in, the desk or the lock; the docks, the toolbar
    // and the desk's actions only with the desk.
    void showPage(QWidget* page);
    bool mayScan();
    // Flags kept before this desk had cases become cases, once.
    void adoptLegacyFlags();

    CacheDatabase& m_db;
    const Clock& m_clock;
    SqliteRecordsStore m_store;
    DeskRecords m_door; // every write
    DeskWidget* m_desk;
    DeskSession* m_session;
    ScanIntake* m_intake;
    VerdictSound* m_sound;
    InspectionController* m_inspections;
    OutboxController* m_outbox;
    OfficeReplication* m_office;
    CaseDesk* m_cases;
    DeskActions* m_actions = nullptr;
    SyncAndRepair* m_upkeep;
    InspectionSearch* m_search = nullptr;
};

} // namespace kp::ui
