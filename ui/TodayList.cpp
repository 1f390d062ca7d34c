#include "TodayList.h"

#include "DownToList.h"
#include "LocalTime.h"
#include "VerdictBanner.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace kp::ui {

TodayList::TodayList(QWidget* parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_table(new QTableView(this)),
      m_model(new QStandardItemModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    m_search->setObjectName(QStringLiteral("todaySearch"));
    m_search->setPlaceholderText(tr("Search number, verdict, officer..."));
    m_search->setAccessibleName(tr("Search today's inspections"));
    m_search->setClearButtonEnabled(true);
    m_model->setHorizontalHeaderLabels(
        {tr("Time"), tr("Number"), tr("Verdict"), tr("Flagged"), tr("Officer")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table->setObjectName(QStringLiteral("todayTable"));
    m_table->setAccessibleName(tr("Today's inspections"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // arrows move between rows; Tab leaves the list
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    // Two rows at least, the last inspections in view, on the shortest screen.
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              2 * m_table->verticalHeader()->defaultSectionSize() +
                              2 * m_table->frameWidth());
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    DownToList::install(m_search, m_table);
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex& index) { emit openRequested(idAt(index.row())); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_table);
}

void TodayList::setInspections(const QList<InspectionRow>& list)
{
    m_model->removeRows(0, m_model->rowCount());
    for (const InspectionRow& s : list) {
        auto* time = new QStandardItem(localTimeWithZone(s.at, QStringLiteral("HH:mm:ss")));
        time->setData(s.row, Qt::UserRole);
        time->setData(s.at, Qt::UserRole + 1);
        QString verdict = VerdictBanner::verdictWords(s.finalVerdict);
        // A corrected inspection says so where its verdict is (the verdict is the corrected one).
        if (s.corrections > 0)
            verdict =
                tr("%1 (corrected)", "today's list: the verdict of an inspection whose physical check was "
                                     "corrected")
                    .arg(verdict);
        auto* verdictItem = new QStandardItem(verdict);
        if (s.corrections > 0)
            verdictItem->setToolTip(tr("Its physical check was corrected %Ln time(s) after it was recorded.",
                                       nullptr, s.corrections));
        m_model->appendRow({time, new QStandardItem(s.number), verdictItem,
                            new QStandardItem(s.hasCase ? tr("flagged") : QString()),
                            new QStandardItem(s.officer)});
    }
    m_table->resizeColumnsToContents();
}

int TodayList::visibleRows() const
{
    return m_proxy->rowCount();
}

qint64 TodayList::idAt(int visibleRow) const
{
    return m_proxy->index(visibleRow, 0).data(Qt::UserRole).toLongLong();
}

} // namespace kp::ui
