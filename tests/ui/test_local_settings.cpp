// This machine's typed settings: defaults when never set, a value written
// is read back, and the keys stay those desks already have.
#include "TestSupport.h"

#include "LocalSettings.h"

#include <QSettings>
#include <QtTest>

using namespace kp::ui;

class TestLocalSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        kp::test::isolateFromUserMachine();
        QCoreApplication::setOrganizationName(QStringLiteral("kpdesk-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_local_settings"));
    }

    void init() { QSettings().clear(); }

    void defaultsWhenNeverSet()
    {
        QCOMPARE(LocalSettings::serialPort(), QString());
        QCOMPARE(LocalSettings::watchedFolder(), QString());
        QCOMPARE(LocalSettings::sounds(), true);
        QCOMPARE(LocalSettings::language(), QString());
        QCOMPARE(LocalSettings::lastFolder(), QString());
        QCOMPARE(LocalSettings::windowGeometry(), QByteArray());
        QCOMPARE(LocalSettings::windowState(), QByteArray());
        QCOMPARE(LocalSettings::casesDockHeight(), 0);
        QCOMPARE(LocalSettings::caseColumns(), QByteArray());
    }

    void writtenIsReadBack()
    {
        LocalSettings::setSerialPort(QStringLiteral("/dev/ttyACM0"));
        LocalSettings::setWatchedFolder(QStringLiteral("/srv/scans"));
        LocalSettings::setSounds(false);
        LocalSettings::setLanguage(QStringLiteral("fr"));
        LocalSettings::setLastFolder(QStringLiteral("/media/stick"));
        const QByteArray geometry("\x01\xd9\xd0\xcb\x00\x03", 6); // binary, with a zero byte
        LocalSettings::setWindowGeometry(geometry);
        LocalSettings::setWindowState(QByteArrayLiteral("state"));
        LocalSettings::setCasesDockHeight(420);
        LocalSettings::setCaseColumns(geometry);
        QSettings().sync();

        QCOMPARE(LocalSettings::serialPort(), QStringLiteral("/dev/ttyACM0"));
        QCOMPARE(LocalSettings::watchedFolder(), QStringLiteral("/srv/scans"));
        QCOMPARE(LocalSettings::sounds(), false);
        QCOMPARE(LocalSettings::language(), QStringLiteral("fr"));
        QCOMPARE(LocalSettings::lastFolder(), QStringLiteral("/media/stick"));
        QCOMPARE(LocalSettings::windowGeometry(), geometry);
        QCOMPARE(LocalSettings::windowState(), QByteArrayLiteral("state"));
        QCOMPARE(LocalSettings::casesDockHeight(), 420);
        QCOMPARE(LocalSettings::caseColumns(), geometry);

        LocalSettings::setSounds(true);
        QCOMPARE(LocalSettings::sounds(), true);
    }

    // A desk set up before the typed settings keeps what it had.
    void keysAreThoseDesksHave()
    {
        QSettings raw;
        raw.setValue(QStringLiteral("scan/serialPort"), QStringLiteral("COM3"));
        raw.setValue(QStringLiteral("scan/watchedFolder"), QStringLiteral("/home/officer/scans"));
        raw.setValue(QStringLiteral("ui/sound"), false);
        raw.setValue(QStringLiteral("ui/language"), QStringLiteral("ar"));
        raw.setValue(QStringLiteral("ui/lastFolder"), QStringLiteral("/tmp"));
        raw.setValue(QStringLiteral("window/geometry"), QByteArrayLiteral("g"));
        raw.setValue(QStringLiteral("window/state"), QByteArrayLiteral("s"));
        raw.sync();
        QCOMPARE(LocalSettings::serialPort(), QStringLiteral("COM3"));
        QCOMPARE(LocalSettings::watchedFolder(), QStringLiteral("/home/officer/scans"));
        QCOMPARE(LocalSettings::sounds(), false);
        QCOMPARE(LocalSettings::language(), QStringLiteral("ar"));
        QCOMPARE(LocalSettings::lastFolder(), QStringLiteral("/tmp"));
        QCOMPARE(LocalSettings::windowGeometry(), QByteArrayLiteral("g"));
        QCOMPARE(LocalSettings::windowState(), QByteArrayLiteral("s"));
    }
};

QTEST_GUILESS_MAIN(TestLocalSettings)
#include "test_local_settings.moc"
