#include "InspectionController.h"

#include "CorrectionDialog.h"
#include "DeskSession.h"
#include "DeskWidget.h"
#include "FlagBox.h"
#include "FlagDialog.h"
#include "HealthMonitor.h"
#include "InspectionView.h"
#include "LocalTime.h"
#include "PhysicalCheckPanel.h"
#include "RecordPrinter.h"
#include "TodayList.h"
#include "VerdictBanner.h"
#include "VerdictSound.h"

#include "cases/PhysicalCheck.h"
#include "outbox/ShipmentRelease.h"
#include "report/PdfExport.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "verify/Recheck.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QLineEdit>
#include <QPushButton>

namespace kp::ui {

namespace {

// The window's strings keep the window's context: the French catalogue has them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::MainWindow)
};

} // namespace

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

} // namespace

InspectionController::InspectionController(CacheDatabase& db, const Clock& clock, DeskRecords& door,
                                           DeskSession& session, DeskWidget& desk, QWidget* dialogParent)
    : QObject(dialogParent), m_db(db), m_clock(clock), m_door(door), m_session(session), m_desk(desk),
      m_dialogParent(dialogParent), m_rows(db), m_scans(db, door, clock),
      m_retrySave(new QPushButton(Tr::tr("Retry saving"), dialogParent))
{
    m_retrySave->setObjectName(QStringLiteral("retrySaveButton"));
    m_retrySave->hide();
    connect(m_retrySave, &QPushButton::clicked, this, [this] { retryUnsaved(); });
}

void InspectionController::clear()
{
    emit status(QString(), 0); // what the status bar said was about the inspection that goes
    m_currentTicket = 0;       // a save still waiting for the sync no longer fills the screen
    m_currentRow.reset();
    m_currentId.clear();
    m_current = {};
    m_physicalMismatches.clear();
    m_currentImage = {};
    m_bannerNote.clear();
    m_recordedCheck.reset();
    m_correctionNote.clear();
    m_verdict = Verdict::Reject;
    m_finalVerdict = Verdict::Reject;
    m_desk.view()->clear();
    m_desk.physical()->reset();
    m_desk.physical()->setCertificate(std::nullopt);
    m_desk.physical()->setEnabled(false);
    m_desk.flagBox()->setFlags({});
    m_desk.scanField()->clear();
}

void InspectionController::showNoVerdict(const QString& headline, const QString& reason)
{
    clear();
    m_desk.view()->showNotice(headline, reason);
}

void InspectionController::verifyText(const QString& text, const QString& symbology, const QImage& image)
{
    emit status(QString(), 0); // nothing said of the last inspection stays beside this one
    const Session& session = *m_session.session();
    // A scan at the window is a presentation at this desk; while this
    // window's sync is writing, it is recorded when the sync has finished.
    const bool later = m_syncRunning && m_syncRunning();
    const QByteArray png = toPng(image);
    const RecordedScan scan = m_scans.scan(session, ScanInput{text, symbology, {}}, png,
                                           later ? ScanRecording::When::Later : ScanRecording::When::Now);
    const Inspection& insp = scan.inspection;
    if (!insp.isCertificate()) {
        // A typing mistake: no verdict, nothing recorded, and the text stays
        // in the field to be put right.
        showNoVerdict(Inspection::notACertificateText(),
                      Tr::tr("\"%1\" is neither a KP1 barcode nor a certificate "
                             "number. Correct it and press Enter, or scan again.")
                          .arg(text.trimmed()));
        m_desk.scanField()->setText(text.trimmed());
        m_desk.scanField()->setFocus();
        emit status(Inspection::notACertificateText(), 15000);
        emit scanFailed(Inspection::notACertificateText());
        return;
    }
    if (!insp.dataError.isEmpty())
        m_desk.health()->showProblem(insp.dataError);
    m_current = insp;
    m_verdict = insp.verdict;
    m_finalVerdict = insp.verdict;
    m_physicalMismatches.clear();
    m_currentImage = image;
    m_bannerNote.clear();
    m_recordedCheck.reset();
    m_correctionNote.clear();
    m_desk.physical()->reset();
    m_desk.physical()->setEnabled(insp.certificate.has_value());
    m_currentRow.reset();
    m_currentId.clear();
    m_currentTicket = 0;
    if (later) {
        m_currentTicket = m_nextTicket++;
        m_pendingSaves.append({m_currentTicket, session, insp, png});
        m_desk.physical()->setEnabled(false); // it needs the saved inspection
        emit status(
            Tr::tr(
                "A sync is writing to the desk: this inspection will be saved as soon as it has finished."),
            0);
    } else if (scan.notSaved) {
        m_currentTicket = m_nextTicket++;
        m_desk.physical()->setEnabled(false); // it needs the saved inspection
        keepUnsaved({m_currentTicket, session, insp, png}, scan.notSaved->message);
    } else {
        m_currentId = scan.inspectionId;
        if (auto row = m_rows.rowOf(m_currentId); row)
            m_currentRow = *row;
        else
            emit error(Tr::tr("That inspection cannot be read."));
    }
    showCurrent();
    if (m_sound)
        m_sound->play(m_finalVerdict);
    m_desk.scanField()->clear();
    refreshToday();
    if (m_currentRow)
        emit inspectionShown(*m_currentRow);
}

