#pragma once

// Asks, on purpose, for a correction of a recorded physical check (issue 21
// item 4): "Record a correction to this inspection?", what was recorded and
// what would stand instead, and the reason, without which nothing is
// recorded. The window records nothing here: it reads reason() on Accepted.

#include "cases/PhysicalCheck.h"
#include "verify/Inspection.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kp::ui {

class CorrectionDialog : public QDialog
{
    Q_OBJECT

public:
    // `recorded` and `corrected`: the check and its verdict in words, as recorded and as typed now.
    CorrectionDialog(const QString& certificate, const QString& recorded, const QString& corrected,
                     QWidget* parent = nullptr);

    // A check and the verdict it gave, in the interface's language and
    // numbers ("DOUBT: 2 parcels counted; the certificate says 3.").
    static QString describe(const PhysicalCheck& check, Verdict verdict, const QStringList& mismatches);

    QString reason() const;
    QLineEdit* reasonEdit() const { return m_reason; }
    QPushButton* recordButton() const { return m_record; }

private:
    QLineEdit* m_reason;
    QPushButton* m_record;
};

} // namespace kp::ui
