#include "CameraPanel.h"

#include "FrameDecoder.h"

#include <QCamera>
#include <QComboBox>
#include <QLabel>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <QVideoFrame>
#include <QVideoSink>

namespace kp::ui {

CameraPanel::CameraPanel(QWidget* parent)
    : QWidget(parent), m_cameras(new QComboBox(this)), m_toggle(new QPushButton(tr("Start camera"), this)),
      m_preview(new QLabel(this)), m_session(new QMediaCaptureSession(this)), m_sink(new QVideoSink(this)),
      m_decoder(new FrameDecoder(this))
{
    setObjectName(QStringLiteral("cameraPanel"));
    m_cameras->setAccessibleName(tr("Camera"));
    for (const QCameraDevice& device : QMediaDevices::videoInputs())
        m_cameras->addItem(device.description(), QVariant::fromValue(device));
    m_toggle->setEnabled(hasCameras());
    m_preview->setObjectName(QStringLiteral("cameraPreview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(320, 180);
    m_preview->setText(hasCameras() ? QString() : tr("No camera is available."));
    m_session->setVideoSink(m_sink);
    // The GUI thread only hands the frame over; converting and decoding run on the worker.
    connect(m_sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame& frame) {
        m_decoder->submit(FrameDecoder::FrameSource([frame] { return frame.toImage(); }));
    });
    connect(m_decoder, &FrameDecoder::decoded, this, &CameraPanel::showDecoded);
    connect(m_decoder, &FrameDecoder::found, this, &CameraPanel::scanned);
    connect(m_toggle, &QPushButton::clicked, this, [this] {
        if (m_camera && m_camera->isActive())
            stop();
        else
            start();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_cameras);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_toggle);
}

CameraPanel::~CameraPanel()
{
    stop();
}

bool CameraPanel::hasCameras() const
{
    return m_cameras->count() > 0;
}

void CameraPanel::start()
{
    if (!hasCameras())
        return;
    stop();
    m_camera = new QCamera(m_cameras->currentData().value<QCameraDevice>(), this);
    m_session->setCamera(m_camera);
    m_decoder->reset();
    m_camera->start();
    m_toggle->setText(tr("Stop camera"));
}

void CameraPanel::stop()
{
    if (!m_camera)
        return;
    m_camera->stop();
    m_session->setCamera(nullptr);
    delete m_camera;
    m_camera = nullptr;
    m_toggle->setText(tr("Start camera"));
}

void CameraPanel::showDecoded(const QImage& frame, const QList<DecodedBarcode>& barcodes)
{
    if (frame.isNull())
        return;
    QImage shown = frame.scaled(m_preview->size(), Qt::KeepAspectRatio, Qt::FastTransformation);
    const qreal scale = qreal(shown.width()) / frame.width();
    QPainter p(&shown);
    p.setPen(QPen(QColor(0, 200, 0), 3));
    for (const DecodedBarcode& b : barcodes) {
        QPolygonF outline;
        for (const QPointF& point : b.position)
            outline << point * scale;
        p.drawPolygon(outline);
    }
    p.end();
    m_preview->setPixmap(QPixmap::fromImage(shown));
}

} // namespace kp::ui
