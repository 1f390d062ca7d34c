#pragma once

#include <QImage>
#include <QPixmap>
#include <QWidget>

namespace kp::ui {

// The scanned certificate beside its fields: the whole image, fitted to the
// space there is (and sharp on high-DPI screens), however the window is sized.
class ScannedImageView : public QWidget
{
    Q_OBJECT

public:
    explicit ScannedImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void clear();
    const QImage& image() const { return m_image; }
    // Where the image is drawn, in widget coordinates (empty when none).
    QRect imageRect() const;

    QSize sizeHint() const override { return {360, 360}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
    QPixmap m_scaled; // m_image at the drawn size, made again when that changes
};

} // namespace kp::ui
