#include "CaseQueue.h"

#include "cases/CaseWords.h"

#include "LeftToRight.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

// Before any case a desk can hold: the date filters' "any".
const QDate NoDate(2000, 1, 1);

} // namespace

CaseQueueModel::CaseQueueModel(QObject* parent) : QAbstractTableModel(parent) {}

void CaseQueueModel::setCases(QList<CaseSummary> cases)
{
    beginResetModel();
    m_cases = std::move(cases);
    endResetModel();
}

const CaseSummary* CaseQueueModel::caseAt(int row) const
{
    return row >= 0 && row < m_cases.size() ? &m_cases.at(row) : nullptr;
}

int CaseQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_cases.size());
}

int CaseQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CaseQueueModel::localTime(const QDateTime& utc)
{
    return utc.isValid() ? leftToRight(utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t")))
                         : QString();
}

QVariant CaseQueueModel::data(const QModelIndex& index, int role) const
{
    const CaseSummary* c = caseAt(index.row());
    if (!c || !index.isValid())
        return {};
    if (role == Qt::UserRole)
        return c->record.id;
    if (role == Qt::ToolTipRole && index.column() == Reasons)
        return c->facts.reasons.join(u'\n');
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Number:
        return c->number;
    case Participant:
        return c->participant;
    case State:
        return CaseWords::state(c->facts.state);
    case Held:
        return c->facts.held ? tr("HELD") : QString();
    case FlaggedBy:
        return c->facts.flaggedBy;
    case Opened:
        return localTime(c->record.openedAt.isValid() ? c->record.openedAt : c->facts.openedAt);
    case Reasons:
        return c->facts.reasons.join(QStringLiteral("; "));
    case Desk:
        return c->record.deskName.isEmpty() ? tr("this desk") : c->record.deskName;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CaseQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Number:
        return tr("Number");
    case Participant:
        return tr("Participant");
    case State:
        return tr("State");
    case Held:
        return tr("Held");
    case FlaggedBy:
        return tr("Flagged by");
    case Opened:
        return tr("Opened");
    case Reasons:
        return tr("Reasons");
    case Desk:
        return tr("Desk");
    case ColumnCount:
        break;
    }
    return {};
}

CaseQueue::CaseQueue(RecordsStore& store, QWidget* parent)
    : QWidget(parent), m_store(store), m_model(new CaseQueueModel(this)), m_table(new QTableView(this)),
      m_state(new QComboBox(this)), m_participant(new QLineEdit(this)), m_reason(new QLineEdit(this)),
      m_officer(new QLineEdit(this)), m_from(new QDateEdit(this)), m_to(new QDateEdit(this)),
      m_counts(new QLabel(this)), m_message(new QLabel(this)), m_office(new QLabel(this))
{
    setObjectName(QStringLiteral("caseQueue"));
    m_table->setObjectName(QStringLiteral("caseTable"));
    m_state->setObjectName(QStringLiteral("stateFilter"));
    m_participant->setObjectName(QStringLiteral("participantFilter"));
    m_reason->setObjectName(QStringLiteral("reasonFilter"));
    m_officer->setObjectName(QStringLiteral("officerFilter"));
    m_from->setObjectName(QStringLiteral("fromFilter"));
    m_to->setObjectName(QStringLiteral("toFilter"));
    m_counts->setObjectName(QStringLiteral("caseCounts"));
    m_message->setObjectName(QStringLiteral("queueMessage"));
    m_office->setObjectName(QStringLiteral("officeState"));
    m_office->setWordWrap(true);
    m_office->hide(); // shown once the desk has an office

    m_state->addItem(tr("All states"));
    for (CaseState s : allCaseStates())
        m_state->addItem(CaseWords::state(s), caseStateName(s));
    m_participant->setPlaceholderText(tr("e.g. BW"));
    m_reason->setPlaceholderText(tr("words in a reason"));
    m_officer->setPlaceholderText(tr("who flagged"));
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setMinimumDate(NoDate);
        d->setSpecialValueText(tr("any"));
        d->setDate(NoDate);
    }

    // Three rows of two: in one row of six the dock ran off a 1024-pixel screen.
    auto* filters = new QGridLayout;
    int placed = 0;
    const auto labelled = [&](const QString& text, QWidget* w) {
        auto* label = new QLabel(text, this);
        label->setBuddy(w);
        filters->addWidget(label, placed / 2, 2 * (placed % 2));
        filters->addWidget(w, placed / 2, 2 * (placed % 2) + 1);
        ++placed;
    };
    labelled(tr("&State:"), m_state);
    labelled(tr("&Participant:"), m_participant);
    labelled(tr("Rea&son:"), m_reason);
    labelled(tr("O&fficer:"), m_officer);
    labelled(tr("Fro&m:"), m_from);
    labelled(tr("T&o:"), m_to);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(CaseQueueModel::Held, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (const CaseSummary* c = m_model->caseAt(index.row()))
            emit caseActivated(c->record.id);
    });

    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel* l : {m_counts, m_message, m_office})
        l->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_counts);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_office);
    setFocusProxy(m_table);

    connect(m_state, &QComboBox::currentIndexChanged, this, &CaseQueue::refresh);
    for (QLineEdit* e : {m_participant, m_reason, m_officer})
        connect(e, &QLineEdit::textChanged, this, &CaseQueue::refresh);
    for (QDateEdit* d : {m_from, m_to})
        connect(d, &QDateEdit::dateChanged, this, &CaseQueue::refresh);
}

