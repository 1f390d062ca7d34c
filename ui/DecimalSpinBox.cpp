#include "DecimalSpinBox.h"

#include <QLocale>

namespace kp::ui {

QString DecimalSpinBox::withLocalePoint(QString text) const
{
    const QLocale language = locale();
    const QString point = language.decimalPoint();
    for (const QChar typed : {QLatin1Char('.'), QLatin1Char(',')})
        if (point != QString(typed))
            text.replace(typed, point);
    return text;
}

QValidator::State DecimalSpinBox::validate(QString& input, int& pos) const
{
    input = withLocalePoint(input); // the same length: the cursor stays where it was
    return QDoubleSpinBox::validate(input, pos);
}

double DecimalSpinBox::valueFromText(const QString& text) const
{
    return QDoubleSpinBox::valueFromText(withLocalePoint(text));
}

void DecimalSpinBox::fixup(QString& input) const
{
    input = withLocalePoint(input);
    QDoubleSpinBox::fixup(input);
}

} // namespace kp::ui
