#pragma once

// Dates, times and ids read left to right in a right-to-left interface
// (Arabic): "2026-03-04 15:20:07 CET" in an Arabic line is otherwise laid
// out as "CET 15:20:07 2026-03-04". Wrapped in a left-to-right isolate
// (U+2066 ... U+2069) only when the interface runs right to left, so that
// left-to-right texts stay as they were (copied, compared, printed).

#include <QGuiApplication>
#include <QString>

namespace kp::ui {

inline QString leftToRight(const QString& text)
{
    if (text.isEmpty() || QGuiApplication::layoutDirection() != Qt::RightToLeft)
        return text;
    return QChar(0x2066) + text + QChar(0x2069);
}

} // namespace kp::ui
