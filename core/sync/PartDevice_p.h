#pragma once

// Internal to the sync module: a read-only window [offset, offset + length)
// of a file, so a CBOR reader can never run past its part.

#include <QFile>
#include <QIODevice>

namespace kp {

class PartDevice final : public QIODevice
{
public:
    PartDevice(QFile& file, qint64 offset, qint64 length) : m_file(file), m_offset(offset), m_length(length) {}

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 remaining = m_length - pos();
        if (remaining <= 0)
            return 0;
        if (!m_file.seek(m_offset + pos()))
            return -1;
        return m_file.read(data, qMin(maxSize, remaining));
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QFile& m_file;
    qint64 m_offset;
    qint64 m_length;
};

} // namespace kp
