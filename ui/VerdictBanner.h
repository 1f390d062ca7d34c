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
    void clear();
    QString headline() const;

    static QString verdictWords(Verdict verdict);

private:
    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_reason;
};

} // namespace kp::ui
