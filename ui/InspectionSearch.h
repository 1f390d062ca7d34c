#pragma once

// Finding any past inspection, not only today's (the supervisor's view, and
// an officer's): by number, dates, final verdict, officer and participant.
// Keyboard-first: Enter in any field searches, Down goes into the results,
// Enter on a result opens it (openInspection). A read error is shown as an
// error, never as "nothing found". Reads go through the records store.

#include "ScanTarget.h"

#include "records/InspectionQuery.h"

#include <QAbstractTableModel>
#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;

namespace kp {
class Clock;
}

namespace kp::ui {

// The results: one inspection per row, newest first.
class InspectionSearchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Number, Participant, SeenVerdict, FinalVerdict, Officer, Case, ColumnCount };

    explicit InspectionSearchModel(QObject* parent = nullptr);

    void setInspections(QList<InspectionRecord> rows);
    const InspectionRecord* inspectionAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A verdict in one word, for a column ("Accept").
    static QString verdictTitle(Verdict verdict);

private:
    QList<InspectionRecord> m_rows;
};

// A certificate scanned while it is in front is searched for (ScanTarget):
// never verified behind it.
class InspectionSearch : public QDialog, public ScanTarget
{
    Q_OBJECT

public:
    InspectionSearch(RecordsStore& store, const Clock& clock, QWidget* parent = nullptr);

    // Searches with the fields as they stand; false when the store could not be read.
    bool search();
    // The dates back to their defaults: the last 30 days, today included.
    void resetDates();
    // The filter as the store takes it (dates as whole local days).
    InspectionFilter filter() const;
    void setLimit(int limit) { m_limit = limit; }

    QLineEdit* numberField() const { return m_number; }
    QDateEdit* fromField() const { return m_from; }
    QDateEdit* toField() const { return m_to; }
    QComboBox* verdictField() const { return m_verdict; }
    QLineEdit* officerField() const { return m_officer; }
    QLineEdit* participantField() const { return m_participant; }
    QTableView* table() const { return m_table; }
    InspectionSearchModel* model() const { return m_model; }
    // "3 inspection(s) found." or "More than 500 ...": empty before a search and on an error.
    QString countText() const;
    // The store's error of the last search; empty when it was read.
    QString errorText() const;
    QString uuidAt(int row) const;

    // A scanned certificate (a KP1 code or a number): its number in the
    // Number field and a search, the other fields as they stand. A code
    // that cannot be read is said so, as a search error.
    void takeScan(const QString& text) override;

signals:
    void openInspection(const QString& uuid);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showError(const QString& message);
    void openCurrent();

    RecordsStore& m_store;
    const Clock& m_clock;
    int m_limit = 500;
    InspectionSearchModel* m_model;
    QLineEdit* m_number;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_verdict;
    QLineEdit* m_officer;
    QLineEdit* m_participant;
    QTableView* m_table;
    QLabel* m_count;
    QLabel* m_error;
};

} // namespace kp::ui
