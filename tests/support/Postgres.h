#pragma once

// A real PostgreSQL 15 (Debian's postgresql-15) for the office's tests:
// initdb and pg_ctl in a temporary folder, listening on 127.0.0.1 on a free
// port with its unix socket in that folder. PostgreSQL refuses to run as
// root, and CI runs as root: then every server command runs as `nobody`
// (runuser), in a folder owned by nobody under the system's /tmp.

#include <QString>
#include <QTemporaryDir>

namespace kp::test {

class Postgres
{
public:
    // Makes the cluster (superuser "kp" with a password); not started.
    Postgres();
    ~Postgres(); // stops the server (immediate)
    Postgres(const Postgres&) = delete;
    Postgres& operator=(const Postgres&) = delete;

    static QString binDir(); // /usr/lib/postgresql/15/bin
    static bool available(); // the binaries and Qt's QPSQL driver are installed

    bool initialized() const { return m_initialized; }
    // TLS for the next start(): the server's certificate and key (PEM files)
    // are copied into the server's folder, the key 0600 and owned by the
    // server's user, as PostgreSQL requires. Empty paths: no TLS.
    bool setTls(const QString& certificateFile, const QString& keyFile);
    bool start();
    bool stop();  // pg_ctl stop -m fast
    bool kill9(); // SIGKILL to the postmaster, as a power cut would
    quint16 port() const { return m_port; }
    QString password() const { return m_password; }
    // postgresql://kp:PASSWORD@127.0.0.1:PORT/DATABASE (password optional).
    QString url(const QString& database = QStringLiteral("kpoffice"), bool withPassword = true) const;
    // Runs statements as the superuser on `database` (CREATE DATABASE, roles, ...).
    bool exec(const QStringList& statements, const QString& database = QStringLiteral("postgres")) const;
    // One number from a query (counts); -1 on error.
    qint64 number(const QString& query, const QString& database = QStringLiteral("kpoffice")) const;
    QString dataDir() const;

private:
    bool runAsServerUser(const QString& program, const QStringList& args, int timeoutMs = 60000) const;

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    QString m_password;
    bool m_initialized = false;
    bool m_tls = false;
};

} // namespace kp::test
