#pragma once

// An image attached to a case, larger: as big as the screen allows, fitted
// (ScannedImageView). Escape closes it.

#include <QDialog>
#include <QImage>

namespace kp::ui {

class ScannedImageView;

class ImagePreview : public QDialog
{
    Q_OBJECT

public:
    ImagePreview(const QImage& image, const QString& title, QWidget* parent = nullptr);

    ScannedImageView* view() const { return m_view; }

private:
    ScannedImageView* m_view;
};

} // namespace kp::ui
