#pragma once
// The desk photo that the benchmarks and tests read (issue 22): a 1920x1080
// grey desk under uneven light, with a printed code scaled to `width`
// pixels and turned by `degrees`. Header only, so that the benchmarks
// include it without linking the tests' support library.
#include <QColor>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>

namespace kp::test {

inline QImage deskPhoto(const QImage& code, int width = 520, qreal degrees = 7)
{
    QImage photo(1920, 1080, QImage::Format_RGB32);
    QPainter p(&photo);
    QLinearGradient light(0, 0, 1920, 1080);
    light.setColorAt(0, QColor(200, 200, 195));
    light.setColorAt(1, QColor(120, 118, 115));
    p.fillRect(photo.rect(), light);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.translate(960, 540);
    p.rotate(degrees);
    const QImage scaled = code.scaledToWidth(width, Qt::SmoothTransformation);
    p.drawImage(-scaled.width() / 2, -scaled.height() / 2, scaled);
    return photo;
}

} // namespace kp::test
