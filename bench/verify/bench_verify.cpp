// Scan to verdict and text to verdict on a demo desk: median and 99th
// percentile of the wall time, and the median of the thread's CPU time (on
// a shared machine the wall time is the load's too), and which of the
// reader's looks found the photo's code (every run makes a new demo desk, so
// a new code). Usage: bench_verify
// [--runs N] [--text-only]
#include "DeskPhoto.h"
#include "authority/DemoDesk.h"
#include "barcode/BarcodeReader.h"
#include "barcode/BarcodeWriter.h"
#include "cache/CacheDatabase.h"
#include "util/Clock.h"
#include "verify/ImageScan.h"
#include "verify/Verifier.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTransform>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace kp;

namespace {

struct Stats
{
    double median = 0;
    double p99 = 0;
};

// This thread's CPU time in ms.
double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// ZXing calls on the half-size copy of the photo, from the reader's debug log.
int halfSizeCalls = 0;
void countHalfSizeCalls(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    if (context.category && qstrcmp(context.category, "kpdesk.barcode") == 0 &&
        message.contains(QLatin1String("QSize(960, 540)")))
        ++halfSizeCalls;
}

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]};
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int runs = 300;
    const QStringList args = app.arguments();
    if (const auto i = args.indexOf(QStringLiteral("--runs")); i > 0 && i + 1 < args.size())
        runs = args[i + 1].toInt();
    const bool textOnly = args.contains(QStringLiteral("--text-only")); // for profiling

    QTemporaryDir dir;
    SystemClock clock;
    auto desk = buildDemoDesk(dir.filePath(QStringLiteral("demo")), clock);
    if (!desk) {
        std::fprintf(stderr, "demo desk: %s\n", qPrintable(desk.error().message));
        return 1;
    }
    auto db = CacheDatabase::open(desk->dbPath, CacheDatabase::OpenMode::MustExist);
    const Verifier verifier(**db, clock);
    const QString text = desk->samples.first().text; // genuine, ES256
    auto code = BarcodeWriter::render(text, BarcodeWriter::Symbology::Qr, 4, 4);
    const QImage photo = kp::test::deskPhoto(*code);

    std::vector<double> scanMs;
    std::vector<double> textMs;
    std::vector<double> scanCpuMs;
    std::vector<double> textCpuMs;
    QString verdict;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        double cpu = cpuMs();
        if (textOnly) {
            textMs.push_back(0);
            t.restart();
            cpu = cpuMs();
            verifier.verify(ScanInput{text, {}, {}});
            textMs.back() = double(t.nsecsElapsed()) / 1e6;
            textCpuMs.push_back(cpuMs() - cpu);
            scanMs.push_back(0);
            scanCpuMs.push_back(0);
            continue;
        }
        auto input = scanImage(photo);
        if (!input) {
            std::fprintf(stderr, "photo did not read\n");
            return 1;
        }
        const Inspection insp = verifier.verify(*input);
        scanMs.push_back(double(t.nsecsElapsed()) / 1e6);
        scanCpuMs.push_back(cpuMs() - cpu);
        verdict = verdictName(insp.verdict);

        t.restart();
        cpu = cpuMs();
        const Inspection fromText = verifier.verify(ScanInput{text, {}, {}});
        textMs.push_back(double(t.nsecsElapsed()) / 1e6);
        textCpuMs.push_back(cpuMs() - cpu);
    }
    const char* lookName = "-";
    if (!textOnly) {
        BarcodeReader::Look look = BarcodeReader::Look::None;
        QLoggingCategory::setFilterRules(QStringLiteral("kpdesk.barcode.debug=true"));
        const QtMessageHandler before = qInstallMessageHandler(countHalfSizeCalls);
        BarcodeReader(BarcodeReader::Mode::StopAtKp1).read(photo, &look);
        qInstallMessageHandler(before);
        using L = BarcodeReader::Look;
        lookName = look == L::QuickHalfSize   ? "the quick look at half size"
                   : look == L::QuickFullSize ? "the quick look at full size"
                   : look == L::FullPasses    ? "the full passes"
                                              : "none";
    }
    const Stats scan = stats(scanMs);
    const Stats typed = stats(textMs);
    const Stats scanCpu = stats(scanCpuMs);
    const Stats typedCpu = stats(textCpuMs);
    QTextStream out(stdout);
    out << "runs: " << runs << ", verdict: " << verdict << ", KP1 text: " << text.size() << " chars\n"
        << "scan to verdict (1920x1080 photo, QR): median " << QString::number(scan.median, 'f', 2)
        << " ms, p99 " << QString::number(scan.p99, 'f', 2) << " ms (CPU median "
        << QString::number(scanCpu.median, 'f', 2) << " ms)\n"
        << "text to verdict:                       median " << QString::number(typed.median, 'f', 3)
        << " ms, p99 " << QString::number(typed.p99, 'f', 3) << " ms (CPU median "
        << QString::number(typedCpu.median, 'f', 3) << " ms)\n"
        << "photo's code found by: " << lookName << " (ZXing calls at half size: " << halfSizeCalls << ")\n";
    return 0;
}
