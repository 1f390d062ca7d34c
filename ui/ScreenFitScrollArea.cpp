#include "ScreenFitScrollArea.h"

#include <QScreen>
#include <QScrollBar>

namespace kp::ui {

ScreenFitScrollArea::ScreenFitScrollArea(QWidget* content, int reserved, QWidget* parent)
    : QScrollArea(parent), m_reserved(reserved)
{
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWidget(content);
    // Tab goes through the fields, and the area follows the field in focus.
    setFocusPolicy(Qt::NoFocus);
}

QSize ScreenFitScrollArea::sizeHint() const
{
    const QWidget* content = widget();
    if (!content)
        return QScrollArea::sizeHint();
    const int frame = 2 * frameWidth();
    QSize size = content->sizeHint() + QSize(frame, frame);
    if (const QScreen* where = screen()) {
        const int room = qMax(where->availableGeometry().height() - m_reserved, 120);
        if (size.height() > room) {
            size.setHeight(room);
            size.rwidth() += verticalScrollBar()->sizeHint().width(); // shown then
        }
    }
    return size;
}

} // namespace kp::ui
