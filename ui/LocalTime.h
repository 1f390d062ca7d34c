#pragma once

// A moment shown in the desk's local time always carries its zone
// ("2026-03-04 15:20:07 CET"): the checks' reasons give their times in UTC,
// and a bare local time beside them reads as UTC too.

#include "LeftToRight.h"

#include <QDateTime>
#include <QString>

namespace kp::ui {

inline QString localTimeWithZone(const QDateTime& moment,
                                 const QString& format = QStringLiteral("yyyy-MM-dd HH:mm:ss"))
{
    if (!moment.isValid())
        return QString();
    const QDateTime local = moment.toLocalTime();
    return leftToRight(local.toString(format) + QLatin1Char(' ') + local.timeZoneAbbreviation());
}

} // namespace kp::ui
