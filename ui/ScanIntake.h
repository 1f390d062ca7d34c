#pragma once

// Every way a certificate reaches the desk, in one place: image files
// opened, dropped or saved into a watched folder, images pasted, the
// keyboard-wedge scanner, the serial 2D imager and the camera. Each input
// comes out as one of two answers:
// - textRead: a text to verify, with how it was read and the image it came from;
// - unreadable: nothing to verify, and why (no barcode, a damaged file).
// Images are decoded on a worker thread (a 600-dpi page takes seconds). The
// intake verifies nothing and records nothing: the window decides whether a
// scan may be taken (someone signed in, the desk not locked); the intake
// only keeps every input from the window while another dialog is in front
// (modal or not): a dialog that can use a certificate (ScanTarget: Find)
// gets it, any other leaves it unverified with "close the dialog to verify". Images are
// read as kpdesk-cli reads them (kp::scanImageFile): the KP1 code among several.

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>

class QFileSystemWatcher;
class QMimeData;

namespace kp::ui {

class SerialScanner;
class WedgeScanFilter;

class ScanIntake : public QObject
{
    Q_OBJECT

public:
    explicit ScanIntake(QObject* parent = nullptr);
    ~ScanIntake() override;

    // An image file (opened, dropped or found in the watched folder).
    void openImage(const QString& path);
    // An image already in memory; whereFrom names it in the reason ("pasted").
    void scanImage(const QImage& image, const QString& whereFrom);
    // The clipboard's image, else its text, else the reason there is neither.
    void paste();

    // Whether a drag carries something the intake can read (files or an image).
    static bool canTake(const QMimeData* mime);
    // Every local file of a drop, or its image.
    void takeDrop(const QMimeData* mime);

    // New image files saved into the folder are read, each once; what is
    // there already is old. Empty (or a folder that is not there): none.
    void setWatchedFolder(const QString& folder);
    QString watchedFolder() const { return m_watchedFolder; }

    // The keyboard-wedge scanner (the window installs the filter on the
    // application). Any input's answer (a text or the reason there is none)
    // due while a dialog other than `owner` is the active window (or a modal
    // one is open) never reaches the owner: the officer would not see it.
    // A text goes to that dialog when it is a ScanTarget, else is refused.
    WedgeScanFilter* wedgeFilter() const { return m_wedge; }
    void setModalOwner(QWidget* owner) { m_owner = owner; }

    // The 2D imager's port (empty: none); false when it cannot be opened
    // (serialScanner()->errorString() says why).
    bool useSerialPort(const QString& port);
    SerialScanner* serialScanner() const { return m_serial; }

    // A camera's decoded code (CameraPanel::scanned).
    void takeCameraScan(const QString& text, const QString& symbology, const QImage& frame);

    // Images being read on the worker thread.
    int readsRunning() const { return m_running; }

signals:
    void textRead(const QString& text, const QString& symbology, const QImage& image);
    void unreadable(const QString& reason);
    // A scanner's scan not taken, and why (a dialog in front).
    void refused(const QString& message);

private:
    struct ImageRead; // the worker's answer
    void readInBackground(std::function<ImageRead()> work);
    void takeWedgeScan(const QString& text);
    // The dialog in front of the owner: a modal one open, or a dialog
    // (modal or not) that is the active window; null when there is none.
    QWidget* otherDialog() const;
    // Refuses (with the words, on the dialog) when a dialog is in front.
    bool refuseWhileDialogOpen();
    void deliverText(const QString& text, const QString& symbology, const QImage& image);
    void deliverUnreadable(const QString& reason);
    void scanWatchedFolder();

    WedgeScanFilter* m_wedge;
    SerialScanner* m_serial;
    QPointer<QWidget> m_owner;
    QFileSystemWatcher* m_watcher = nullptr;
    QString m_watchedFolder;
    QSet<QString> m_seenInFolder;
    int m_running = 0;
};

} // namespace kp::ui
