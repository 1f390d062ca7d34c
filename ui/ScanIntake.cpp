#include "ScanIntake.h"

#include "SerialScanner.h"
#include "WedgeScanFilter.h"

#include "barcode/BarcodeReader.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QMimeData>
#include <QTimer>
#include <QUrl>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace kp::ui {

namespace {

bool isImageFile(const QString& path)
{
    static const QStringList suffixes{QStringLiteral("png"), QStringLiteral("jpg"),  QStringLiteral("jpeg"),
                                      QStringLiteral("tif"), QStringLiteral("tiff"), QStringLiteral("bmp")};
    return suffixes.contains(QFileInfo(path).suffix().toLower());
}

} // namespace

struct ScanIntake::ImageRead
{
    QString error;
    DecodedBarcode barcode;
    QImage image;
};

ScanIntake::ScanIntake(QObject* parent)
    : QObject(parent), m_wedge(new WedgeScanFilter(this)), m_serial(new SerialScanner(this))
{
    connect(m_wedge, &WedgeScanFilter::scanned, this, &ScanIntake::takeWedgeScan);
    connect(m_serial, &SerialScanner::scanned, this,
            [this](const QString& text) { emit textRead(text, tr("serial scanner"), {}); });
}

ScanIntake::~ScanIntake() = default;

void ScanIntake::openImage(const QString& path)
{
    readInBackground([path] {
        ImageRead r;
        // The reader sets its own allocation limit: a 600-dpi A4 page is read.
        const auto found = BarcodeReader(BarcodeReader::Mode::StopAtKp1).readFile(path, &r.image);
        if (!found)
            r.error = found.error().message;
        else if (found->isEmpty())
            r.error =
                tr("No barcode was found in %1. Scan it again, or type the certificate number.").arg(path);
        else
            r.barcode = found->first();
        return r;
    });
}

void ScanIntake::scanImage(const QImage& image, const QString& whereFrom)
{
    readInBackground([image, whereFrom] {
        ImageRead r;
        r.image = image;
        const QList<DecodedBarcode> found = BarcodeReader(BarcodeReader::Mode::StopAtKp1).read(image);
        if (found.isEmpty())
            r.error = tr("No barcode was found in the %1 image.").arg(whereFrom);
        else
            r.barcode = found.first();
        return r;
    });
}

void ScanIntake::readInBackground(std::function<ImageRead()> work)
{
    // Reading a 12-megapixel photo takes far longer than a frame: never on the GUI thread.
    auto* watcher = new QFutureWatcher<ImageRead>(this);
    ++m_running;
    connect(watcher, &QFutureWatcher<ImageRead>::finished, this, [this, watcher] {
        const ImageRead r = watcher->result();
        watcher->deleteLater();
        --m_running;
        if (!r.error.isEmpty())
            emit unreadable(r.error);
        else
            emit textRead(r.barcode.text, r.barcode.symbology, r.image);
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void ScanIntake::paste()
{
    const QImage image = QApplication::clipboard()->image();
    if (!image.isNull()) {
        scanImage(image, tr("pasted"));
        return;
    }
    const QString text = QApplication::clipboard()->text().trimmed();
    if (text.isEmpty()) {
        emit unreadable(tr("The clipboard holds no image and no text."));
        return;
    }
    emit textRead(text, {}, {});
}

bool ScanIntake::canTake(const QMimeData* mime)
{
    return mime && (mime->hasUrls() || mime->hasImage());
}

void ScanIntake::takeDrop(const QMimeData* mime)
{
    if (!mime)
        return;
    if (mime->hasUrls()) {
        for (const QUrl& url : mime->urls())
            if (url.isLocalFile())
                openImage(url.toLocalFile());
    } else if (mime->hasImage()) {
        scanImage(qvariant_cast<QImage>(mime->imageData()), tr("dropped"));
    }
}

void ScanIntake::setWatchedFolder(const QString& folder)
{
    delete m_watcher;
    m_watcher = nullptr;
    m_watchedFolder = folder;
    m_seenInFolder.clear();
    if (folder.isEmpty() || !QDir(folder).exists())
        return;
    // Files already there are old scans, not new arrivals.
    for (const QString& f : QDir(folder).entryList(QDir::Files))
        m_seenInFolder.insert(f);
    m_watcher = new QFileSystemWatcher({folder}, this);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        // A scanner writes a file over a moment: look again shortly after.
        QTimer::singleShot(400, this, &ScanIntake::scanWatchedFolder);
    });
}

void ScanIntake::scanWatchedFolder()
{
    for (const QString& f : QDir(m_watchedFolder).entryList(QDir::Files, QDir::Time | QDir::Reversed)) {
        if (m_seenInFolder.contains(f) || !isImageFile(f))
            continue;
        m_seenInFolder.insert(f);
        openImage(QDir(m_watchedFolder).filePath(f));
    }
}

void ScanIntake::takeWedgeScan(const QString& text)
{
    // A dialog open (a flag being written) is about the inspection on
    // screen: a scan now would put another one under it.
    if (QWidget* dialog = QApplication::activeModalWidget(); dialog && dialog != m_owner) {
        emit refused(tr("Scan ignored: close the open window first, then scan again."));
        return;
    }
    emit textRead(text, tr("keyboard-wedge scanner"), {});
}

bool ScanIntake::useSerialPort(const QString& port)
{
    m_serial->close();
    if (port.isEmpty())
        return true;
    return m_serial->open(port);
}

void ScanIntake::takeCameraScan(const QString& text, const QString& symbology, const QImage& frame)
{
    emit textRead(text, symbology.isEmpty() ? tr("camera") : symbology, frame);
}

} // namespace kp::ui
