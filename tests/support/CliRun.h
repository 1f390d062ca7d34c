#pragma once

// Runs kpdesk-cli as a test's user would, and what it said.

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace kp::test {

struct CliRun
{
    int exitCode = -1; // -1: it crashed, or was killed after the time allowed
    QByteArray out;
    QByteArray err;

    QJsonObject json() const;
    QString lastLine() const;
    // Both streams, for a failure's message.
    const char* said() const;

private:
    mutable QByteArray m_both;
};

struct CliOptions
{
    QByteArray input = {}; // on standard input, then closed
    std::optional<QProcessEnvironment> environment = std::nullopt;
    int timeoutMs = 120000;
};

CliRun runCli(const QStringList& args, const CliOptions& options = {});
// Waits for a process started by the test (killed after the time allowed).
CliRun finishCli(QProcess& process, int timeoutMs = 120000);
// The system's environment without a display, as on a server or in cron.
QProcessEnvironment environmentWithoutDisplay();

} // namespace kp::test
