#pragma once

// Recognises a handheld keyboard-wedge scanner: a fast burst of keystrokes
// ending in Enter is a scan, wherever the focus is, and is not typed into the
// focused field. Keys are held back for a few milliseconds to tell a burst
// from a person; a person's keys are then delivered as if nothing happened.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

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

signals:
    void scanned(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void flushAsTyping();
    bool isScanKey(const QKeyEvent* key) const;
    static bool isModifierKey(int key);

    int m_maxGapMs = 35;
    int m_minLength = 4;
    QString m_buffer;
    std::vector<std::unique_ptr<QKeyEvent>> m_held;
    QPointer<QObject> m_target;
    QElapsedTimer m_sinceLastKey;
    QTimer m_timeout;
    bool m_replaying = false;
};

} // namespace kp::ui
