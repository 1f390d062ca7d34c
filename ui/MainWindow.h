#pragma once

// The officer's window: scan (a typed number here; the wedge scanner, image
// files, drops, paste, the watched folder, the serial imager and the camera
// through ScanIntake), see the verdict and every check, do the physical
// check, flag reasonable doubt, review today's inspections, sync.

#include "ScanIntake.h"
#include "SyncController.h"

#include "barcode/BarcodeReader.h"
#include "cases/CaseStore.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "verify/Inspection.h"

#include <QFutureWatcher>
#include <QImage>
#include <QMainWindow>
#include <QSet>
#include <QTimer>

#include <chrono>

#include <functional>
#include <optional>

class QDockWidget;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QStackedWidget;
class QToolBar;

class QThread;

namespace kp {
class CacheDatabase;
class Clock;
struct SyncOutcome;
} // namespace kp

namespace kp::ui {

class CameraPanel;
class CaseDialog;
class RecordPrinter;
class CaseQueue;
class FlagBox;
class DeskStatusPanel;
class HealthMonitor;
class TrailPanel;
class InspectionSearch;
class SerialScanner;
class VerdictSound;
class InspectionView;
class LockPage;
class NewPasswordPage;
class PhysicalCheckPanel;
class SignInPage;
class TodayList;
class WedgeScanFilter;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Opens on the sign-in: nothing is verified or recorded until someone signs in.
    MainWindow(CacheDatabase& db, const Clock& clock, QWidget* parent = nullptr);
    ~MainWindow() override;

    // --- Who works at the desk (docs/records.md: the door) -------------------
    // As the sign-in page does; false with the door's words on the page, or
    // with the new-password page shown (the password was set by someone else).
    bool signIn(const QString& name, const QString& password);
    // Enters the trail, clears the inspection on screen, back to the sign-in.
    void signOut();
    // The idle lock (also the Lock action): hides the inspection, enters the trail.
    void lockNow();
    // The signed-in person's password again; false with the door's words.
    bool unlock(const QString& password);
    // The window rebuilt in another language goes on with the same person.
    void resumeSession(const Session& session, bool locked);
    const std::optional<Session>& session() const { return m_session; }
    bool isLocked() const { return m_locked; }
    // How long without input before the desk locks (default: the desk's
    // idle_lock_minutes); tests make it short.
    void setIdleLockInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds idleLockInterval() const;
    SignInPage* signInPage() const { return m_signIn; }
    LockPage* lockPage() const { return m_lock; }
    // The supervisor's queue of cases (the Cases... action, Ctrl+K: only for
    // a supervisor signed in) and one case, opened from it.
    void showCaseQueue();
    CaseQueue* caseQueue() const { return m_caseQueue; }
    // Replicates with the office in a worker thread, polling every
    // intervalMs (started by itself for a desk linked to an office).
    void startOfficeReplication(int intervalMs = 5000);
    QAction* casesAction() const { return m_casesAction; }
    // The administrator's settings (SettingsDialog), opened beside the window.
    QAction* settingsAction() const { return m_settingsAction; }
    void showSettings();
    // The administrator's Users... and Browse the audit trail... (issue 21 items 7, 8).
    QAction* usersAction() const { return m_usersAction; }
    QAction* auditTrailAction() const { return m_auditTrailAction; }
    void showUsers();
    void showAuditTrail();
    // After a sign-in with a password someone else set, its owner chooses
    // a new one on this page before anything else (signIn() returns false).
    NewPasswordPage* newPasswordPage() const { return m_newPassword; }
    bool choosePassword(const QString& password);
    CaseDialog* openCase(const QString& caseId);
    DeskRecords& records() { return m_door; }
    // The inspection shown (scanned or reopened) as the printed record
    // (File > Print the inspection..., Save the inspection as PDF...).
    RecordPrinter inspectionPrinter();

