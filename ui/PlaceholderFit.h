#pragma once

// A line edit at least as wide as its placeholder, so the hint is read whole
// (in every language) and not cut off at the field's edge.

#include <QLineEdit>
#include <QStyle>

namespace kp::ui {

inline void fitPlaceholder(QLineEdit* edit)
{
    const int frame = edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, edit);
    const QMargins margins = edit->textMargins();
    int width = edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 2 * frame + 4 +
                margins.left() + margins.right() + 6; // QLineEdit's own margins, and a little air
    if (edit->isClearButtonEnabled())
        width += edit->sizeHint().height(); // the clear button's place
    edit->setMinimumWidth(qMax(edit->minimumWidth(), width));
}

} // namespace kp::ui