void InspectionController::keepUnsaved(const PendingSave& pending, const QString& why)
{
    m_unsaved.append(pending);
    m_retrySave->show();
    emit error(
        Tr::tr("The inspection of %1 could not be saved: %2\nIt is kept on screen; press \"Retry saving\" "
               "to save it again.")
            .arg(pending.inspection.number.isEmpty() ? Tr::tr("this certificate") : pending.inspection.number,
                 why));
}

void InspectionController::savedLate(const PendingSave& pending, const QString& id)
{
    if (pending.ticket != m_currentTicket)
        return;
    m_currentTicket = 0;
    m_currentId = id;
    if (auto row = m_rows.rowOf(m_currentId); row)
        m_currentRow = *row;
    else
        emit error(Tr::tr("That inspection cannot be read."));
    m_desk.physical()->setEnabled(pending.inspection.certificate.has_value());
    if (m_currentRow)
        emit inspectionShown(*m_currentRow);
}

bool InspectionController::retryUnsaved()
{
    QList<PendingSave> failed;
    QString problem;
    for (const PendingSave& pending : std::as_const(m_unsaved)) {
        auto saved = m_scans.saveAgain(pending.session, pending.inspection, pending.png);
        if (!saved) {
            failed.append(pending);
            problem = saved.error().message;
            continue;
        }
        savedLate(pending, *saved);
    }
    m_unsaved = failed;
    m_retrySave->setVisible(!m_unsaved.isEmpty());
    refreshToday();
    if (!m_unsaved.isEmpty()) {
        emit error(Tr::tr("%Ln inspection(s) could still not be saved: %1", nullptr, int(m_unsaved.size()))
                       .arg(problem));
        return false;
    }
    emit status(Tr::tr("Saved."), 10000);
    return true;
}

void InspectionController::savePending()
{
    while (!m_pendingSaves.isEmpty()) {
        const PendingSave pending = m_pendingSaves.takeFirst();
        QString presentationProblem;
        auto saved =
            m_scans.recordLater(pending.session, pending.inspection, pending.png, &presentationProblem);
        if (!saved) {
            keepUnsaved(pending, saved.error().message);
            continue;
        }
        if (!presentationProblem.isEmpty())
            emit error(
                Tr::tr("The inspection of %1 scanned during the sync was saved, but its presentation could "
                       "not be recorded: %2")
                    .arg(pending.inspection.number, presentationProblem));
        savedLate(pending, *saved);
        // "... will be saved as soon as it has finished" is no longer true.
        if (m_unsaved.isEmpty())
            emit status(Tr::tr("Saved."), 10000);
    }
    refreshToday();
}

