#include "CaseView.h"

#include "CaseEvidenceView.h"
#include "CaseQueue.h"
#include "InspectionView.h"
#include "LocalTime.h"
#include "RecordPrinter.h"
#include "VerdictBanner.h"

#include "EscalateDialog.h"
#include "accounts/Permissions.h"
#include "cases/CaseWords.h"
#include "format/CertificateRecord.h"
#include "records/CaseInspection.h"
#include "records/FlaggedEvent.h"
#include "verify/Recheck.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

const QList<Outcome> Outcomes{Outcome::Released, Outcome::Detained, Outcome::Seized, Outcome::Refused};

} // namespace

CaseDialog::CaseDialog(DeskRecords& door, const Session& session, const QString& caseId, QWidget* parent,
                       RecheckFn recheck)
    : QDialog(parent), m_door(door), m_session(session), m_caseId(caseId), m_recheck(std::move(recheck)),
      m_summary(new QLabel(this)), m_view(new InspectionView(this)), m_evidence(new CaseEvidenceView(this)),
      m_events(new QTreeWidget(this)), m_outcome(new QComboBox(this)), m_reason(new QLineEdit(this)),
      m_message(new QLabel(this)), m_take(new QPushButton(tr("&Take"), this)),
      m_decide(new QPushButton(tr("&Decide"), this)), m_note(new QPushButton(tr("Add &note"), this)),
      m_close(new QPushButton(tr("C&lose the case"), this)), m_reopen(new QPushButton(tr("Re&open"), this)),
      m_todayVerdict(new QLabel(this)), m_todayChanges(new QListWidget(this)),
      m_checkAgain(new QPushButton(tr("Check a&gain"), this)),
      m_printAction(new QAction(tr("&Print..."), this)), m_pdfAction(new QAction(tr("Save as P&DF..."), this))
{
    setObjectName(QStringLiteral("caseDialog"));
    setWindowTitle(tr("Case"));
    m_summary->setObjectName(QStringLiteral("caseSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_events->setObjectName(QStringLiteral("caseEvents"));
    m_events->setHeaderLabels({tr("When"), tr("Who"), tr("Event"), tr("Details")});
    m_events->setRootIsDecorated(false);
    m_events->header()->setStretchLastSection(true);
    m_outcome->setObjectName(QStringLiteral("outcome"));
    for (Outcome o : Outcomes)
        m_outcome->addItem(CaseWords::outcome(o), outcomeName(o));
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("required for a decision, a close, a reopening or a note"));
    m_reason->setMaxLength(4000);
    m_message->setObjectName(QStringLiteral("caseMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (auto [button, name] :
         {std::pair{m_take, "takeButton"}, std::pair{m_decide, "decideButton"},
          std::pair{m_note, "noteButton"}, std::pair{m_close, "closeCaseButton"},
          std::pair{m_reopen, "reopenButton"}, std::pair{m_checkAgain, "checkAgainButton"}}) {
        button->setObjectName(QLatin1String(name));
        button->setAutoDefault(false); // Enter in the reason field does not act
    }

    connect(m_take, &QPushButton::clicked, this, [this] { take(); });
    connect(m_decide, &QPushButton::clicked, this, [this] {
        decide(Outcomes.value(m_outcome->currentIndex(), Outcome::Detained), m_reason->text());
    });
    connect(m_note, &QPushButton::clicked, this, [this] { addNote(m_reason->text()); });
    connect(m_close, &QPushButton::clicked, this, [this] { closeCase(m_reason->text()); });
    connect(m_reopen, &QPushButton::clicked, this, [this] { reopen(m_reason->text()); });
    connect(m_checkAgain, &QPushButton::clicked, this, [this] { checkAgain(); });

    // The same input verified against today's data; the inspection above stays as it was seen.
    m_todayVerdict->setObjectName(QStringLiteral("todayVerdict"));
    m_todayVerdict->setWordWrap(true);
    m_todayVerdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_todayChanges->setObjectName(QStringLiteral("todayChanges"));
    m_todayChanges->setWordWrap(true);
    m_todayChanges->setAccessibleName(tr("What changed since the inspection"));
    // A few lines (each has its tooltip): the events below get the room.
    m_todayChanges->setMaximumHeight(m_todayChanges->fontMetrics().lineSpacing() * 5 +
                                     2 * m_todayChanges->frameWidth() + 4);
    auto* today = new QGroupBox(tr("Verified again today"), this);
    today->setObjectName(QStringLiteral("todayBox"));
    auto* todayLayout = new QVBoxLayout(today);
    auto* todayTop = new QHBoxLayout;
    todayTop->addWidget(m_todayVerdict, 1);
    todayTop->addWidget(m_checkAgain);
    todayLayout->addLayout(todayTop);
    todayLayout->addWidget(m_todayChanges);

    auto* form = new QFormLayout;
    auto* outcomeLabel = new QLabel(tr("O&utcome:"), this);
    outcomeLabel->setBuddy(m_outcome);
    form->addRow(outcomeLabel, m_outcome);
    auto* reasonLabel = new QLabel(tr("&Reason or note:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    auto* buttons = new QHBoxLayout;
    m_escalate = new QPushButton(tr("&Escalate..."), this);
    m_escalate->setObjectName(QStringLiteral("escalateButton"));
    m_escalate->setAutoDefault(false);
    m_escalate->setEnabled(false);
    connect(m_escalate, &QPushButton::clicked, this, [this] {
        if (!m_escalation.addressees)
            return;
        auto defaults = m_escalation.addressees();
        if (!defaults) {
            m_message->setText(defaults.error().message);
            return;
        }
        EscalateDialog choose(defaults->first, defaults->second, this);
        if (choose.exec() == QDialog::Accepted)
            escalate(choose.chosen());
    });
    // Two rows: in Russian or French one row of eight ran off a 1024-pixel screen.
    for (QPushButton* b : {m_take, m_decide, m_note, m_close, m_reopen})
        buttons->addWidget(b);
    buttons->addStretch();
    auto* moreButtons = new QHBoxLayout;
    moreButtons->addWidget(m_escalate);

    // The case on paper, as it is when printed.
    m_printAction->setObjectName(QStringLiteral("printAction"));
    m_printAction->setShortcut(QKeySequence::Print);
    m_pdfAction->setObjectName(QStringLiteral("pdfAction"));
    m_pdfAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_printAction, &QAction::triggered, this,
            [this] { m_message->setText(recordPrinter().askAndPrint().message); });
    connect(m_pdfAction, &QAction::triggered, this,
            [this] { m_message->setText(recordPrinter().askAndSaveAsPdf().message); });
    for (QAction* action : {m_printAction, m_pdfAction}) {
        addAction(action);
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        moreButtons->addWidget(button);
    }
    moreButtons->addStretch();

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_evidence);
    rightLayout->addWidget(today);
    rightLayout->addWidget(new QLabel(tr("Events"), right));
    rightLayout->addWidget(m_events, 1);
    rightLayout->addLayout(form);
    rightLayout->addLayout(buttons);
    rightLayout->addLayout(moreButtons);
    rightLayout->addWidget(m_message);

    // The inspection as it was seen; beside it what the officer recorded about
    // the shipment, above the events (under the checks it ran off a 768-pixel screen).
    auto* split = new QSplitter(this);
    split->addWidget(m_view);
    split->addWidget(right);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    resize(1000, 700); // within a 1024x768 screen, its frame included

    reload();
    checkAgain();
    setFocusProxy(m_events);
}

RecordPrinter CaseDialog::recordPrinter()
{
    const QString number = m_view->fieldText(QStringLiteral("no"));
    return RecordPrinter(
        this,
        [this] {
            return RecordReport::forCase(m_door, m_caseId, m_session.actor(),
                                         QDateTime::currentDateTimeUtc());
        },
        tr("case-%1").arg(number.isEmpty() ? m_caseId : QString(number).replace(u'/', u'-')));
}

std::optional<CaseState> CaseDialog::state() const
{
    return m_case ? std::optional(m_case->facts.state) : std::nullopt;
}

QString CaseDialog::message() const
{
    return m_message->text();
}

QString CaseDialog::summaryText() const
{
    return m_summary->text();
}

QString CaseDialog::todayVerdictText() const
{
    return m_todayVerdict->text();
}

QStringList CaseDialog::todayChanges() const
{
    QStringList lines;
    for (int i = 0; i < m_todayChanges->count(); ++i)
        lines << m_todayChanges->item(i)->text();
    return lines;
}

bool CaseDialog::checkAgain()
{
    m_todayChanges->clear();
    QString problem;
    if (!m_recheck)
        problem = tr("Verifying again is not available here.");
    else if (!m_seenError.isEmpty())
        problem = tr("The inspection cannot be read: %1").arg(m_seenError);
    else if (m_seenJson.isEmpty())
        problem = tr("There is no inspection to verify again.");
    if (!problem.isEmpty()) {
        m_todayVerdict->setText(problem);
        return false;
    }
    const auto again = m_recheck(m_seenJson, m_seenAt);
    if (!again) {
        m_todayVerdict->setText(again.error().message);
        return false;
    }
    m_todayVerdict->setText(tr("Today (%1): %2")
                                .arg(CaseQueueModel::localTime(again->today.verifiedAt),
                                     InspectionChange::verdictWord(again->today.verdict)));
    m_todayChanges->addItems(again->changes.lines(m_seenAt));
    for (int i = 0; i < m_todayChanges->count(); ++i)
        m_todayChanges->item(i)->setToolTip(m_todayChanges->item(i)->text());
    return true;
}

bool CaseDialog::reload()
{
    // With the attachments' bytes: the images are shown.
    auto view = m_door.caseView(m_caseId, true);
    if (!view) {
        m_case.reset();
        m_message->setText(tr("The case cannot be read: %1").arg(view.error().message));
        updateButtons();
        return false;
    }
    m_case = *view;
    const CaseFacts& f = m_case->facts;
    const auto settings = m_door.settings();
    m_onePersonPost = settings && settings->onePersonPost;

    const QString number = showInspection();
    m_evidence->showEvents(m_case->events);

    QStringList lines;
    lines << tr("Case of certificate %1, flagged by %2 on %3.")
                 .arg(number.isEmpty() ? tr("(no number)") : number, f.flaggedBy,
                      CaseQueueModel::localTime(f.openedAt));
    QString state = tr("State: %1.").arg(CaseWords::state(f.state));
    if (f.held)
        state += u' ' + tr("The shipment is held.");
    if (!f.reviewer.isEmpty())
        state += u' ' + tr("Reviewer: %1.").arg(f.reviewer);
    if (f.outcome)
        state += u' ' + tr("Outcome: %1.").arg(CaseWords::outcome(*f.outcome));
    lines << state;
    if (!f.reasons.isEmpty())
        lines << tr("Reasons: %1").arg(f.reasons.join(QStringLiteral("; ")));
    if (!m_case->record.deskName.isEmpty())
        lines << tr("Opened at desk %1.").arg(m_case->record.deskName);
    m_summary->setText(lines.join(u'\n'));
    setWindowTitle(tr("Case of %1").arg(number.isEmpty() ? m_caseId : number));

    m_events->clear();
    for (const CaseEvent& e : std::as_const(m_case->events)) {
        QString what = CaseWords::event(e.kind);
        QStringList details;
        const QJsonObject& d = e.data;
        switch (e.kind) {
        case CaseEventKind::Flagged: {
            QStringList reasons;
            for (const QJsonValue& r : d.value(QStringLiteral("reasons")).toArray())
                reasons << r.toString();
            details << reasons.join(QStringLiteral("; "));
            if (!d.value(QStringLiteral("notes")).toString().isEmpty())
                details << d.value(QStringLiteral("notes")).toString();
            if (d.value(QStringLiteral("held")).toBool())
                details << tr("shipment held");
            break;
        }
        case CaseEventKind::Note:
            details << d.value(QStringLiteral("text")).toString();
            break;
        case CaseEventKind::Evidence:
        case CaseEventKind::Escalated:
        case CaseEventKind::Reply:
            break;
        case CaseEventKind::Review:
            if (d.value(QStringLiteral("four_eyes")).toString() == QLatin1String("one_person_post"))
                details << tr("one-person post: taken by who flagged it");
            break;
        case CaseEventKind::Decision: {
            const auto outcome = outcomeFromName(d.value(QStringLiteral("outcome")).toString());
            what = tr("Decision: %1")
                       .arg(outcome ? CaseWords::outcome(*outcome)
                                    : d.value(QStringLiteral("outcome")).toString());
            details << d.value(QStringLiteral("reason")).toString();
            if (d.value(QStringLiteral("four_eyes")).toString() == QLatin1String("one_person_post"))
                details << tr("one-person post: decided by who flagged it");
            break;
        }
        case CaseEventKind::Closed:
        case CaseEventKind::Reopened:
            details << d.value(QStringLiteral("reason")).toString();
            break;
        }
        for (const EventAttachment& a : e.attachments)
            details << tr("file %1 (%Ln byte(s))", "", int(qMin<qint64>(a.size, INT_MAX))).arg(a.name);
        details.removeAll(QString());
        auto* item = new QTreeWidgetItem(
            m_events, {CaseQueueModel::localTime(e.at), e.actor, what, details.join(QStringLiteral(" · "))});
        item->setToolTip(3, details.join(u'\n'));
    }
    if (m_events->topLevelItemCount() > 0)
        m_events->setCurrentItem(m_events->topLevelItem(m_events->topLevelItemCount() - 1));
    for (int c = 0; c < 3; ++c)
        m_events->resizeColumnToContents(c);
    updateButtons();
    return true;
}

bool CaseDialog::reloadIfChanged()
{
    const auto now = m_door.caseView(m_caseId, false);
    if (now && m_case && now->events.size() == m_case->events.size())
        return false;
    reload();
    return true;
}

QString CaseDialog::showInspection()
{
    // The inspection as it was seen then; what it gives today is shown apart (checkAgain).
    auto seen = caseInspection(m_door.store(), m_case->record); // none for another desk's case
    m_seenJson = {};
    m_seenAt = {};
    m_seenError = seen ? QString() : seen.error().message;
    if (!seen) {
        const QString why = tr("The inspection cannot be read: %1").arg(seen.error().message);
        m_view->showNotice(tr("The inspection cannot be read"), seen.error().message);
        m_evidence->showPhysicalNotice(why);
        return {};
    }
    if (!seen->has_value()) {
        // A case pulled from the office: its inspection stays at the desk that made it.
        const QString desk = m_case->record.deskName;
        const QString where = desk.isEmpty() ? tr("The inspection is not on this desk.")
                                             : tr("The inspection was made at desk %1").arg(desk);
        // What the flagging desk signed of it (FlaggedEvent) is all this desk may believe.
        if (const auto signedSummary = FlaggedEvent::inspection(m_case->events)) {
            QStringList checks;
            for (const FlaggedInspection::Check& c : signedSummary->checks) {
                const auto status = checkStatusFromName(c.status);
                checks << tr("%1: %2").arg(CheckName::title(c.name),
                                           status ? InspectionChange::statusWord(*status) : c.status);
            }
            m_view->showNotice(
                where,
                tr("As the flagging desk signed it: verdict %1 (after the physical check %2), "
                   "inspected by %3 on %4. %5")
                    .arg(InspectionChange::verdictWord(signedSummary->verdict),
                         InspectionChange::verdictWord(signedSummary->finalVerdict), signedSummary->officer,
                         localTimeWithZone(signedSummary->at, QStringLiteral("yyyy-MM-dd HH:mm")),
                         checks.join(QStringLiteral("; "))));
            if (signedSummary->physical)
                m_evidence->showPhysicalCheck(signedSummary->physical, std::nullopt);
            else
                m_evidence->showPhysicalNotice(where + u'.');
            return signedSummary->number;
        }
        m_view->showNotice(where, tr("This desk holds the case's events and files; the checks, the "
                                     "certificate and the physical check are at the desk that made the "
                                     "inspection."));
        m_evidence->showPhysicalNotice(where + u'.');
        return {};
    }
    const InspectionRecord& insp = **seen;
    m_seenJson = insp.inspection;
    m_seenAt = insp.at;
    const Inspection seenThen = Inspection::fromJson(insp.inspection);
    QStringList mismatches;
    if (insp.physical && seenThen.certificate)
        mismatches = insp.physical->mismatches(*seenThen.certificate);
    m_view->showInspection(seenThen, insp.finalVerdict, mismatches, QImage::fromData(insp.image, "PNG"));
    m_evidence->showPhysicalCheck(insp.physical, seenThen.certificate);
    return insp.number;
}

void CaseDialog::updateButtons()
{
    const auto s = state();
    const auto may = [&](CaseEventKind kind) {
        return CaseLife::allowed(s, kind).ok();
    };
    // Four eyes, as the door will check it: not one's own flag, unless the post is one person's.
    const QString flaggedBy = m_case ? m_case->facts.flaggedBy : QString();
    const auto mayTake = Permissions::mayTake(m_session.role, m_session.actor(), flaggedBy, m_onePersonPost);
    const auto mayDecide =
        Permissions::mayDecide(m_session.role, m_session.actor(), flaggedBy, m_onePersonPost);
    m_take->setEnabled(s && may(CaseEventKind::Review) && mayTake);
    m_take->setToolTip(s && !mayTake ? mayTake.error().message : QString());
    m_decide->setEnabled(s && may(CaseEventKind::Decision) && mayDecide);
    m_decide->setToolTip(s && !mayDecide ? mayDecide.error().message : QString());
    m_outcome->setEnabled(m_decide->isEnabled());
    m_note->setEnabled(s.has_value());
    m_close->setEnabled(s && may(CaseEventKind::Closed));
    m_reopen->setEnabled(s && may(CaseEventKind::Reopened));
    if (m_escalate)
        m_escalate->setEnabled(s && m_escalation.escalate && may(CaseEventKind::Escalated));
}

bool CaseDialog::reportOutcome(const Status& status, const QString& what)
{
    if (!status) {
        m_message->setText(tr("Not done: %1").arg(status.error().message));
        return false;
    }
    m_reason->clear();
    reload();
    m_message->setText(what);
    emit caseChanged(m_caseId);
    return true;
}

QString CaseDialog::reasonOrSay(const QString& reason, const QString& what)
{
    const QString r = reason.trimmed();
    if (r.isEmpty()) {
        m_message->setText(what);
        m_reason->setFocus();
    }
    return r;
}

bool CaseDialog::take()
{
    return reportOutcome(m_door.take(m_session, m_caseId), tr("You have taken the case for review."));
}

bool CaseDialog::decide(Outcome outcome, const QString& reason)
{
    const QString r = reasonOrSay(reason, tr("Write the reason for the decision first."));
    if (r.isEmpty())
        return false;
    MessageMaker confirmation;
    if (outcome == Outcome::Released && m_escalation.confirmation) {
        auto made = m_escalation.confirmation();
        if (!made)
            return reportOutcome(Status(made.error()), QString());
        confirmation = *made;
    }
    return reportOutcome(m_door.decide(m_session, m_caseId, outcome, r, confirmation),
                         tr("Decided: %1.").arg(CaseWords::outcome(outcome)));
}

bool CaseDialog::addNote(const QString& text)
{
    const QString t = reasonOrSay(text, tr("Write the note first."));
    if (t.isEmpty())
        return false;
    return reportOutcome(m_door.addNote(m_session, m_caseId, t), tr("Note added."));
}

bool CaseDialog::closeCase(const QString& reason)
{
    const QString r = reasonOrSay(reason, tr("Write why the case is closed first."));
    if (r.isEmpty())
        return false;
    return reportOutcome(m_door.close(m_session, m_caseId, r), tr("The case is closed."));
}

bool CaseDialog::reopen(const QString& reason)
{
    const QString r = reasonOrSay(reason, tr("Write why the case is reopened first."));
    if (r.isEmpty())
        return false;
    return reportOutcome(m_door.reopen(m_session, m_caseId, r), tr("The case is reopened."));
}

void CaseDialog::setEscalation(Escalation escalation)
{
    m_escalation = std::move(escalation);
    updateButtons();
}

bool CaseDialog::escalate(const QStringList& to)
{
    if (!m_escalation.escalate)
        return false;
    const auto id = m_escalation.escalate(to);
    if (!id)
        return reportOutcome(Status(id.error()), tr("Escalated"));
    return reportOutcome(
        success(),
        tr("Escalated to %1: the message waits in the outbox.").arg(to.join(QStringLiteral(", "))));
}

} // namespace kp::ui
