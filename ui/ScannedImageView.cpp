#include "ScannedImageView.h"

#include <QPainter>

namespace kp::ui {

ScannedImageView::ScannedImageView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ScannedImageView::setImage(const QImage& image)
{
    m_image = image;
    m_scaled = {};
    update();
}

void ScannedImageView::clear()
{
    setImage({});
}

QRect ScannedImageView::imageRect() const
{
    if (m_image.isNull())
        return {};
    const QRect area = contentsRect();
    QRect r(QPoint(0, 0), m_image.size().scaled(area.size(), Qt::KeepAspectRatio));
    r.moveCenter(area.center());
    return r;
}

void ScannedImageView::paintEvent(QPaintEvent*)
{
    const QRect target = imageRect();
    if (target.isEmpty())
        return;
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = target.size() * ratio;
    if (m_scaled.size() != pixels) {
        m_scaled = QPixmap::fromImage(m_image.scaled(pixels, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        m_scaled.setDevicePixelRatio(ratio);
    }
    QPainter painter(this);
    painter.drawPixmap(target.topLeft(), m_scaled);
}

} // namespace kp::ui
