#pragma once

// The inspection on screen and its saving: a scan verified and recorded
// (ScanRecording), kept on screen when its save fails and saved again on
// "Retry saving", or saved when the window's own sync has finished; its
// physical check, its flag, its release (ShipmentRelease); a saved one
// reopened as it was then; today's inspections. Every write goes through
// the records door; the reads through the door's store and InspectionRows.

#include "cases/PhysicalCheck.h"
#include "records/DeskRecords.h"
#include "records/InspectionRows.h"
#include "records/ScanRecording.h"
#include "verify/Inspection.h"

#include <QImage>
#include <QObject>

#include <functional>
#include <optional>

class QPushButton;

namespace kp {
class CacheDatabase;
class Clock;
struct Attachment;
} // namespace kp

namespace kp::ui {

class DeskSession;
class RecordPrinter;
class DeskWidget;
class VerdictSound;

class InspectionController : public QObject
{
    Q_OBJECT

public:
    // dialogParent: the window, owner of the flag dialog and the retry button.
    InspectionController(CacheDatabase& db, const Clock& clock, DeskRecords& door, DeskSession& session,
                         DeskWidget& desk, QWidget* dialogParent);

    // While this is true (the window's sync writes), scans are saved later.
    void setSyncRunning(std::function<bool()> running) { m_syncRunning = std::move(running); }
    void setSound(VerdictSound* sound) { m_sound = sound; }

    // A scan taken (the window checked that someone works at the desk).
    void verifyText(const QString& text, const QString& symbology, const QImage& image);
    // Nothing verified: the screen keeps no earlier verdict, and says why.
    void showNoVerdict(const QString& headline, const QString& reason);
    void clear();

    void applyPhysicalCheck(const PhysicalCheck& check);
    QStringList flagSuggestions() const;
    bool saveFlag(const QStringList& reasons, const QString& notes, bool held,
                  const QList<Attachment>& attachments);
    // Asks for the flag (FlagDialog) and saves it.
    void flagDoubt();
    bool releaseShipment();

    // The inspection on screen as the printed record (File > Print..., PDF...).
    RecordPrinter printer();

    void openSaved(qint64 row);
    bool openSavedRecord(const QString& id);
    void refreshToday();

    // Saving what could not be saved yet.
    void savePending(); // the sync has finished
    bool retryUnsaved();
    // The window goes: what waits is saved, problems only logged.
    void saveBeforeGoing();

    std::optional<qint64> currentRow() const { return m_currentRow; }
    QString currentId() const { return m_currentId; }
    QString lastCaseId() const { return m_lastCaseId; }
    Verdict finalVerdict() const { return m_finalVerdict; }
    int pendingSaves() const { return int(m_pendingSaves.size()); }
    int unsaved() const { return int(m_unsaved.size()); }
    QPushButton* retryButton() const { return m_retrySave; }

signals:
    void inspectionShown(qint64 row);
    void scanFailed(const QString& message);
    void error(const QString& message);
    void status(const QString& message, int timeoutMs);
    // A release made a message for the outbox.
    void outboxChanged();

private:
    // An inspection waiting to be saved (during the sync) or whose save failed.
    struct PendingSave
    {
        quint64 ticket = 0;
        Session session;
        Inspection inspection;
        QByteArray png;
    };
    void keepUnsaved(const PendingSave& pending, const QString& why);
    // The inspection on screen was saved late: it becomes the record shown.
    void savedLate(const PendingSave& pending, const QString& id);
    bool refuseBeforeAccounts();
    void showCurrent();
    void showFlagsOfCurrent();
    // Reads the recorded check and its corrections of the inspection on screen.
    void readRecordedCheck();
    // The same from a record already read: check, final verdict, mismatches, corrections.
    void showRecordedCheck(const InspectionRecord& record);
    // Asks for a correction of the recorded check, with its reason; false: nothing was recorded.
    bool correctPhysicalCheck(const PhysicalCheck& check);

    CacheDatabase& m_db;
    const Clock& m_clock;
    DeskRecords& m_door;
    DeskSession& m_session;
    DeskWidget& m_desk;
    QWidget* m_dialogParent;
    VerdictSound* m_sound = nullptr;
    InspectionRows m_rows;
    ScanRecording m_scans;
    std::function<bool()> m_syncRunning;

    QList<PendingSave> m_pendingSaves; // scanned while the sync holds the write lock
    QList<PendingSave> m_unsaved;      // a save failed: kept for "Retry saving"
    quint64 m_nextTicket = 1;
    quint64 m_currentTicket = 0; // the inspection on screen, while it waits
    QPushButton* m_retrySave;

    std::optional<qint64> m_currentRow;
    QString m_currentId;
    QString m_lastCaseId;
    Inspection m_current; // on screen: as verified now, or as saved then
    Verdict m_verdict = Verdict::Reject;
    Verdict m_finalVerdict = Verdict::Reject;
    QStringList m_physicalMismatches;
    QImage m_currentImage;
    QString m_bannerNote; // what was done since the verdict (a case opened, the shipment held)
    // The inspection's physical check as recorded (a second one is a
    // correction) and the note saying it was corrected, from its record.
    std::optional<PhysicalCheck> m_recordedCheck;
    QString m_correctionNote;
};

} // namespace kp::ui