    // What the actions do, callable by tests and by the app's command line.
    void verifyText(const QString& text, const QString& symbology = {}, const QImage& image = {});
    // Images are read on a worker thread (ScanIntake); the verdict follows
    // (inspectionShown) or the reason it could not be read (scanFailed).
    void openImage(const QString& path);
    void applyPhysicalCheck(const PhysicalCheck& check);
    // Flags the current inspection through the door: a case is opened; false
    // when there is none or the door refused.
    bool saveFlag(const QStringList& reasons, const QString& notes, bool held,
                  const QList<Attachment>& attachments);
    void openSaved(qint64 inspectionId);
    // Opens a saved inspection by its record id (UUID), as openSaved does;
    // false, with the reason shown, when it is not there or cannot be read.
    bool openSavedRecord(const QString& uuid);
    // Finding any past inspection (Find inspection..., Ctrl+F: every role signed in).
    void showInspectionSearch();
    InspectionSearch* inspectionSearch() const { return m_search; }
    void startSync(const QString& source);
    // The sources tried in order until one works (the configured ones: Sync now).
    void startSync(const QStringList& sources);
    // Repairs the desk's data (docs/records-and-cache.md): keeps the desk's
    // records, drops the authority data to be synced again. confirm: ask the
    // officer first. Returns false when nothing was repaired.
    bool repairData(bool confirm);
    // Images saved into this folder are verified (ScanIntake); not remembered.
    void setWatchedFolder(const QString& folder);

    InspectionView* inspectionView() const { return m_view; }
    PhysicalCheckPanel* physicalPanel() const { return m_physical; }
    // The flags raised on the inspection on screen, under the Flag button.
    FlagBox* flagBox() const { return m_flagBox; }
    TodayList* todayList() const { return m_today; }
    DeskStatusPanel* statusPanel() const { return m_status; }
    HealthMonitor* healthMonitor() const { return m_health; }
    TrailPanel* trailPanel() const { return m_trail; }
    CameraPanel* cameraPanel() const { return m_camera; }
    // Every input (files, drops, paste, watched folder, scanners, camera).
    ScanIntake* intake() const { return m_intake; }
    SerialScanner* serialScanner() const { return m_intake->serialScanner(); }
    // Opens the 2D imager's port (empty: none) and remembers it.
    bool useSerialScanner(const QString& port);
    QLineEdit* scanField() const { return m_scanField; }
    WedgeScanFilter* wedgeFilter() const { return m_intake->wedgeFilter(); }
    std::optional<qint64> currentInspectionId() const { return m_currentId; }
    // The inspection's record id (UUID) in the door's records; empty when none.
    QString currentRecordId() const { return m_currentUuid; }
    int pendingSaves() const { return int(m_pendingSaves.size()); }
    // Inspections whose save failed, kept for "Retry saving" (issue 18).
    int unsavedInspections() const { return int(m_unsaved.size()); }
    QPushButton* retrySaveButton() const { return m_retrySave; }
    // Saves again every inspection whose save failed; true when none is left.
    bool retryUnsaved();
    // The case the last flag opened.
    QString lastCaseId() const { return m_lastCaseId; }
    Verdict currentFinalVerdict() const { return m_finalVerdict; }
    bool syncRunning() const { return m_sync->isRunning(); }
    SyncController* syncController() const { return m_sync; }
    // The current inspection's shipment released (an officer's, when the
    // final verdict is accept); an enrolled desk confirms the import to the
    // exporting authority in the same transaction. False with the reason shown.
    bool releaseShipment();
    // The outbox: how many messages wait, and a delivery in the background
    // (never on the window's thread; only with someone signed in).
    int outboxWaiting() const { return m_outboxWaiting; }
    QLabel* outboxLabel() const { return m_outboxLabel; }
    void sendOutboxInBackground();
    // A supervisor escalates a case: the doubt (and the case's PDF) into the outbox.
    Result<QString> escalateCase(const QString& caseId, const QStringList& to);
    bool outboxSending() const { return m_outboxWatcher.isRunning(); }
    void waitForOutbox();
    QStringList flagSuggestions() const;

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
    void refreshStatus();
    void refreshToday();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // The intake's answers to verifyText and showNoVerdict.
    void wireIntake();
    void buildActions();
    void buildHelpMenu();
    void showCurrent();
    // The flags raised on the inspection on screen, in its view and on the banner.
    void showFlagsOfCurrent();
    void flagDoubt();
    void syncNow();
    void showError(const QString& message);
    // Which page: the sign-in, the desk or the lock; the docks, the toolbar
    // and the desk's actions only with the desk.
    void showPage(QWidget* page);
    bool mayScan();
    void clearCurrent();
    // Nothing verified (not a certificate, no barcode found): the screen
    // keeps no earlier verdict, and says why.
    void showNoVerdict(const QString& headline, const QString& reason);

