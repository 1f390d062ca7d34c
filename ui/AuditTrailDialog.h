#pragma once

// The audit trail in the window (issue 21 item 8): its entries with
// filters (who, what, when, certificate, case), the chain's state (verified
// or where it breaks, head, count, the head the authority last received),
// "Verify" and "Export for an auditor" (the same CBOR sequence as
// `kpdesk-cli audit export`). A trail that does not hold is shown as broken,
// never as verified.

#include "records/DeskRecords.h"
#include "records/TrailReading.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QMenuBar;
class QTableView;

namespace kp::ui {

class TrailTableModel;

class AuditTrailDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AuditTrailDialog(DeskRecords& door, QWidget* parent = nullptr);

    // Reads and verifies the trail again (the Verify action).
    void verify();
    // Asks where (FileDialogs) and writes the export; true when written.
    bool exportForAuditor();

    // What the state says, and whether it says the chain holds.
    QString stateText() const;
    bool verified() const { return m_verified; }
    QString witnessText() const;
    QString message() const;
    QTableView* table() const { return m_table; }
    TrailTableModel* model() const { return m_model; }
    QComboBox* actorFilter() const { return m_actor; }
    QComboBox* kindFilter() const { return m_kind; }
    QCheckBox* whenFilter() const { return m_when; }
    QDateEdit* fromDate() const { return m_from; }
    QDateEdit* toDate() const { return m_to; }
    QLineEdit* numberFilter() const { return m_number; }
    QLineEdit* caseFilter() const { return m_case; }
    QMenuBar* menus() const { return m_menus; }

private:
    void applyFilter();
    // `words`: what a person reads for each value (the value itself when none).
    void fillChoices(QComboBox* box, const QString& any, const QStringList& values,
                     QString (*words)(const QString&) = nullptr);
    void showState(const Result<TrailReading>& reading);
    void say(const QString& text, bool error);

    DeskRecords& m_door;
    QMenuBar* m_menus;
    QLabel* m_state;
    QLabel* m_head;
    QLabel* m_witness;
    QComboBox* m_actor;
    QComboBox* m_kind;
    QCheckBox* m_when;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLineEdit* m_number;
    QLineEdit* m_case;
    QTableView* m_table;
    TrailTableModel* m_model;
    QLabel* m_shown;
    QLabel* m_message;
    bool m_verified = false;
};

} // namespace kp::ui
