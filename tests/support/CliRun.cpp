#include "CliRun.h"

#include "TestSupport.h"

#include <QJsonDocument>

namespace kp::test {

QJsonObject CliRun::json() const
{
    return QJsonDocument::fromJson(out).object();
}

QString CliRun::lastLine() const
{
    return QString::fromUtf8(out).trimmed().split(QLatin1Char('\n')).last();
}

const char* CliRun::said() const
{
    m_both = out + err;
    return m_both.constData();
}

CliRun finishCli(QProcess& process, int timeoutMs)
{
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    CliRun r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

CliRun runCli(const QStringList& args, const CliOptions& options)
{
    QProcess p;
    if (options.environment)
        p.setProcessEnvironment(*options.environment);
    p.start(cliPath(), args);
    p.waitForStarted();
    if (!options.input.isEmpty())
        p.write(options.input);
    p.closeWriteChannel();
    return finishCli(p, options.timeoutMs);
}

QProcessEnvironment environmentWithoutDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    return env;
}

} // namespace kp::test