CaseFilter CaseQueue::filter() const
{
    CaseFilter f;
    if (const QString state = m_state->currentData().toString(); !state.isEmpty())
        f.state = caseStateFromName(state);
    f.participant = m_participant->text().trimmed().toUpper();
    f.reason = m_reason->text().trimmed();
    f.officer = m_officer->text().trimmed();
    // Whole local days: from the start of the first to the end of the last.
    if (m_from->date() > NoDate)
        f.from = QDateTime(m_from->date(), QTime(0, 0)).toUTC();
    if (m_to->date() > NoDate)
        f.to = QDateTime(m_to->date().addDays(1), QTime(0, 0)).toUTC();
    return f;
}

void CaseQueue::refresh()
{
    const QString current = caseIdAt(m_table->currentIndex().row());
    const auto counts = m_store.caseCounts();
    const auto cases = m_store.cases(filter());
    if (counts) {
        QStringList parts;
        const QLocale locale;
        for (CaseState s : allCaseStates())
            parts << tr("%1: %2").arg(CaseWords::state(s), locale.toString(counts->value(s, 0)));
        m_counts->setText(parts.join(QStringLiteral("  ·  ")));
    } else {
        m_counts->setText(counts.error().message);
    }
    if (!cases) {
        m_model->setCases({});
        m_message->setText(tr("The cases cannot be read: %1").arg(cases.error().message));
        return;
    }
    m_model->setCases(*cases);
    m_message->setText(tr("%Ln case(s) listed.", "", int(cases->size())));
    int row = 0;
    for (int i = 0; i < m_model->rowCount(); ++i)
        if (caseIdAt(i) == current)
            row = i;
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
}

QString CaseQueue::countsText() const
{
    return m_counts->text();
}

QString CaseQueue::message() const
{
    return m_message->text();
}

QString CaseQueue::caseIdAt(int row) const
{
    const CaseSummary* c = m_model->caseAt(row);
    return c ? c->record.id : QString();
}

void CaseQueue::setOfficeState(const OfficeState& state)
{
    m_office->setVisible(state.configured);
    if (!state.configured)
        return;
    QString text =
        state.connected
            ? tr("Office: connected; every desk's cases are listed.")
            : tr("Office unreachable: listing this desk's data and what came before. %1").arg(state.error);
    if (state.waiting > 0)
        text += QLatin1Char(' ') + tr("%Ln record(s) wait to go up.", "", int(state.waiting));
    // Issue 19: what this desk did not trust, and another role in this desk's place.
    if (state.setAside > 0)
        text += QLatin1Char(' ') + tr("%Ln row(s) of the office failed their checks and were set aside.", "",
                                      int(state.setAside));
    if (state.conflicts > 0)
        text += QLatin1Char(' ') +
                tr("ALARM: the office holds other entries at %Ln place(s) of this desk's trail.", "",
                   int(state.conflicts));
    m_office->setText(text);
    if (state.pulled > 0)
        refresh();
}

QString CaseQueue::officeText() const
{
    return m_office->isVisibleTo(this) ? m_office->text() : QString();
}

} // namespace kp::ui
