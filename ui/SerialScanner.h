#pragma once

// A 2D imager on a serial or USB-CDC port (Qt Serial Port): each line it
// sends is a scan. Much faster than a keyboard wedge for a 600-character KP1
// code.

#include <QObject>

class QSerialPort;

namespace kp::ui {

class SerialScanner : public QObject
{
    Q_OBJECT

public:
    explicit SerialScanner(QObject* parent = nullptr);
    ~SerialScanner() override;

    // "ttyACM0", "/dev/ttyUSB0", "COM3", or a pseudo-terminal path.
    bool open(const QString& portName, int baudRate = 115200);
    void close();
    bool isOpen() const;
    QString errorString() const;

    static constexpr qsizetype MaxLine = 64 * 1024; // longer than any KP1 code

signals:
    void scanned(const QString& text);

private:
    void readAvailable();

    QSerialPort* m_port;
    QByteArray m_buffer;
};

} // namespace kp::ui
