#pragma once

// The verdict, large: colour, icon and words together (never colour alone),
// announced to screen readers when it changes.

#include "verify/Inspection.h"

#include <QFrame>

class QLabel;

namespace kp::ui {

class VerdictBanner : public QFrame
{
    Q_OBJECT

public:
    explicit VerdictBanner(QWidget* parent = nullptr);

    void showVerdict(Verdict verdict, const QString& reason);
    // No verdict, but why there is none (not a certificate, no barcode found):
    // plain, never in a verdict's colours.
    void showNotice(const QString& headline, const QString& reason);
    // A line under the reasons that says what has been done since (a case
    // opened, the shipment held); empty hides it. Cleared with the verdict.
    void setNote(const QString& note);
    void clear();
    QString headline() const;
    QString reason() const;
    QString note() const;

    static QString verdictWords(Verdict verdict);

private:
    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_reason;
    QLabel* m_note;
    void announce();
};

} // namespace kp::ui
