#pragma once

// A real nginx (Debian's nginx-light) on a loopback port with its own
// configuration, in the foreground, for the tests that talk to a web server
// (sync over HTTP(S), the outbox's PUT with client certificates).

#include <QProcess>
#include <QString>

namespace kp::test {

quint16 freePort();

// Runs a program to its end; false (with its output logged) when it fails.
bool runProgram(const QString& program, const QStringList& args);

class Nginx
{
public:
    // Serves `root`; TLS when certPath is given; `serverExtra` goes inside the
    // server block (client-certificate checks, WebDAV locations, ...).
    Nginx(const QString& workDir, const QString& root, const QString& certPath = {},
          const QString& keyPath = {}, const QString& serverExtra = {});
    ~Nginx();
    Nginx(const Nginx&) = delete;
    Nginx& operator=(const Nginx&) = delete;

    static QString nginxPath();
    bool running() const { return m_process.state() == QProcess::Running; }
    QString output();
    QString url(const QString& scheme = QStringLiteral("http")) const;
    QString accessLog() const;
    quint16 port() const { return m_port; }

private:
    QString m_dir;
    quint16 m_port;
    QProcess m_process;
};

// A CA and a server certificate for 127.0.0.1, made with the openssl tool in
// `dir`: ca.pem, ca.key, server.pem, server.key. False when the tool fails.
bool makeServerTls(const QString& dir);

} // namespace kp::test
