#pragma once

// A decimal field that takes the decimal point either way it is typed: the
// language's own (a comma in French, ٫ in Arabic) or the '.' of a numeric
// keypad and of Latin habits. A plain QDoubleSpinBox in French or Arabic
// drops the '.', so the mass "12.5" typed at the scale became 125 ct. A '.'
// or ',' is always the decimal point, also where it groups thousands (Spanish,
// Portuguese): a mass or a tolerance is typed without groups, and "1.234,5"
// has two points and is refused, never read as another number.

#include <QDoubleSpinBox>

namespace kp::ui {

class DecimalSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

    QValidator::State validate(QString& input, int& pos) const override;
    double valueFromText(const QString& text) const override;
    void fixup(QString& input) const override;

private:
    QString withLocalePoint(QString text) const;
};

} // namespace kp::ui
