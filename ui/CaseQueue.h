#pragma once

// The supervisor's queue (issue 10, "The supervisor's view"): the desk's
// cases from the records store, held shipments first, then oldest, with
// filters (state, participant, reason, officer, date range) and a count per
// state always in view. Keyboard-first: the table takes focus and Enter
// opens the case under the cursor (caseActivated).

#include "office/OfficeWorker.h"
#include "records/RecordsStore.h"

#include <QAbstractTableModel>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;

namespace kp::ui {

// The queue's rows: one case each, in the store's order.
class CaseQueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Desk: where the case was opened ("this desk", or another desk's name when
    // it came from the office, docs/office.md).
    enum Column { Number, Participant, State, Held, FlaggedBy, Opened, Reasons, Desk, ColumnCount };

    explicit CaseQueueModel(QObject* parent = nullptr);

    void setCases(QList<CaseSummary> cases);
    const CaseSummary* caseAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A state and an outcome in the reader's words.
    // A time in local time with its zone ("2026-11-30 10:06 CET").
    static QString localTime(const QDateTime& utc);

private:
    QList<CaseSummary> m_cases;
};

class CaseQueue : public QWidget
{
    Q_OBJECT

public:
    explicit CaseQueue(RecordsStore& store, QWidget* parent = nullptr);

    // Reads the cases and the counts again with the filters as they stand.
    void refresh();
    // The filters as the store takes them.
    CaseFilter filter() const;

    QTableView* table() const { return m_table; }
    CaseQueueModel* model() const { return m_model; }
    QComboBox* stateFilter() const { return m_state; }
    QLineEdit* participantFilter() const { return m_participant; }
    QLineEdit* reasonFilter() const { return m_reason; }
    QLineEdit* officerFilter() const { return m_officer; }
    QDateEdit* fromFilter() const { return m_from; }
    QDateEdit* toFilter() const { return m_to; }
    // "Open: 1 · In review: 0 · ..." (always every state).
    QString countsText() const;
    // An error of the store, or how many cases are listed.
    QString message() const;
    QString caseIdAt(int row) const;
    // What the office's replication said last (ui: "Office: connected", or
    // unreachable and working on this desk's data alone).
    void setOfficeState(const OfficeState& state);
    QString officeText() const;

signals:
    void caseActivated(const QString& caseId);

private:
    RecordsStore& m_store;
    CaseQueueModel* m_model;
    QTableView* m_table;
    QComboBox* m_state;
    QLineEdit* m_participant;
    QLineEdit* m_reason;
    QLineEdit* m_officer;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLabel* m_counts;
    QLabel* m_message;
    QLabel* m_office;
};

} // namespace kp::ui