void InspectionController::saveBeforeGoing()
{
    // Nobody is left to read a message: what could not be saved is logged.
    for (const PendingSave& pending : std::as_const(m_pendingSaves)) {
        QString presentationProblem;
        auto saved =
            m_scans.recordLater(pending.session, pending.inspection, pending.png, &presentationProblem);
        if (!saved)
            qCWarning(lcCache) << "an inspection scanned during the sync was not saved:"
                               << saved.error().code;
        else if (!presentationProblem.isEmpty())
            qCWarning(lcCache)
                << "the presentation of an inspection scanned during the sync was not recorded";
    }
    m_pendingSaves.clear();
    if (!m_unsaved.isEmpty() && !retryUnsaved()) // a last try for those whose save failed
        qCWarning(lcCache) << m_unsaved.size() << "inspections could not be saved";
}

bool InspectionController::refuseBeforeAccounts()
{
    if (!m_currentId.isEmpty())
        return false;
    emit error(Tr::tr("This inspection was saved before accounts: scan the certificate again."));
    return true;
}

void InspectionController::applyPhysicalCheck(const PhysicalCheck& check)
{
    if (!m_currentRow || !m_current.certificate || !m_session.working() || refuseBeforeAccounts())
        return;
    // A recorded check is a record: changing it is a correction, asked for on purpose.
    if (m_recordedCheck && !m_recordedCheck->isEmpty()) {
        if (correctPhysicalCheck(check))
            refreshToday();
        return;
    }
    if (auto recorded = m_door.recordPhysicalCheck(*m_session.session(), m_currentId, check); !recorded) {
        emit error(recorded.error().message);
        return;
    }
    readRecordedCheck();
    showCurrent();
    refreshToday();
}

bool InspectionController::correctPhysicalCheck(const PhysicalCheck& check)
{
    if (check.toJson() == m_recordedCheck->toJson()) {
        emit status(Tr::tr("The physical check is already recorded so: nothing to correct."), 10000);
        return false;
    }
    const CertificateRecord& cert = *m_current.certificate;
    const QString was =
        CorrectionDialog::describe(*m_recordedCheck, m_finalVerdict, m_recordedCheck->mismatches(cert));
    const QStringList mismatches = check.mismatches(cert);
    const QString now =
        CorrectionDialog::describe(check, kp::finalVerdict(m_verdict, mismatches), mismatches);
    const QString certificate = m_current.number.isEmpty() ? Tr::tr("this certificate") : m_current.number;
    CorrectionDialog dialog(certificate, was, now, m_dialogParent);
    const QString asked = m_currentId;
    if (dialog.exec() != QDialog::Accepted) {
        // What is recorded stays on screen: the entries go back to it.
        m_desk.physical()->setCheck(*m_recordedCheck);
        emit status(Tr::tr("Nothing was corrected: the recorded physical check stands."), 10000);
        return false;
    }
    if (m_currentId != asked) { // never a correction of one inspection on another
        emit error(Tr::tr("Another inspection was opened meanwhile: nothing was corrected."));
        return false;
    }
    auto corrected = m_door.correctPhysicalCheck(*m_session.session(), m_currentId, check, dialog.reason());
    if (!corrected) {
        emit error(Tr::tr("The correction was not recorded: %1").arg(corrected.error().message));
        return false;
    }
    readRecordedCheck();
    showCurrent();
    refreshToday(); // its row says the new verdict and that it was corrected
    emit status(
        Tr::tr("Correction recorded; the verdict is now %1.").arg(InspectionChange::verdictWord(*corrected)),
        15000);
    return true;
}

void InspectionController::readRecordedCheck()
{
    m_recordedCheck.reset();
    m_correctionNote.clear();
    if (m_currentId.isEmpty())
        return;
    const auto saved = m_door.store().inspection(m_currentId);
    if (!saved) {
        emit error(saved.error().message);
        return;
    }
    if (!saved->has_value()) {
        emit error(Tr::tr("That inspection is not in the desk's records."));
        return;
    }
    showRecordedCheck(**saved);
}

