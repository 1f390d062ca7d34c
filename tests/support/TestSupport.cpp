#include "TestSupport.h"

#include "accounts/PasswordHash.h"

#include <QFile>
#include <QLocale>
#include <QStandardPaths>

namespace kp::test {

QString sharedDir()
{
    return qEnvironmentVariable("KPDESK_SHARED_DIR");
}

QString vectorsDir()
{
    // A copy of ../shared/vectors kept in the repository, so CI needs no
    // checkout beside the project.
    return testDataDir() + QStringLiteral("/vectors");
}

QString testDataDir()
{
    return qEnvironmentVariable("KPDESK_TEST_DATA");
}

QString cliPath()
{
    return qEnvironmentVariable("KPDESK_CLI");
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray fromHex(const QString& hex)
{
    return QByteArray::fromHex(hex.toLatin1());
}

void isolateFromUserMachine()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    ScryptParams::useLighterInTests(); // the programs the tests start keep the desk's
}

} // namespace kp::test
