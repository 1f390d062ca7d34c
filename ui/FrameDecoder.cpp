#include "FrameDecoder.h"

#include "format/CertificateRecord.h"
#include "format/Kp1.h"

#include <QtConcurrent/QtConcurrentRun>

namespace kp::ui {

FrameDecoder::FrameDecoder(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        const Result r = m_watcher.result();
        emit decoded(r.frame, r.barcodes);
        for (const DecodedBarcode& b : r.barcodes) {
            if (!Kp1::hasPrefix(b.text) && !isCertificateNumber(b.text.trimmed()))
                continue;
            if (b.text != m_lastText) {
                m_lastText = b.text;
                emit found(b.text, b.symbology, r.frame);
            }
            break;
        }
        if (m_waiting) {
            FrameSource next = std::move(*m_waiting);
            m_waiting.reset();
            submit(std::move(next));
        }
    });
}

FrameDecoder::~FrameDecoder()
{
    m_watcher.waitForFinished();
}

void FrameDecoder::submit(const QImage& frame)
{
    submit(FrameSource([frame] { return frame; }));
}

void FrameDecoder::submit(FrameSource frame)
{
    if (m_watcher.isRunning()) {
        m_waiting = std::move(frame);
        return;
    }
    m_watcher.setFuture(QtConcurrent::run([frame = std::move(frame)] {
        Result r;
        r.frame = frame();
        r.barcodes = BarcodeReader(BarcodeReader::Mode::StopAtKp1).read(r.frame);
        return r;
    }));
}

} // namespace kp::ui
