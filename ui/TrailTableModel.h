#pragma once

// The audit trail's entries as a table (issue 21 item 8): the reading's
// rows that pass the filter, newest last, each saying whether it holds.

#include "records/TrailReading.h"

#include <QAbstractTableModel>

namespace kp::ui {

class TrailTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NumberColumn, TimeColumn, ActorColumn, KindColumn, DataColumn, HoldsColumn, Columns };

    explicit TrailTableModel(QObject* parent = nullptr);

    void setReading(const TrailReading& reading);
    void setFilter(const TrailFilter& filter);
    const TrailReading& reading() const { return m_reading; }
    // The trail's entry on a shown row.
    const TrailRow& rowAt(int row) const { return m_reading.rows.at(m_shown.at(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refilter();

    TrailReading m_reading;
    TrailFilter m_filter;
    QList<int> m_shown; // indexes into m_reading.rows
};

} // namespace kp::ui
