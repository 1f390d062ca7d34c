#pragma once

// Today's inspections at this desk: searchable and sortable; opening one
// shows what was seen then.

#include "records/InspectionRows.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace kp::ui {

class TodayList : public QWidget
{
    Q_OBJECT

public:
    explicit TodayList(QWidget* parent = nullptr);

    void setInspections(const QList<InspectionRow>& list);
    QLineEdit* search() const { return m_search; }
    QTableView* table() const { return m_table; }
    int visibleRows() const;
    qint64 idAt(int visibleRow) const;

signals:
    void openRequested(qint64 inspectionId);

private:
    QLineEdit* m_search;
    QTableView* m_table;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

} // namespace kp::ui
