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

class OfficeDatabase
{
public:
    // How long a connection attempt waits for the server.
    static constexpr int ConnectTimeoutSeconds = 5;

    // Connects and migrates the schema when it is older (the role needs
    // CREATE on the database for that: `kpdesk-cli office-init` as the
    // office's owner does it once). Error codes: "office.driver" (QPSQL not
    // installed), "office.unreachable" (server down, network, refused
    // password: libpq's words, scrubbed), "office.schema" (newer than this
    // program, or older and not ours to migrate).
    static Result<std::unique_ptr<OfficeDatabase>> connect(const OfficeUrl& url);
    static int currentSchemaVersion();

    ~OfficeDatabase();
    OfficeDatabase(const OfficeDatabase&) = delete;
    OfficeDatabase& operator=(const OfficeDatabase&) = delete;

    QSqlDatabase connection() const;
    const OfficeUrl& url() const { return m_url; }
    int schemaVersion() const { return m_version; }

    // An error of a statement, scrubbed, with the code given.
    Error error(const QString& code, const QSqlQuery& query) const;
    Error error(const QString& code, const QString& text) const;

private:
    OfficeDatabase(OfficeUrl url, QString name) : m_url(std::move(url)), m_name(std::move(name)) {}
    Status migrate();

    OfficeUrl m_url;
    QString m_name;
    int m_version = 0;
};

} // namespace kp
