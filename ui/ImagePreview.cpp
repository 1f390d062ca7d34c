#include "ImagePreview.h"

#include "ScannedImageView.h"

#include <QScreen>
#include <QVBoxLayout>

namespace kp::ui {

ImagePreview::ImagePreview(const QImage& image, const QString& title, QWidget* parent)
    : QDialog(parent), m_view(new ScannedImageView(this))
{
    setObjectName(QStringLiteral("imagePreview"));
    setWindowTitle(title);
    m_view->setObjectName(QStringLiteral("previewImage"));
    m_view->setAccessibleName(title);
    m_view->setImage(image);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    // The image at its own size, within the screen less its frame.
    const QSize room = (screen() ? screen()->availableGeometry().size() : QSize(1024, 768)) - QSize(60, 80);
    resize(image.size().boundedTo(room).expandedTo(QSize(240, 240)));
}

} // namespace kp::ui
