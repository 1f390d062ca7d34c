#include "util/IsoTime.h"

namespace kp {

QString isoTime(const QDateTime& time, IsoPrecision precision)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(precision == IsoPrecision::Milliseconds ? Qt::ISODateWithMs : Qt::ISODate);
}

QDateTime parseIsoTime(const QString& text)
{
    if (text.isEmpty())
        return {};
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString shownUtc(const QDateTime& time, ShownPrecision precision)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(precision == ShownPrecision::Seconds
                                     ? QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")
                                     : QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace kp
