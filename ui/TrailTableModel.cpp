#include "TrailTableModel.h"

#include "LocalTime.h"
#include "TrailKindWords.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace kp::ui {

TrailTableModel::TrailTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TrailTableModel::setReading(const TrailReading& reading)
{
    m_reading = reading;
    refilter();
}

void TrailTableModel::setFilter(const TrailFilter& filter)
{
    m_filter = filter;
    refilter();
}

void TrailTableModel::refilter()
{
    beginResetModel();
    m_shown.clear();
    for (int i = 0; i < m_reading.rows.size(); ++i)
        if (m_filter.matches(m_reading.rows.at(i)))
            m_shown.append(i);
    endResetModel();
}

int TrailTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int TrailTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Columns;
}

QVariant TrailTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_shown.size())
        return {};
    const TrailRow& row = rowAt(index.row());
    if (role == Qt::ForegroundRole && !row.holds)
        return QBrush(QColor(0xb0, 0x00, 0x20));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const AuditEntry& e = row.entry;
    switch (index.column()) {
    case NumberColumn:
        return QLocale().toString(e.n);
    case TimeColumn:
        return row.decoded ? localTimeWithZone(e.at) : QString();
    case ActorColumn:
        return e.actor;
    case KindColumn:
        if (!row.decoded)
            return tr("(not an entry)");
        // The words in the table; the stable kind in its tooltip, as in the export.
        return role == Qt::ToolTipRole ? e.kind : trailKindTitle(e.kind);
    case DataColumn:
        return trailDataText(e.data);
    case HoldsColumn:
        return row.holds ? tr("holds") : tr("DOES NOT HOLD");
    default:
        return {};
    }
}

QVariant TrailTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("No.");
    case TimeColumn:
        return tr("When");
    case ActorColumn:
        return tr("Who");
    case KindColumn:
        return tr("What");
    case DataColumn:
        return tr("Details");
    case HoldsColumn:
        return tr("Chain");
    default:
        return {};
    }
}

} // namespace kp::ui
