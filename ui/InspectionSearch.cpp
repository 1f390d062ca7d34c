#include "InspectionSearch.h"

#include "LeftToRight.h"

#include "format/Kp1.h"
#include "util/Clock.h"
#include "verify/Verifier.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableView>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

constexpr int DefaultDays = 30;

QString localTimeWithSeconds(const QDateTime& utc)
{
    return utc.isValid() ? leftToRight(utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t")))
                         : QString();
}

bool isEnter(const QKeyEvent* key)
{
    return (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
           !(key->modifiers() & ~Qt::KeypadModifier);
}

} // namespace

InspectionSearchModel::InspectionSearchModel(QObject* parent) : QAbstractTableModel(parent) {}

void InspectionSearchModel::setInspections(QList<InspectionRecord> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const InspectionRecord* InspectionSearchModel::inspectionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int InspectionSearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InspectionSearchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InspectionSearchModel::data(const QModelIndex& index, int role) const
{
    const InspectionRecord* r = inspectionAt(index.row());
    if (!r || !index.isValid())
        return {};
    if (role == Qt::UserRole)
        return r->id;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Time:
        return localTimeWithSeconds(r->at);
    case Number:
        return r->number;
    case Participant:
        return r->participant;
    case SeenVerdict:
        return InspectionSearchModel::verdictTitle(r->verdict);
    case FinalVerdict:
        return InspectionSearchModel::verdictTitle(r->finalVerdict);
    case Officer:
        return r->officer;
    case Case:
        return r->hasCase ? tr("yes") : tr("no");
    case ColumnCount:
        break;
    }
    return {};
}

QString InspectionSearchModel::verdictTitle(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return tr("Accept");
    case Verdict::Doubt:
        return tr("Doubt");
    case Verdict::Reject:
        break;
    }
    return tr("Reject");
}

QVariant InspectionSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Number:
        return tr("Number");
    case Participant:
        return tr("Participant");
    case SeenVerdict:
        return tr("Verdict");
    case FinalVerdict:
        return tr("Final verdict");
    case Officer:
        return tr("Officer");
    case Case:
        return tr("Case");
    case ColumnCount:
        break;
    }
    return {};
}

InspectionSearch::InspectionSearch(RecordsStore& store, const Clock& clock, QWidget* parent)
    : QDialog(parent), m_store(store), m_clock(clock), m_model(new InspectionSearchModel(this)),
      m_number(new QLineEdit(this)), m_from(new QDateEdit(this)), m_to(new QDateEdit(this)),
      m_verdict(new QComboBox(this)), m_officer(new QLineEdit(this)), m_participant(new QLineEdit(this)),
      m_table(new QTableView(this)), m_count(new QLabel(this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("inspectionSearch"));
    setWindowTitle(tr("Find inspections"));
    m_number->setObjectName(QStringLiteral("searchNumber"));
    m_from->setObjectName(QStringLiteral("searchFrom"));
    m_to->setObjectName(QStringLiteral("searchTo"));
    m_verdict->setObjectName(QStringLiteral("searchVerdict"));
    m_officer->setObjectName(QStringLiteral("searchOfficer"));
    m_participant->setObjectName(QStringLiteral("searchParticipant"));
    m_table->setObjectName(QStringLiteral("searchResults"));
    m_count->setObjectName(QStringLiteral("searchCount"));
    m_error->setObjectName(QStringLiteral("searchError"));

    m_number->setPlaceholderText(tr("any number"));
    m_number->setClearButtonEnabled(true);
    m_officer->setPlaceholderText(tr("any officer"));
    m_officer->setClearButtonEnabled(true);
    m_participant->setPlaceholderText(tr("e.g. BW"));
    m_participant->setMaxLength(2);
    m_participant->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,2}")), m_participant));
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_verdict->addItem(tr("Any verdict"));
    for (Verdict v : {Verdict::Accept, Verdict::Doubt, Verdict::Reject})
        m_verdict->addItem(InspectionSearchModel::verdictTitle(v), int(v));
    resetDates();

    auto* fields = new QFormLayout;
    fields->addRow(tr("&Number:"), m_number);
    auto* dates = new QHBoxLayout;
    dates->addWidget(m_from);
    auto* toLabel = new QLabel(tr("&to"), this);
    toLabel->setBuddy(m_to);
    dates->addWidget(toLabel);
    dates->addWidget(m_to);
    dates->addStretch();
    fields->addRow(tr("&From:"), dates);
    // The form's label for the dates names the first field; the second has its own.
    if (auto* label = qobject_cast<QLabel*>(fields->labelForField(dates)))
        label->setBuddy(m_from);
    fields->addRow(tr("&Verdict:"), m_verdict);
    fields->addRow(tr("&Officer:"), m_officer);
    fields->addRow(tr("&Participant:"), m_participant);

    auto* searchButton = new QPushButton(tr("&Search"), this);
    searchButton->setObjectName(QStringLiteral("searchButton"));
    auto* closeButton = new QPushButton(tr("Close"), this);
    // Enter is handled by the fields and the results themselves (eventFilter).
    for (QPushButton* b : {searchButton, closeButton}) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    connect(searchButton, &QPushButton::clicked, this, [this] { search(); });
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);

    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Inspections found"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QAbstractItemView::activated, this, [this] { openCurrent(); });

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_count, 1);
    buttons->addWidget(searchButton);
    buttons->addWidget(closeButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    resize(900, 520);

    for (QWidget* w : std::initializer_list<QWidget*>{m_number, m_from, m_to, m_verdict, m_officer,
                                                      m_participant, m_table})
        w->installEventFilter(this);
}

