#include "Nginx.h"

#include "TestSupport.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace kp::test {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool runProgram(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok = p.waitForFinished(60000) && p.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << p.readAll();
    return ok;
}

Nginx::Nginx(const QString& workDir, const QString& root, const QString& certPath, const QString& keyPath,
             const QString& serverExtra)
    : m_dir(workDir), m_port(freePort())
{
    QDir().mkpath(m_dir + QStringLiteral("/logs"));
    QDir().mkpath(m_dir + QStringLiteral("/tmp"));
    const bool tls = !certPath.isEmpty();
    const QString conf =
        QStringLiteral("error_log %1/logs/error.log;\n"
                       "pid %1/nginx.pid;\n"
                       "events { worker_connections 64; }\n"
                       "http {\n"
                       "  access_log %1/logs/access.log;\n"
                       "  client_body_temp_path %1/tmp; proxy_temp_path %1/tmp; fastcgi_temp_path %1/tmp;\n"
                       "  uwsgi_temp_path %1/tmp; scgi_temp_path %1/tmp;\n"
                       "  types { application/octet-stream kpsync; }\n"
                       "  server {\n"
                       "    listen 127.0.0.1:%2 %3;\n"
                       "    %4\n"
                       "    root %5;\n"
                       "    %6\n"
                       "  }\n"
                       "}\n")
            .arg(m_dir)
            .arg(m_port)
            .arg(tls ? QStringLiteral("ssl") : QString())
            .arg(tls ? QStringLiteral("ssl_certificate %1; ssl_certificate_key %2;").arg(certPath, keyPath)
                     : QString())
            .arg(root, serverExtra);
    QFile f(m_dir + QStringLiteral("/nginx.conf"));
    if (f.open(QIODevice::WriteOnly))
        f.write(conf.toUtf8());
    f.close();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(nginxPath(),
                    {QStringLiteral("-p"), m_dir, QStringLiteral("-c"), m_dir + QStringLiteral("/nginx.conf"),
                     QStringLiteral("-g"), QStringLiteral("daemon off; master_process off;")});
    m_process.waitForStarted();
    // Ready when the port answers.
    for (int i = 0; i < 100; ++i) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        if (s.waitForConnected(100))
            return;
        QThread::msleep(50);
    }
}

Nginx::~Nginx()
{
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
}

QString Nginx::nginxPath()
{
    const QString inPath = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    return inPath.isEmpty()
               ? QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")})
               : inPath;
}

QString Nginx::output()
{
    return QString::fromUtf8(m_process.readAll()) +
           QString::fromUtf8(readFile(m_dir + QStringLiteral("/logs/error.log")));
}

QString Nginx::url(const QString& scheme) const
{
    return QStringLiteral("%1://127.0.0.1:%2/").arg(scheme).arg(m_port);
}

QString Nginx::accessLog() const
{
    return QString::fromUtf8(readFile(m_dir + QStringLiteral("/logs/access.log")));
}

bool makeServerTls(const QString& dir)
{
    QDir().mkpath(dir);
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return false;
    const QString ec = QStringLiteral("ec_paramgen_curve:P-256");
    if (!runProgram(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                              QStringLiteral("ec"), QStringLiteral("-pkeyopt"), ec, QStringLiteral("-nodes"),
                              QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                              QStringLiteral("/CN=KP test CA"), QStringLiteral("-keyout"),
                              dir + QStringLiteral("/ca.key"), QStringLiteral("-out"),
                              dir + QStringLiteral("/ca.pem")}))
        return false;
    if (!runProgram(openssl, {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                              QStringLiteral("-pkeyopt"), ec, QStringLiteral("-nodes"),
                              QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                              QStringLiteral("-keyout"), dir + QStringLiteral("/server.key"),
                              QStringLiteral("-out"), dir + QStringLiteral("/server.csr")}))
        return false;
    QFile ext(dir + QStringLiteral("/ext.cnf"));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    ext.close();
    return runProgram(openssl, {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                                dir + QStringLiteral("/server.csr"), QStringLiteral("-CA"),
                                dir + QStringLiteral("/ca.pem"), QStringLiteral("-CAkey"),
                                dir + QStringLiteral("/ca.key"), QStringLiteral("-CAcreateserial"),
                                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                                ext.fileName(), QStringLiteral("-out"), dir + QStringLiteral("/server.pem")});
}

} // namespace kp::test
