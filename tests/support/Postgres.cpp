#include "Postgres.h"

#include "Nginx.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kp::test {

namespace {

bool asRoot()
{
    return geteuid() == 0;
}

// Everything under `path` to nobody, when root.
bool handToServerUser(const QString& path)
{
    if (!asRoot())
        return true;
    const passwd* pw = getpwnam("nobody");
    if (!pw)
        return false;
    return ::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) == 0;
}

} // namespace

QString Postgres::binDir()
{
    return QStringLiteral("/usr/lib/postgresql/15/bin");
}

bool Postgres::available()
{
    return QFile::exists(binDir() + QStringLiteral("/initdb")) &&
           QFile::exists(binDir() + QStringLiteral("/pg_ctl")) &&
           QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"));
}

// Under the system's /tmp, which every user may traverse (a test's own
// temporary folder is root's only).
Postgres::Postgres()
    : m_dir(QStringLiteral("/tmp/kpdesk-pg-XXXXXX")), m_port(freePort()),
      m_password(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    if (!m_dir.isValid() || !available())
        return;
    ::chmod(QFile::encodeName(m_dir.path()).constData(), 0700);
    const QString pwfile = m_dir.path() + QStringLiteral("/pwfile");
    QFile f(pwfile);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write(m_password.toUtf8() + '\n');
    f.close();
    if (!handToServerUser(m_dir.path()) || !handToServerUser(pwfile))
        return;
    m_initialized =
        runAsServerUser(binDir() + QStringLiteral("/initdb"),
                        {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("kp"),
                         QStringLiteral("--pwfile=") + pwfile, QStringLiteral("--auth-local=trust"),
                         QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("-E"),
                         QStringLiteral("UTF8"), QStringLiteral("--no-locale"), QStringLiteral("--no-sync")});
}

Postgres::~Postgres()
{
    if (QFile::exists(dataDir() + QStringLiteral("/postmaster.pid")))
        runAsServerUser(binDir() + QStringLiteral("/pg_ctl"),
                        {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("immediate"),
                         QStringLiteral("stop")});
}

QString Postgres::dataDir() const
{
    return m_dir.path() + QStringLiteral("/data");
}

bool Postgres::runAsServerUser(const QString& program, const QStringList& args, int timeoutMs) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir.path());
    if (asRoot())
        p.start(QStringLiteral("runuser"),
                QStringList{QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"), program} +
                    args);
    else
        p.start(program, args);
    const bool ok =
        p.waitForFinished(timeoutMs) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << program << args.join(QLatin1Char(' ')) << p.readAll();
    return ok;
}

bool Postgres::setTls(const QString& certificateFile, const QString& keyFile)
{
    m_tls = false;
    if (certificateFile.isEmpty())
        return true;
    const QString cert = m_dir.path() + QStringLiteral("/server.crt");
    const QString key = m_dir.path() + QStringLiteral("/server.key");
    QFile::remove(cert);
    QFile::remove(key);
    if (!QFile::copy(certificateFile, cert) || !QFile::copy(keyFile, key))
        return false;
    if (::chmod(QFile::encodeName(cert).constData(), 0644) != 0 ||
        ::chmod(QFile::encodeName(key).constData(), 0600) != 0 || !handToServerUser(cert) ||
        !handToServerUser(key))
        return false;
    m_tls = true;
    return true;
}

bool Postgres::start()
{
    if (!m_initialized)
        return false;
    // fsync off: a test server; kill -9 of the server still keeps what the
    // system was given, which is what a crash of the server (not the machine) does.
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                           "-c max_connections=60 -c shared_buffers=16MB")
                                .arg(m_port)
                                .arg(m_dir.path()) +
                            (m_tls ? QStringLiteral(" -c ssl=on -c ssl_cert_file=%1/server.crt "
                                                    "-c ssl_key_file=%1/server.key")
                                         .arg(m_dir.path())
                                   : QStringLiteral(" -c ssl=off"));
    return runAsServerUser(binDir() + QStringLiteral("/pg_ctl"),
                           {QStringLiteral("-D"), dataDir(), QStringLiteral("-o"), options,
                            QStringLiteral("-l"), m_dir.path() + QStringLiteral("/server.log"),
                            QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"),
                            QStringLiteral("start")});
}

bool Postgres::stop()
{
    return runAsServerUser(binDir() + QStringLiteral("/pg_ctl"),
                           {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"),
                            QStringLiteral("-w"), QStringLiteral("stop")});
}

bool Postgres::kill9()
{
    QFile pid(dataDir() + QStringLiteral("/postmaster.pid"));
    if (!pid.open(QIODevice::ReadOnly))
        return false;
    const pid_t postmaster = pid_t(pid.readLine().trimmed().toInt());
    if (postmaster <= 0 || ::kill(postmaster, SIGKILL) != 0)
        return false;
    // Its children end once the postmaster is gone; wait for the port to close.
    for (int i = 0; i < 100 && ::kill(postmaster, 0) == 0; ++i)
        usleep(50000);
    return true;
}

QString Postgres::url(const QString& database, bool withPassword) const
{
    return QStringLiteral("postgresql://kp%1@127.0.0.1:%2/%3")
        .arg(withPassword ? QLatin1Char(':') + m_password : QString())
        .arg(m_port)
        .arg(database);
}

bool Postgres::exec(const QStringList& statements, const QString& database) const
{
    const QString name = QStringLiteral("kp-test-pg-") + QUuid::createUuid().toString();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setDatabaseName(database);
        db.setUserName(QStringLiteral("kp"));
        db.setPassword(m_password);
        ok = db.open();
        if (!ok)
            qWarning() << "postgres:" << db.lastError().text();
        for (const QString& sql : statements) {
            if (!ok)
                break;
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                qWarning() << "postgres:" << sql << q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

qint64 Postgres::number(const QString& query, const QString& database) const
{
    const QString name = QStringLiteral("kp-test-pg-") + QUuid::createUuid().toString();
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setDatabaseName(database);
        db.setUserName(QStringLiteral("kp"));
        db.setPassword(m_password);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(query) && q.next())
                value = q.value(0).toLongLong();
            else
                qWarning() << "postgres:" << query << q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace kp::test