void InspectionSearch::resetDates()
{
    const QDate today = m_clock.nowUtc().toLocalTime().date();
    m_from->setDate(today.addDays(-DefaultDays));
    m_to->setDate(today);
}

InspectionFilter InspectionSearch::filter() const
{
    InspectionFilter f;
    f.number = m_number->text();
    // Whole local days: from the start of the first to the end of the last.
    f.from = m_from->date().startOfDay().toUTC();
    f.to = m_to->date().addDays(1).startOfDay().toUTC();
    if (m_verdict->currentData().isValid())
        f.verdict = Verdict(m_verdict->currentData().toInt());
    f.officer = m_officer->text();
    f.participant = m_participant->text();
    f.limit = m_limit;
    return normalizedInspectionFilter(f);
}

bool InspectionSearch::search()
{
    if (m_from->date() > m_to->date()) {
        showError(tr("The first date is after the last."));
        return false;
    }
    const auto page = queryInspections(m_store, filter());
    if (!page) {
        showError(page.error().message);
        return false;
    }
    m_error->hide();
    m_error->clear();
    m_model->setInspections(page->rows);
    m_count->setText(page->more ? tr("More than %Ln inspection(s) found: narrow the search.", "", page->limit)
                                : tr("%Ln inspection(s) found.", "", int(page->rows.size())));
    if (m_model->rowCount() > 0) {
        m_table->setCurrentIndex(m_model->index(0, 0));
        m_table->resizeColumnsToContents();
    }
    return true;
}

void InspectionSearch::showError(const QString& message)
{
    // Never an empty list that looks like "nothing found".
    m_model->setInspections({});
    m_count->clear();
    m_error->setText(message);
    m_error->show();
}

QString InspectionSearch::countText() const
{
    return m_count->text();
}

QString InspectionSearch::errorText() const
{
    return m_error->text();
}

QString InspectionSearch::uuidAt(int row) const
{
    const InspectionRecord* r = m_model->inspectionAt(row);
    return r ? r->id : QString();
}

void InspectionSearch::takeScan(const QString& text)
{
    const QString scanned = Verifier::normalised(text);
    QString number;
    switch (Verifier::classify(scanned)) {
    case SourceKind::PlainNumber:
        number = scanned;
        break;
    case SourceKind::Kp1: {
        // Only its number is read here: nothing is verified or recorded.
        const auto decoded = Kp1::decode(scanned);
        if (!decoded) {
            showError(tr("The scanned code cannot be read: %1").arg(decoded.error().message));
            return;
        }
        number = decoded->record.number;
        break;
    }
    case SourceKind::Unrecognized:
        showError(tr("What was scanned is not a certificate."));
        return;
    }
    m_number->setText(number);
    search();
}

void InspectionSearch::openCurrent()
{
    const QString uuid = uuidAt(m_table->currentIndex().row());
    if (!uuid.isEmpty())
        emit openInspection(uuid);
}

bool InspectionSearch::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QDialog::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_table) {
        if (isEnter(key)) {
            openCurrent();
            return true;
        }
        // Up from the first result goes back to the fields.
        if (key->key() == Qt::Key_Up && m_table->currentIndex().row() <= 0) {
            m_number->setFocus();
            return true;
        }
        return QDialog::eventFilter(watched, event);
    }
    if (isEnter(key)) {
        search();
        return true;
    }
    // Down in a text field goes to the results (in the dates and the verdict
    // Up and Down keep changing the value).
    if (key->key() == Qt::Key_Down && qobject_cast<QLineEdit*>(watched) && m_model->rowCount() > 0) {
        if (!m_table->currentIndex().isValid())
            m_table->setCurrentIndex(m_model->index(0, 0));
        m_table->setFocus();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace kp::ui