void InspectionController::showRecordedCheck(const InspectionRecord& record)
{
    m_recordedCheck = record.physical;
    m_correctionNote.clear();
    m_finalVerdict = record.finalVerdict;
    const PhysicalCheck physical = record.physical.value_or(PhysicalCheck{});
    m_physicalMismatches =
        m_current.certificate ? physical.mismatches(*m_current.certificate) : QStringList{};
    if (record.corrections.isEmpty())
        return;
    // The verdict that stands, said to be corrected, with the check first recorded still readable.
    const InspectionCorrection& first = record.corrections.first();
    const InspectionCorrection& last = record.corrections.last();
    const QStringList firstMismatches =
        m_current.certificate ? first.previous.mismatches(*m_current.certificate) : QStringList{};
    // The sentence puts its own full stop after the check ("says 3.." otherwise).
    QString firstRecorded =
        CorrectionDialog::describe(first.previous, first.previousVerdict, firstMismatches);
    while (firstRecorded.endsWith(u'.') || firstRecorded.endsWith(QChar(0x3002)))
        firstRecorded.chop(1);
    m_correctionNote =
        Tr::tr("CORRECTED (%Ln correction(s)). First recorded: %1. Last correction by %2, %3: %4", nullptr,
               int(record.corrections.size()))
            .arg(firstRecorded, last.officer, localTimeWithZone(last.at), last.reason);
}

QStringList InspectionController::flagSuggestions() const
{
    QStringList reasons;
    for (const CheckResult& c : m_current.checks)
        if (c.status == CheckStatus::Fail || c.status == CheckStatus::Warn)
            reasons << CheckName::title(c.check) + QStringLiteral(": ") + c.detail; // words, not the id
    for (const QString& m : m_physicalMismatches)
        reasons << Tr::tr("Physical check: %1").arg(m);
    return reasons;
}

bool InspectionController::saveFlag(const QStringList& reasons, const QString& notes, bool held,
                                    const QList<Attachment>& attachments)
{
    if (!m_currentRow || !m_session.working() || refuseBeforeAccounts())
        return false;
    FlagInput flag;
    flag.reasons = reasons;
    flag.notes = notes;
    flag.held = held;
    if (!m_currentImage.isNull())
        flag.attachments.append(
            {{}, QStringLiteral("scanned-certificate.png"), {}, 0, toPng(m_currentImage)});
    for (const Attachment& a : attachments)
        flag.attachments.append({{}, a.name, {}, 0, a.data});
    auto opened = m_door.flag(*m_session.session(), m_currentId, flag);
    if (!opened) {
        emit error(opened.error().message);
        return false;
    }
    m_lastCaseId = *opened;
    emit status(held ? Tr::tr("Case opened; the shipment is held.") : Tr::tr("Case opened."), 15000);
    showCurrent(); // the flag on the banner too: the verdict alone does not say the shipment may not go
    refreshToday();
    return true;
}

void InspectionController::flagDoubt()
{
    if (!m_currentRow) {
        emit error(Tr::tr("Scan a certificate first."));
        return;
    }
    QString certificate = m_current.number;
    if (certificate.isEmpty())
        certificate = m_current.input.text.left(40);
    FlagDialog dialog(certificate, flagSuggestions(), m_dialogParent);
    const QString flagged = m_currentId;
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_currentId != flagged) { // never the reasons of one certificate on another
        emit error(
            Tr::tr("Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.")
                .arg(certificate));
        return;
    }
    saveFlag(dialog.reasons(), dialog.notes(), dialog.held(), dialog.attachments());
}

bool InspectionController::releaseShipment()
{
    if (!m_currentRow || !m_session.working() || refuseBeforeAccounts())
        return false;
    ShipmentRelease::Stage stoppedAt = ShipmentRelease::Stage::Door;
    auto released =
        ShipmentRelease(m_db, m_clock, m_door).release(*m_session.session(), m_currentId, &stoppedAt);
    if (!released) {
        emit error(stoppedAt == ShipmentRelease::Stage::Door
                       ? Tr::tr("Not released: %1").arg(released.error().message)
                       : released.error().message);
        return false;
    }
    emit status(
        released->confirmationQueued
            ? Tr::tr("Released: %1. The import confirmation waits in the outbox.").arg(released->number)
            : Tr::tr("Released: %1. No import confirmation was made: %2")
                  .arg(released->number, released->noConfirmation),
        20000);
    refreshToday();
    emit outboxChanged();
    return true;
}

