#pragma once

#include <QScrollArea>

namespace kp::ui {

// A scroll area that asks for its content's whole size, but never for more
// height than its screen has left after `reserved` pixels (the dialog's title
// bar, messages and buttons): a dialog opens showing everything on a large
// screen and still fits 1024x768 with larger fonts, scrolling there.
class ScreenFitScrollArea : public QScrollArea
{
public:
    ScreenFitScrollArea(QWidget* content, int reserved, QWidget* parent = nullptr);

    QSize sizeHint() const override;

private:
    int m_reserved;
};

} // namespace kp::ui
