#pragma once

// The live camera: choose a camera, see its picture with the found barcode
// outlined; frames are decoded by a FrameDecoder on a worker thread.

#include "barcode/BarcodeReader.h"

#include <QWidget>

class QCamera;
class QComboBox;
class QLabel;
class QMediaCaptureSession;
class QPushButton;
class QVideoSink;

namespace kp::ui {

class FrameDecoder;

class CameraPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CameraPanel(QWidget* parent = nullptr);
    ~CameraPanel() override;

    FrameDecoder* decoder() const { return m_decoder; }
    bool hasCameras() const;
    void start();
    void stop();

signals:
    void scanned(const QString& text, const QString& symbology, const QImage& frame);

private:
    void showDecoded(const QImage& frame, const QList<kp::DecodedBarcode>& barcodes);

    QComboBox* m_cameras;
    QPushButton* m_toggle;
    QLabel* m_preview;
    QMediaCaptureSession* m_session;
    QCamera* m_camera = nullptr;
    QVideoSink* m_sink;
    FrameDecoder* m_decoder;
};

} // namespace kp::ui