    CacheDatabase& m_db;
    const Clock& m_clock;
    CaseStore m_cases; // reads: today's list, inspections as saved
    SqliteRecordsStore m_store;
    DeskRecords m_door; // every write
    std::optional<Session> m_session;
    // Inspections scanned while this window's sync holds the desk's write
    // lock: saved when it has finished, instead of blocking the window and
    // then losing the record.
    struct PendingSave
    {
        quint64 ticket = 0;
        Session session;
        Inspection inspection;
        QByteArray png;
    };
    QList<PendingSave> m_pendingSaves;
    quint64 m_nextTicket = 1;
    quint64 m_currentTicket = 0; // the inspection on screen, while it waits
    void savePendingInspections();
    // A save that failed: the inspection is kept (and stays on screen), the
    // officer told why and offered "Retry saving".
    QList<PendingSave> m_unsaved;
    QPushButton* m_retrySave = nullptr;
    void keepUnsaved(const PendingSave& pending, const QString& why);
    bool m_locked = false;
    QTimer m_idle;
    QStackedWidget* m_pages;
    SignInPage* m_signIn;
    LockPage* m_lock;
    QWidget* m_deskPage = nullptr;
    QDockWidget* m_todayDock = nullptr;
    QDockWidget* m_shipmentDock = nullptr; // the physical check and the flag, at the right
    QDockWidget* m_cameraDock = nullptr;
    QDockWidget* m_casesDock = nullptr;
    CaseQueue* m_caseQueue = nullptr;
    QThread* m_officeThread = nullptr;
    QAction* m_casesAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_usersAction = nullptr;
    QAction* m_auditTrailAction = nullptr;
    NewPasswordPage* m_newPassword = nullptr;
    std::optional<Session> m_mustChange; // signed in, not yet at the desk
    void enterDesk();
    InspectionSearch* m_search = nullptr;
    bool maySeeCases() const;
    QToolBar* m_bar = nullptr;
    QList<QAction*> m_deskActions;
    QString m_currentUuid;
    QString m_lastCaseId;
    ScanIntake* m_intake;
    QLineEdit* m_scanField;
    InspectionView* m_view;
    PhysicalCheckPanel* m_physical;
    FlagBox* m_flagBox = nullptr;
    TodayList* m_today;
    DeskStatusPanel* m_status;
    HealthMonitor* m_health;
    TrailPanel* m_trail;
    CameraPanel* m_camera;
    VerdictSound* m_sound;

    std::optional<qint64> m_currentId;
    Inspection m_current; // on screen: as verified now, or as saved then
    Verdict m_verdict = Verdict::Reject;
    Verdict m_finalVerdict = Verdict::Reject;
    QStringList m_physicalMismatches;
    QImage m_currentImage;
    QString m_bannerNote; // what was done since the verdict (a case opened, the shipment held)

    SyncController* m_sync = nullptr;
    QFutureWatcher<QString> m_outboxWatcher; // what stays waiting, and why
    QLabel* m_outboxLabel = nullptr;
    int m_outboxWaiting = 0;
    void refreshOutbox();
    QProgressDialog* m_syncProgress = nullptr;
};

} // namespace kp::ui
