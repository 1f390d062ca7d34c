#pragma once

// Recognises a handheld keyboard-wedge scanner: a fast burst of keystrokes is
// a scan, wherever the focus is, and is not typed into the focused field.
// Keys are held back for a few milliseconds to tell a burst from a person; a
// person's keys are then delivered as if nothing happened.
//
// Scanners differ, and each way is a scan:
// - a USB HID scanner presses and releases Shift around every capital and
//   shifted sign: part of the burst, never its end;
// - the burst ends in Enter, in Tab, or in nothing (a pause); Tab and a pause
//   end a scan only when what came is a certificate (a KP1 code or a number
//   as printed), since people press Tab and pause too;
// - an AIM symbology identifier sent before the code ("]Q1", "]d2", "]C0")
//   is not part of it.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QKeyEvent;
class QWidget;

namespace kp::ui {

class WedgeScanFilter : public QObject
{
    Q_OBJECT

public:
    explicit WedgeScanFilter(QObject* parent = nullptr);
    ~WedgeScanFilter() override;

    // Longest gap between two keys of one scan; scanners send a key every
    // 1-10 ms, people rarely faster than every 60 ms.
    void setMaxGapMs(int ms) { m_maxGapMs = ms; }
    void setMinLength(int chars) { m_minLength = chars; }
    // While this says so (a dialog is open), only a certificate ends a burst
    // as a scan, whatever its end key: a path or a name typed fast (or pasted
    // by a tool) into a dialog's field stays typing there.
    void setCertificatesOnly(std::function<bool()> when) { m_certificatesOnly = std::move(when); }
    // While this says no (nobody signed in, the desk locked), no key is held
    // or taken as a scan: a password manager types a password as fast as a
    // scanner sends a code, and the sign-in and lock pages take no scans.
    void setTakesScansWhen(std::function<bool()> when) { m_takesScans = std::move(when); }

    // The code without a scanner's AIM symbology identifier ("]Q1KP1:..." is "KP1:...").
    static QString withoutPrefix(const QString& burst);

signals:
    void scanned(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void flushAsTyping();
    // The burst ended (end key or pause): a scan when it is one, else typing.
    bool endBurst(bool certificateOnly);
    bool isScanKey(const QKeyEvent* key) const;
    // Keys for this widget are never a scan's (a password field).
    static bool takesNoScans(const QObject* watched);
    static bool isModifierKey(int key);

    int m_maxGapMs = 35;
    int m_minLength = 4;
    std::function<bool()> m_certificatesOnly;
    std::function<bool()> m_takesScans;
    QString m_buffer;
    std::vector<std::unique_ptr<QKeyEvent>> m_held;
    QPointer<QObject> m_target;
    QElapsedTimer m_sinceLastKey;
    QTimer m_timeout;
    bool m_replaying = false;
};

} // namespace kp::ui
