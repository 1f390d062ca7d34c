#pragma once

// Decodes camera frames on a worker thread, never on the GUI thread: the
// frame's conversion to an image happens there too. While one frame is being
// decoded, a newer frame replaces the waiting one, so a slow decode never
// builds a queue.

#include "barcode/BarcodeReader.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

#include <functional>
#include <optional>

namespace kp::ui {

class FrameDecoder : public QObject
{
    Q_OBJECT

public:
    using FrameSource = std::function<QImage()>; // called on the worker thread

    explicit FrameDecoder(QObject* parent = nullptr);
    ~FrameDecoder() override;

    void submit(const QImage& frame);
    void submit(FrameSource frame);
    // Forget the last code, so the same certificate can be scanned again.
    void reset() { m_lastText.clear(); }

signals:
    // Every decoded frame with what was found (maybe nothing), for the preview.
    void decoded(const QImage& frame, const QList<kp::DecodedBarcode>& barcodes);
    // A KP1 code or a certificate number, once while it stays in view.
    void found(const QString& text, const QString& symbology, const QImage& frame);

private:
    struct Result
    {
        QImage frame;
        QList<DecodedBarcode> barcodes;
    };

    QFutureWatcher<Result> m_watcher;
    std::optional<FrameSource> m_waiting;
    QString m_lastText;
};

} // namespace kp::ui
