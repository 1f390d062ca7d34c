#include "ScanIntake.h"

#include "ScanTarget.h"
#include "SerialScanner.h"
#include "WedgeScanFilter.h"

#include "verify/ImageScan.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QMimeData>
#include <QTimer>
#include <QToolTip>
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
    ScanInput scan;
    QImage image;
};

ScanIntake::ScanIntake(QObject* parent)
    : QObject(parent), m_wedge(new WedgeScanFilter(this)), m_serial(new SerialScanner(this))
{
    connect(m_wedge, &WedgeScanFilter::scanned, this, &ScanIntake::takeWedgeScan);
    m_wedge->setCertificatesOnly([this] { return otherDialog() != nullptr; });
    connect(m_serial, &SerialScanner::scanned, this,
            [this](const QString& text) { deliverText(text, tr("serial scanner"), {}); });
}

ScanIntake::~ScanIntake() = default;

void ScanIntake::openImage(const QString& path)
{
    readInBackground([path] {
        ImageRead r;
        // The command line's reading, so both choose the same code (the KP1
        // one among several). The reader sets its own allocation limit: a
        // 600-dpi A4 page is read.
        auto found = scanImageFile(path, &r.image);
        if (found)
            r.scan = *found;
        else if (found.error().code == QLatin1String("scan.no-barcode"))
            r.error =
                tr("No barcode was found in %1. Scan it again, or type the certificate number.").arg(path);
        else
            r.error = found.error().message;
        return r;
    });
}

void ScanIntake::scanImage(const QImage& image, const QString& whereFrom)
{
    readInBackground([image, whereFrom] {
        ImageRead r;
        r.image = image;
        auto found = kp::scanImage(image);
        if (found)
            r.scan = *found;
        else
            r.error = tr("No barcode was found in the %1 image.").arg(whereFrom);
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
            deliverUnreadable(r.error);
        else
            deliverText(r.scan.text, r.scan.symbology, r.image);
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
        deliverUnreadable(tr("The clipboard holds no image and no text."));
        return;
    }
    deliverText(text, {}, {});
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
    deliverText(text, tr("keyboard-wedge scanner"), {});
}

QWidget* ScanIntake::otherDialog() const
{
    if (QWidget* modal = QApplication::activeModalWidget(); modal && modal != m_owner)
        return modal;
    // Find and a case are not modal: in front, they hide the window's verdict.
    QWidget* active = QApplication::activeWindow();
    if (active && active != m_owner && qobject_cast<QDialog*>(active))
        return active;
    return nullptr;
}

bool ScanIntake::refuseWhileDialogOpen()
{
    // One rule for every input, checked when its answer is handed on (an
    // image read on the worker may finish after a dialog was opened): a
    // dialog in front (a flag being written, a case, Find) hides the
    // window, and neither a new verdict nor "nothing verified" may land
    // behind it unseen. Nothing is verified or recorded.
    QWidget* dialog = otherDialog();
    if (!dialog)
        return false;
    const QString message = tr("Scan ignored: close the dialog to verify, then scan again.");
    // Said where the officer looks: on the dialog, and in the window's status.
    QToolTip::showText(dialog->mapToGlobal(dialog->rect().center()), message, dialog, {}, 10000);
    emit refused(message);
    return true;
}

void ScanIntake::deliverText(const QString& text, const QString& symbology, const QImage& image)
{
    QWidget* dialog = otherDialog();
    if (auto* target = dynamic_cast<ScanTarget*>(dialog)) {
        target->takeScan(text); // not verified: the dialog uses it as it can
        return;
    }
    if (!refuseWhileDialogOpen())
        emit textRead(text, symbology, image);
}

void ScanIntake::deliverUnreadable(const QString& reason)
{
    if (!refuseWhileDialogOpen())
        emit unreadable(reason);
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
    deliverText(text, symbology.isEmpty() ? tr("camera") : symbology, frame);
}

} // namespace kp::ui
