// Every picture the desk accepts gets its answer in time (issue 18 item 10):
// a 33 KB checkerboard PNG kept ZXing 1.4's Data Matrix detector busy for
// 18.7 s in a verification and 68 s in `kpdesk-cli decode`. Such pictures
// answer "no barcode" within 2 s in the verifier's reading and 5 s in
// `decode`. (The passes' other codes are read as before: test_barcodes.)
#include "CliRun.h"
#include "TestSupport.h"
#include "barcode/BarcodeReader.h"

#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>
#include <sys/resource.h>

using namespace kp;
using namespace kp::test;

namespace {

// What kind of fine structure fills the picture.
enum class Pattern { Checkerboard, Columns, Rows };

QImage finePattern(int width, int height, int square, Pattern pattern)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y) {
        uchar* row = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const int cell = pattern == Pattern::Columns ? x / square
                             : pattern == Pattern::Rows  ? y / square
                                                         : x / square + y / square;
            row[x] = (cell & 1) ? 255 : 0;
        }
    }
    return image;
}

QByteArray asPng(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The reader's work in CPU time (it reads on one thread): the wall clock also
// counts whatever else a loaded test machine runs.
qint64 cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1'000'000;
}

// CPU time of the children waited for so far.
qint64 childrenCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// The promise (2 s, 5 s) is for the shipped, optimised build, which the
// normal test run holds it to. The unoptimised ASan build runs the reader's
// own pixel work (the run census, the scaled copies) some 30 times slower,
// measured at 8.8-9.2 s for the 33 KB checkerboard while ZXing's calls took
// under 1 s: there the test still shows that the work ends, well bounded.
constexpr qint64 slowdown()
{
#if defined(__SANITIZE_ADDRESS__)
    return 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return 10;
#else
    return 1;
#endif
#else
    return 1;
#endif
}

} // namespace

class TestBarcodeBudget : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writePng(const QString& name, const QImage& image, qint64* size = nullptr)
    {
        const QByteArray png = asPng(image);
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(png) != png.size())
            return {};
        if (size)
            *size = png.size();
        return path;
    }

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void finePatternsAnswerInTime_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("square");
        QTest::addColumn<int>("pattern");
        const int board = int(Pattern::Checkerboard);
        // The picture: a 33 KB PNG of 1-pixel squares.
        QTest::newRow("33 KB checkerboard, 1 px") << 5300 << 1 << board;
        QTest::newRow("checkerboard, 1 px, 2000 px") << 2000 << 1 << board;
        QTest::newRow("checkerboard, 2 px") << 4000 << 2 << board;
        QTest::newRow("checkerboard, 3 px") << 4000 << 3 << board;
        QTest::newRow("stripes across, 1 px") << 3000 << 1 << int(Pattern::Columns);
        QTest::newRow("stripes down, 1 px") << 3000 << 1 << int(Pattern::Rows);
    }
    void finePatternsAnswerInTime()
    {
        QFETCH(int, size);
        QFETCH(int, square);
        QFETCH(int, pattern);
        qint64 bytes = 0;
        const QString path =
            writePng(QStringLiteral("pattern-%1-%2-%3.png").arg(size).arg(square).arg(pattern),
                     finePattern(size, size, square, Pattern(pattern)), &bytes);
        QVERIFY(!path.isEmpty());
        for (const auto mode : {BarcodeReader::Mode::StopAtKp1, BarcodeReader::Mode::ListAll}) {
            const qint64 start = cpuMs();
            const auto codes = BarcodeReader(mode).readFile(path);
            const qint64 ms = cpuMs() - start;
            qInfo("%lld bytes, mode %d: %lld ms", bytes, int(mode), ms);
            QVERIFY2(codes.ok(), qPrintable(codes.ok() ? QString() : codes.error().message));
            QVERIFY(codes->isEmpty());
            QVERIFY2(ms < 2000 * slowdown(), qPrintable(QStringLiteral("%1 ms").arg(ms)));
        }
    }

    // The command line reads the picture in its own process.
    void decodeAnswersWithinFiveSeconds()
    {
        qint64 bytes = 0;
        const QString path = writePng(QStringLiteral("checkerboard.png"),
                                      finePattern(5300, 5300, 1, Pattern::Checkerboard), &bytes);
        QVERIFY(!path.isEmpty());
        QVERIFY2(bytes > 20 * 1024 && bytes < 60 * 1024, qPrintable(QString::number(bytes)));
        const qint64 before = childrenCpuMs();
        const CliRun r = runCli({QStringLiteral("decode"), path}, {.timeoutMs = 60000});
        const qint64 ms = childrenCpuMs() - before;
        qInfo("decode: %lld ms of CPU", ms);
        QVERIFY2(r.exitCode == 3, r.said()); // nothing to verify: no barcode
        QVERIFY2(r.out.contains("no barcode found"), r.said());
        QVERIFY2(ms < 5000 * slowdown(), qPrintable(QStringLiteral("%1 ms").arg(ms)));
    }
};

QTEST_MAIN(TestBarcodeBudget)
#include "test_barcode_budget.moc"