void InspectionController::openSaved(qint64 row)
{
    const auto id = m_rows.idOf(row);
    if (!id || !id->has_value()) {
        emit error(Tr::tr("That inspection cannot be read."));
        return;
    }
    const auto saved = m_door.store().inspection(**id);
    if (!saved) {
        emit error(saved.error().message);
        return;
    }
    if (!saved->has_value()) {
        emit error(Tr::tr("That inspection is not in the desk's records."));
        return;
    }
    const InspectionRecord& record = **saved;
    emit status(QString(), 0);
    m_currentRow = row;
    m_currentId = record.id;
    m_currentTicket = 0; // a save still waiting for the sync no longer fills the screen
    m_current = Inspection::fromJson(record.inspection);
    m_verdict = record.verdict;
    m_currentImage = QImage::fromData(record.image, "PNG");
    m_bannerNote.clear();
    showRecordedCheck(record); // its check, final verdict, mismatches and corrections
    // Its own physical check, never what was typed for another one; open to
    // change with its certificate on screen.
    m_desk.physical()->setCheck(record.physical.value_or(PhysicalCheck{}));
    m_desk.physical()->setEnabled(m_current.certificate.has_value());
    m_desk.scanField()->clear();
    showCurrent();
    emit status(Tr::tr("Inspection of %1 by %2, as seen then (not verified again).")
                    .arg(localTimeWithZone(record.at), record.officer),
                20000);
}

bool InspectionController::openSavedRecord(const QString& id)
{
    const auto row = m_rows.rowOf(id);
    if (!row) {
        emit error(Tr::tr("That inspection cannot be read."));
        return false;
    }
    if (!row->has_value()) {
        emit error(Tr::tr("That inspection is not in the desk's records."));
        return false;
    }
    openSaved(**row);
    return m_currentRow == *row;
}

void InspectionController::showCurrent()
{
    m_desk.view()->showInspection(m_current, m_finalVerdict, m_physicalMismatches, m_currentImage);
    m_desk.view()->banner()->setNote(m_bannerNote);
    m_desk.physical()->setCertificate(m_current.certificate);
    m_desk.flagBox()->setFlags({});
    showFlagsOfCurrent();
}

void InspectionController::showFlagsOfCurrent()
{
    if (m_currentId.isEmpty())
        return;
    const auto flags = flagsOfInspection(m_rows, m_door, m_currentId);
    if (!flags) {
        emit error(flags.error().message);
        return;
    }
    m_desk.flagBox()->setFlags(*flags);
    bool held = false;
    for (const ShownFlag& f : *flags)
        held = held || f.held;
    m_bannerNote = flags->isEmpty() ? QString()
                   : held           ? Tr::tr("Flagged: the shipment is HELD (case opened).")
                                    : Tr::tr("Flagged: case opened; the shipment is not held.");
    if (!m_correctionNote.isEmpty())
        m_bannerNote =
            m_bannerNote.isEmpty() ? m_correctionNote : m_bannerNote + QLatin1Char('\n') + m_correctionNote;
    m_desk.view()->banner()->setNote(m_bannerNote);
}

RecordPrinter InspectionController::printer()
{
    const QString uuid = m_currentId;
    const QString printedBy = m_session.session() ? m_session.session()->actor() : QString();
    return RecordPrinter(
        m_dialogParent,
        [this, uuid, printedBy]() -> Result<ReportDocument> {
            if (uuid.isEmpty())
                return makeError(QStringLiteral("records.not-found"), Tr::tr("Scan a certificate first."));
            return RecordReport::forInspection(m_door, uuid, printedBy, m_clock.nowUtc());
        },
        Tr::tr("inspection-%1").arg(uuid));
}

void InspectionController::refreshToday()
{
    const QDateTime now = m_clock.nowUtc();
    const QDateTime startOfDay(now.toLocalTime().date().startOfDay());
    const auto list = m_rows.between(startOfDay.toUTC(), startOfDay.addDays(1).toUTC());
    if (!list) {
        emit error(list.error().message);
        return;
    }
    m_desk.today()->setInspections(*list);
}

} // namespace kp::ui
