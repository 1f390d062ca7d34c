// The window's two figures:
//  start-up: from process start to the main window shown, on a cache of
//   DB (made by bench_bundle --dir DIR, default one million records);
//  camera: how long the GUI thread is ever busy while 1080p frames are
//   decoded at 30 frames a second (a 1 ms timer measures the event loop).
//
// Usage: bench_gui --db DESK.sqlite [--runs N]     start-up
//        bench_gui --camera [--seconds S]          camera path
#include "FrameDecoder.h"

#include "barcode/BarcodeWriter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPainter>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace kp;

namespace {

int startup(const QString& db, int runs)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KPDESK_QUIT_WHEN_READY"), QStringLiteral("1"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(QStringLiteral(KPDESK_GUI), {QStringLiteral("--db"), db});
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            std::fprintf(stderr, "kpdesk failed: %s\n", p.readAllStandardError().constData());
            return 1;
        }
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("start-up to window shown: median %.0f ms, worst %.0f ms (%d runs)\n", ms[ms.size() / 2],
                ms.back(), runs);
    return 0;
}

int camera(int seconds)
{
    QImage frame(1920, 1080, QImage::Format_RGB32);
    frame.fill(QColor(150, 145, 140));
    {
        QPainter p(&frame);
        p.translate(1000, 540);
        p.rotate(5);
        const QImage code = *BarcodeWriter::render(QStringLiteral("KP1:") + QString(600, u'7'),
                                                   BarcodeWriter::Symbology::Qr, 5);
        p.drawImage(-code.width() / 2, -code.height() / 2, code);
    }
    ui::FrameDecoder decoder;
    int decodedFrames = 0;
    QObject::connect(&decoder, &ui::FrameDecoder::decoded, [&] { ++decodedFrames; });
    QTimer frames;
    int submittedFrames = 0;
    QObject::connect(&frames, &QTimer::timeout, [&] {
        ++submittedFrames;
        decoder.submit(frame);
    });
    frames.setTimerType(Qt::PreciseTimer); // 30 frames a second, not "about"
    frames.start(33);
    // The event loop's longest stall, seen by a 1 ms timer.
    QElapsedTimer sinceTick;
    qint64 worst = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        if (sinceTick.isValid())
            worst = std::max(worst, sinceTick.nsecsElapsed());
        sinceTick.start();
    });
    tick.start(1);
    QTimer::singleShot(seconds * 1000, qApp, &QApplication::quit);
    qApp->exec();
    std::printf("camera path: %d of %d frames decoded, GUI thread longest stall %.1f ms\n", decodedFrames,
                submittedFrames, double(worst) / 1e6);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const char* name, const QString& fallback) {
        const auto i = args.indexOf(QString::fromLatin1(name));
        return i > 0 && i + 1 < args.size() ? args[i + 1] : fallback;
    };
    if (args.contains(QStringLiteral("--camera")))
        return camera(option("--seconds", QStringLiteral("10")).toInt());
    const QString db = option("--db", QString());
    if (db.isEmpty()) {
        std::fprintf(stderr, "usage: bench_gui --db DESK.sqlite [--runs N] | --camera [--seconds S]\n");
        return 2;
    }
    return startup(db, option("--runs", QStringLiteral("5")).toInt());
}
