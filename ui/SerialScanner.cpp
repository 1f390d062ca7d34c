#include "SerialScanner.h"

#include <QSerialPort>

namespace kp::ui {

SerialScanner::SerialScanner(QObject* parent) : QObject(parent), m_port(new QSerialPort(this))
{
    connect(m_port, &QSerialPort::readyRead, this, &SerialScanner::readAvailable);
}

SerialScanner::~SerialScanner() = default;

bool SerialScanner::open(const QString& portName, int baudRate)
{
    close();
    m_port->setPortName(portName);
    if (!m_port->open(QIODevice::ReadOnly))
        return false;
    m_port->setBaudRate(baudRate);
    m_port->setDataBits(QSerialPort::Data8);
    m_port->setParity(QSerialPort::NoParity);
    m_port->setStopBits(QSerialPort::OneStop);
    m_port->setFlowControl(QSerialPort::NoFlowControl);
    return true;
}

void SerialScanner::close()
{
    if (m_port->isOpen())
        m_port->close();
    m_buffer.clear();
}

bool SerialScanner::isOpen() const
{
    return m_port->isOpen();
}

QString SerialScanner::errorString() const
{
    return m_port->errorString();
}

void SerialScanner::readAvailable()
{
    m_buffer += m_port->readAll();
    for (;;) {
        const qsizetype end = m_buffer.indexOf('\r') >= 0 && (m_buffer.indexOf('\n') < 0 ||
                                                              m_buffer.indexOf('\r') < m_buffer.indexOf('\n'))
                                  ? m_buffer.indexOf('\r')
                                  : m_buffer.indexOf('\n');
        if (end < 0)
            break;
        const QString line = QString::fromUtf8(m_buffer.left(end)).trimmed();
        m_buffer.remove(0, end + 1);
        if (!line.isEmpty())
            emit scanned(line);
    }
    if (m_buffer.size() > MaxLine) // noise, or a scanner set to send no line end
        m_buffer.clear();
}

} // namespace kp::ui
