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

// Every key, with what it is worth when never set.
const Key SerialPort{"scan/serialPort", QString()};
const Key WatchedFolder{"scan/watchedFolder", QString()};
const Key Sounds{"ui/sound", true};
const Key Language{"ui/language", QString()};
const Key LastFolder{"ui/lastFolder", QString()};
const Key WindowGeometry{"window/geometry", QByteArray()};
const Key WindowState{"window/state", QByteArray()};
const Key CasesDockHeight{"cases/dockHeight", 0};
const Key CaseColumns{"cases/columns", QByteArray()};

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

QString watchedFolder()
{
    return get(WatchedFolder).toString();
}

void setWatchedFolder(const QString& folder)
{
    set(WatchedFolder, folder);
}

bool sounds()
{
    return get(Sounds).toBool();
}

void setSounds(bool on)
{
    set(Sounds, on);
}

QString language()
{
    return get(Language).toString();
}

void setLanguage(const QString& language)
{
    set(Language, language);
}

QString lastFolder()
{
    return get(LastFolder).toString();
}

void setLastFolder(const QString& folder)
{
    set(LastFolder, folder);
}

QByteArray windowGeometry()
{
    return get(WindowGeometry).toByteArray();
}

void setWindowGeometry(const QByteArray& geometry)
{
    set(WindowGeometry, geometry);
}

QByteArray windowState()
{
    return get(WindowState).toByteArray();
}

void setWindowState(const QByteArray& state)
{
    set(WindowState, state);
}

int casesDockHeight()
{
    return get(CasesDockHeight).toInt();
}

void setCasesDockHeight(int height)
{
    set(CasesDockHeight, height);
}

QByteArray caseColumns()
{
    return get(CaseColumns).toByteArray();
}

void setCaseColumns(const QByteArray& state)
{
    set(CaseColumns, state);
}

} // namespace kp::ui::LocalSettings
