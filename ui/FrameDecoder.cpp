#include "FrameDecoder.h"

#include "format/CertificateRecord.h"
#include "format/Kp1.h"
#include "verify/ImageScan.h"

#include <QtConcurrent/QtConcurrentRun>

namespace kp::ui {

FrameDecoder::FrameDecoder(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        const Result r = m_watcher.result();
        emit decoded(r.frame, r.barcodes);
        // As kpdesk-cli and the other images choose (kp::preferredBarcode):
        // the KP1 code, else a certificate number; other codes are not ours.
        const DecodedBarcode* chosen = preferredBarcode(r.barcodes);
        if (chosen && !Kp1::hasPrefix(chosen->text)) {
            chosen = nullptr;
            for (const DecodedBarcode& b : r.barcodes) {
                if (isCertificateNumber(b.text.trimmed())) {
                    chosen = &b;
                    break;
                }
            }
        }
        if (chosen && chosen->text != m_lastText) {
            m_lastText = chosen->text;
            emit found(chosen->text, chosen->symbology, r.frame);
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
