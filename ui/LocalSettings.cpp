#include "LocalSettings.h"

#include <QSettings>
#include <QVariant>

namespace kp::ui::LocalSettings {

namespace {

struct Key
{
    const char* name;
    QVariant fallback;
};

const Key SerialPort{"scan/serialPort", QString()};
const Key Sounds{"ui/sound", true};

QVariant get(const Key& key)
{
    return QSettings().value(QString::fromLatin1(key.name), key.fallback);
}

void set(const Key& key, const QVariant& value)
{
    QSettings().setValue(QString::fromLatin1(key.name), value);
}

} // namespace

QString serialPort()
{
    return get(SerialPort).toString();
}

void setSerialPort(const QString& port)
{
    set(SerialPort, port);
}

bool sounds()
{
    return get(Sounds).toBool();
}

void setSounds(bool on)
{
    set(Sounds, on);
}

} // namespace kp::ui::LocalSettings
