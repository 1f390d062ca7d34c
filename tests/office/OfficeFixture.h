#pragma once

// What the office's tests on a real PostgreSQL share (test_office,
// test_office_trust): the server started once, a fresh office database per
// test function, a connection to it, a number read from it, and the command
// line run as a user would.

#include "OfficeDesks.h"
#include "Postgres.h"
#include "TestSupport.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeUrl.h"

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace kp::test {

// kpdesk-cli's exit code and output.
struct Cli
{
    int exitCode = -1;
    QByteArray out, err;
};

inline Cli cli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(cliPath(), args);
    if (p.waitForStarted() && !input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    Cli r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Links the desk to the office as its administrator does: `office --set URL
// --user ada` (ada made the desk's administrator first when she is not yet).
inline Cli setOffice(Desk& desk, const QString& url)
{
    const QString admin = QStringLiteral("ada");
    if (auto found = desk.store->account(admin); found && !found->has_value())
        (void)desk.door->addAccount(Session::forCommandLine(QStringLiteral("root")), admin,
                                    Role::Administrator,
                                    Password); // a refusal shows as the command's refusal below
    return cli({QStringLiteral("office"), QStringLiteral("--db"), desk.path, QStringLiteral("--set"), url,
                QStringLiteral("--user"), admin},
               Password.toUtf8() + '\n');
}

class OfficeFixture : public QObject
{
protected:
    std::unique_ptr<Postgres> m_pg;
    QTemporaryDir m_dir;
    int m_databases = 0;
    QString m_db; // this test function's office database

    // In initTestCase, once Postgres::available() said yes.
    bool startServer()
    {
        m_pg = std::make_unique<Postgres>();
        return m_pg->initialized() && m_pg->start();
    }

    // A fresh office database named `prefix`<n>; its URL, empty on failure.
    QString freshDatabase(const QString& prefix)
    {
        m_db = prefix + QString::number(++m_databases);
        return m_pg->exec({QStringLiteral("CREATE DATABASE %1").arg(m_db)}) ? m_pg->url(m_db) : QString();
    }

    // This test's office, or the one at `url`.
    std::unique_ptr<OfficeDatabase> connect(const QString& url = {})
    {
        auto office = OfficeDatabase::connect(*OfficeUrl::parse(url.isEmpty() ? m_pg->url(m_db) : url));
        if (!office)
            qWarning() << office.error().message;
        return office ? std::move(*office) : nullptr;
    }

    qint64 office(const QString& sql) { return m_pg->number(sql, m_db); }
};

} // namespace kp::test
