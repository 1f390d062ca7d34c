#pragma once

// One case as a supervisor works it (issue 10, "The supervisor's view";
// issue 21 item 9, the whole case): the inspection exactly as it was seen
// (verdict, checks, certificate, image), what the officer recorded (the
// physical check, the flag's notes, the attached images: CaseEvidenceView),
// every event with who and when, and the actions by keyboard: Take (Alt+T),
// Decide (outcome, required reason; Alt+D), Note (Alt+N), Close (Alt+L),
// Reopen (Alt+O). Every action goes through the door with the signed-in
// session; the door's refusals (four eyes, the case's state, the role) are
// shown in its words, and Take and Decide are disabled, with the four-eyes
// reason as their tooltip, on a case the supervisor flagged. A case opened at
// another desk whose inspection is not here says where it was made. Print... (Ctrl+P) and Save as
// PDF... (Ctrl+Shift+S) put the case on paper (RecordPrinter). "Verified
// again today" shows the same input verified against the desk's data of now
// and what changed since (Check again: Alt+G); it runs when the dialog opens.

#include "records/DeskRecords.h"
#include "verify/Recheck.h"

#include <QDialog>

class QAction;
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace kp::ui {

class CaseEvidenceView;
class InspectionView;
class RecordPrinter;

class CaseDialog : public QDialog
{
    Q_OBJECT

public:
    // Verifies a stored inspection (its JSON and time) again with today's
    // data: recheckInspection with the window's cache and clock.
    using RecheckFn = std::function<Result<Recheck>(const QJsonObject& then, const QDateTime& seenAt)>;

    CaseDialog(DeskRecords& door, const Session& session, const QString& caseId, QWidget* parent = nullptr,
               RecheckFn recheck = {});

    // The case's messages (kp-outbox.md): the default addressees of an
    // escalation (codes and what the desk knows of each), the escalation
    // itself (returns the message's id), and the import confirmation a
    // `released` decision makes.
    struct Escalation
    {
        std::function<Result<std::pair<QStringList, QStringList>>()> addressees;
        std::function<Result<QString>(const QStringList& to)> escalate;
        std::function<Result<MessageMaker>()> confirmation;
    };
    void setEscalation(Escalation escalation);
    // As the button does it, with these addressees; false with the words.
    bool escalate(const QStringList& to);
    QPushButton* escalateButton() const { return m_escalate; }

    const QString& caseId() const { return m_caseId; }
    // Reads the case again; false (with the words in message()) when it cannot be read.
    bool reload();
    // Reads the case again only when it has events this dialog does not show
    // (another desk, process or window added them); true when it did.
    bool reloadIfChanged();

    // The actions, as the buttons do them; false with the door's words.
    bool take();
    bool decide(Outcome outcome, const QString& reason);
    bool addNote(const QString& text);
    bool closeCase(const QString& reason);
    bool reopen(const QString& reason);
    // Verifies the inspection again (Alt+G); false with the reason in todayVerdictText().
    bool checkAgain();

    std::optional<CaseState> state() const;
    QString message() const;
    QString summaryText() const;
    InspectionView* inspectionView() const { return m_view; }
    CaseEvidenceView* evidence() const { return m_evidence; }
    QPushButton* takeButton() const { return m_take; }
    QPushButton* decideButton() const { return m_decide; }
    QTreeWidget* events() const { return m_events; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QLineEdit* reasonField() const { return m_reason; }
    QAction* printAction() const { return m_printAction; }
    QAction* pdfAction() const { return m_pdfAction; }
    // The case as the printed record, read when it is printed.
    RecordPrinter recordPrinter();
    QString todayVerdictText() const;
    QStringList todayChanges() const;
    QPushButton* checkAgainButton() const { return m_checkAgain; }

signals:
    // A record was added to the case.
    void caseChanged(const QString& caseId);

private:
    bool reportOutcome(const Status& status, const QString& what);
    QString reasonOrSay(const QString& reason, const QString& what);
    void updateButtons();
    // The inspection as it was seen, or where it is when it is not here; its number.
    QString showInspection();

    DeskRecords& m_door;
    Session m_session;
    QString m_caseId;
    std::optional<DeskRecords::CaseView> m_case;
    RecheckFn m_recheck;
    QJsonObject m_seenJson; // the inspection as it was seen, and when
    QDateTime m_seenAt;
    QString m_seenError;          // set when the inspection could not be read
    bool m_onePersonPost = false; // the desk's setting, read with the case
    QLabel* m_summary;
    InspectionView* m_view;
    CaseEvidenceView* m_evidence;
    QTreeWidget* m_events;
    QComboBox* m_outcome;
    QLineEdit* m_reason;
    QLabel* m_message;
    QPushButton* m_take;
    QPushButton* m_decide;
    QPushButton* m_note;
    QPushButton* m_close;
    QPushButton* m_reopen;
    QLabel* m_todayVerdict;
    QListWidget* m_todayChanges;
    QPushButton* m_checkAgain;
    QPushButton* m_escalate = nullptr;
    Escalation m_escalation;
    QAction* m_printAction;
    QAction* m_pdfAction;
};

} // namespace kp::ui
