#pragma once

// A connection to the office's PostgreSQL database (docs/office.md) through
// Qt's QPSQL driver, with its schema brought to this program's version on
// connect (as the desk's SQLite file is). One instance owns one connection
// and is used from the thread that made it. Every error message is scrubbed
// of the password.

#include "office/OfficeUrl.h"
#include "util/Result.h"

#include <QSqlDatabase>

#include <memory>

class QSqlQuery;

namespace kp {

class OfficeWatchdog;

// How long a connection waits (docs/office.md, "Network cuts").
struct OfficeLimits
{
    int connectSeconds = 5; // a connection attempt (libpq's connect_timeout)
    // The longest silence while an answer is due: tcp_user_timeout, and
    // OfficeWatchdog cuts the connection after it. The server ends a
    // statement (statement_timeout) a little before, and a transaction
    // left idle by a lost desk after twice as long.
    int replySeconds = 30;
};

class OfficeDatabase
{
public:
    using Limits = OfficeLimits;
    static constexpr int ConnectTimeoutSeconds = 5; // Limits::connectSeconds

    // Connects and migrates the schema when it is older (the role needs
    // CREATE on the database for that: `kpdesk-cli office-init` as the
    // office's owner does it once). Error codes: "office.driver" (QPSQL not
    // installed), "office.unreachable" (server down, network, refused
    // password: libpq's words, scrubbed), "office.read" (the schema version
    // could not be read, e.g. a role without SELECT on office_meta),
    // "office.schema" (newer than this program, or older and not ours to migrate).
    static Result<std::unique_ptr<OfficeDatabase>> connect(const OfficeUrl& url, const Limits& limits = {});
    // libpq's connection options for `url` (QSqlDatabase::setConnectOptions), password excluded.
    static QString connectOptions(const OfficeUrl& url, const Limits& limits);
    static int currentSchemaVersion();

    ~OfficeDatabase();
    OfficeDatabase(const OfficeDatabase&) = delete;
    OfficeDatabase& operator=(const OfficeDatabase&) = delete;

    QSqlDatabase connection() const;
    const OfficeUrl& url() const { return m_url; }
    int schemaVersion() const { return m_version; }

    // Whether the watchdog cut this connection for want of an answer.
    bool cutForSilence() const;

    // An error of a statement, scrubbed, with the code given; "office.unreachable"
    // instead when the connection itself is lost.
    Error error(const QString& code, const QSqlQuery& query) const;
    Error error(const QString& code, const QString& text) const;

private:
    OfficeDatabase(OfficeUrl url, QString name);
    Status migrate();

    OfficeUrl m_url;
    QString m_name;
    int m_replySeconds = 30;
    std::unique_ptr<OfficeWatchdog> m_watchdog;
    int m_version = 0;
};

} // namespace kp
