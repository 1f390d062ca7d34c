#pragma once

// The officer's window: scan (wedge scanner, typed number, image file,
// drop, paste, watched folder), see the verdict and every check, do the
// physical check, flag reasonable doubt, review today's inspections, sync.

#include "barcode/BarcodeReader.h"
#include "cases/CaseStore.h"
#include "verify/Inspection.h"

#include <QFutureWatcher>
#include <QImage>
#include <QMainWindow>
#include <QSet>

#include <functional>
#include <optional>

class QFileSystemWatcher;
class QLineEdit;
class QProgressDialog;

namespace kp {
class CacheDatabase;
class Clock;
struct SyncOutcome;
} // namespace kp

namespace kp::ui {

class CameraPanel;
class DeskStatusPanel;
class HealthMonitor;
class SerialScanner;
class VerdictSound;
class InspectionView;
class PhysicalCheckPanel;
class TodayList;
class WedgeScanFilter;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(CacheDatabase& db, const Clock& clock, const QString& officer, QWidget* parent = nullptr);
    ~MainWindow() override;

    // What the actions do, callable by tests and by the app's command line.
    void verifyText(const QString& text, const QString& symbology = {}, const QImage& image = {});
    // Images are read on a worker thread; the verdict follows (inspectionShown)
    // or the reason it could not be read (scanFailed).
    void openImage(const QString& path);
    void scanImage(const QImage& image, const QString& whereFrom);
    void pasteImage();
    void applyPhysicalCheck(const PhysicalCheck& check);
    // Saves a flag for the current inspection; false when there is none.
    bool saveFlag(const QStringList& reasons, const QString& notes, bool held,
                  const QList<Attachment>& attachments);
    void openSaved(qint64 inspectionId);
    void startSync(const QString& source);
    // Repairs the desk's data (docs/records-and-cache.md): keeps the desk's
    // records, drops the authority data to be synced again. confirm: ask the
    // officer first. Returns false when nothing was repaired.
    bool repairData(bool confirm);
    void setWatchedFolder(const QString& folder);

    InspectionView* inspectionView() const { return m_view; }
    PhysicalCheckPanel* physicalPanel() const { return m_physical; }
    TodayList* todayList() const { return m_today; }
    DeskStatusPanel* statusPanel() const { return m_status; }
    HealthMonitor* healthMonitor() const { return m_health; }
    CameraPanel* cameraPanel() const { return m_camera; }
    SerialScanner* serialScanner() const { return m_serial; }
    // Opens the 2D imager's port (empty: none) and remembers it.
    bool useSerialScanner(const QString& port);
    QLineEdit* scanField() const { return m_scanField; }
    WedgeScanFilter* wedgeFilter() const { return m_wedge; }
    std::optional<qint64> currentInspectionId() const { return m_currentId; }
    Verdict currentFinalVerdict() const { return m_finalVerdict; }
    bool syncRunning() const { return m_syncWatcher.isRunning(); }
    QStringList flagSuggestions() const;

signals:
    void inspectionShown(qint64 inspectionId);
    void scanFailed(const QString& message);
    void syncFinished(bool ok, const QString& message);
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

private:
    struct ImageScanResult
    {
        QString error;
        DecodedBarcode barcode;
        QImage image;
    };
    void scanInBackground(std::function<ImageScanResult()> work);
    void buildActions();
    void showCurrent();
    void flagDoubt();
    void syncNow();
    void scanWatchedFolder();
    void showError(const QString& message);

    CacheDatabase& m_db;
    const Clock& m_clock;
    QString m_officer;
    CaseStore m_cases;
    WedgeScanFilter* m_wedge;
    QLineEdit* m_scanField;
    InspectionView* m_view;
    PhysicalCheckPanel* m_physical;
    TodayList* m_today;
    DeskStatusPanel* m_status;
    HealthMonitor* m_health;
    CameraPanel* m_camera;
    SerialScanner* m_serial;
    VerdictSound* m_sound;

    std::optional<qint64> m_currentId;
    QJsonObject m_currentJson;
    std::optional<CertificateRecord> m_currentRecord;
    Verdict m_verdict = Verdict::Reject;
    Verdict m_finalVerdict = Verdict::Reject;
    QStringList m_physicalMismatches;
    QImage m_currentImage;

    QFileSystemWatcher* m_watcher = nullptr;
    QString m_watchedFolder;
    QSet<QString> m_seenInFolder;

    QFutureWatcher<QString> m_syncWatcher; // empty result: success
    QProgressDialog* m_syncProgress = nullptr;
    std::shared_ptr<std::atomic<bool>> m_syncCancel;
};

} // namespace kp::ui
