#include "office/OfficeDatabase.h"

#include "office/OfficeSchema_p.h"
#include "office/OfficeWatchdog.h"
#include "util/Logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::OfficeDatabase)
};

QString connectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("kp-office-%1").arg(counter.fetchAndAddRelaxed(1));
}

// A conninfo value in quotes: a path may hold spaces or quotes.
QString quotedOption(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

int OfficeDatabase::currentSchemaVersion()
{
    return int(officeschema::migrations().size());
}

QString OfficeDatabase::connectOptions(const OfficeUrl& url, const Limits& limits)
{
    const int replyMs = std::max(1, limits.replySeconds) * 1000;
    // The server answers a slow statement (an error) before the watchdog cuts.
    const int statementMs = std::max(replyMs - std::max(500, replyMs / 10), replyMs / 2);
    // Keepalives: a cut cable ends an idle connection within seconds instead of
    // the system's two hours; tcp_user_timeout ends one whose packets nobody
    // acknowledges. The server drops the transaction of a desk gone silent, so
    // its lock does not hold the other desks' pushes.
    QStringList options{
        QStringLiteral("connect_timeout=%1").arg(std::max(1, limits.connectSeconds)),
        QStringLiteral("keepalives=1"),
        QStringLiteral("keepalives_idle=5"),
        QStringLiteral("keepalives_interval=2"),
        QStringLiteral("keepalives_count=3"),
        QStringLiteral("tcp_user_timeout=%1").arg(replyMs),
        QStringLiteral("application_name=kpdesk"),
        QStringLiteral(
            "options='-c statement_timeout=%1 -c idle_in_transaction_session_timeout=%2 -c jit=off'")
            .arg(statementMs)
            .arg(2 * replyMs)};
    if (!url.sslmode.isEmpty())
        options << QStringLiteral("sslmode=%1").arg(url.sslmode);
    if (!url.sslrootcert.isEmpty())
        options << QStringLiteral("sslrootcert=%1").arg(quotedOption(url.sslrootcert));
    // Qt joins the options with spaces into libpq's conninfo.
    return options.join(QLatin1Char(';'));
}

Result<std::unique_ptr<OfficeDatabase>> OfficeDatabase::connect(const OfficeUrl& url, const Limits& limits)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return makeError(QStringLiteral("office.driver"),
                         Tr::tr("This desk cannot talk to an office: Qt's PostgreSQL driver is not installed "
                                "(Debian: libqt6sql6-psql)."));
    std::unique_ptr<OfficeDatabase> db(new OfficeDatabase(url, connectionName()));
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), db->m_name);
        c.setHostName(url.host);
        c.setPort(url.port);
        c.setDatabaseName(url.database);
        c.setUserName(url.user);
        c.setPassword(url.password);
        c.setConnectOptions(connectOptions(url, limits));
        if (!c.open()) {
            const QString why = url.scrub(c.lastError().text());
            qCWarning(lcSync) << "office: cannot connect to" << url.redacted() << ":" << why;
            return makeError(QStringLiteral("office.unreachable"),
                             Tr::tr("The office (%1) cannot be reached: %2").arg(url.redacted(), why));
        }
    }
    db->m_replySeconds = std::max(1, limits.replySeconds);
    db->m_watchdog =
        std::make_unique<OfficeWatchdog>(db->connection(), std::max(1, limits.replySeconds) * 1000);
    if (auto m = db->migrate(); !m)
        return m.error();
    return db;
}

OfficeDatabase::OfficeDatabase(OfficeUrl url, QString name) : m_url(std::move(url)), m_name(std::move(name))
{}

OfficeDatabase::~OfficeDatabase()
{
    m_watchdog.reset(); // it watches the socket the connection closes
    {
        QSqlDatabase c = QSqlDatabase::database(m_name, false);
        c.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase OfficeDatabase::connection() const
{
    return QSqlDatabase::database(m_name, false);
}

Error OfficeDatabase::error(const QString& code, const QSqlQuery& query) const
{
    return error(code, query.lastError().text());
}

bool OfficeDatabase::cutForSilence() const
{
    return m_watchdog && m_watchdog->fired();
}

Error OfficeDatabase::error(const QString& code, const QString& text) const
{
    if (cutForSilence()) {
        qCWarning(lcSync) << "office: unreachable, no answer";
        return makeError(QStringLiteral("office.unreachable"),
                         Tr::tr("The office (%1) stopped answering: the connection was given up after "
                                "%Ln second(s) of silence.",
                                nullptr, m_replySeconds)
                             .arg(m_url.redacted()));
    }
    // A connection lost says nothing of itself.
    const QString why =
        text.trimmed().isEmpty() ? Tr::tr("the connection to the server was lost.") : m_url.scrub(text);
    const bool lost = OfficeWatchdog::connectionBroken(connection());
    qCWarning(lcSync) << "office:" << (lost ? QStringLiteral("office.unreachable") : code) << why;
    if (lost)
        return makeError(QStringLiteral("office.unreachable"),
                         Tr::tr("The office (%1) cannot be reached: %2").arg(m_url.redacted(), why));
    return makeError(code, Tr::tr("The office (%1) answered: %2").arg(m_url.redacted(), why));
}

Status OfficeDatabase::migrate()
{
    QSqlDatabase c = connection();
    QSqlQuery q(c);
    // Read first without writing: a desk's role may only read the version.
    // An office without office_meta is empty (-1); a read that fails is an
    // error, never "empty" (issue 20 item 7).
    int version = -1;
    if (!q.exec(QStringLiteral("SELECT to_regclass('office_meta') IS NOT NULL")) || !q.next())
        return error(QStringLiteral("office.read"), q.lastError().text());
    if (q.value(0).toBool()) {
        if (!q.exec(QStringLiteral("SELECT value FROM office_meta WHERE key = 'schema_version'")))
            return error(QStringLiteral("office.read"), q.lastError().text());
        if (q.next())
            version = q.value(0).toInt();
        else if (q.lastError().isValid())
            return error(QStringLiteral("office.read"), q.lastError().text());
    }
    const QList<QStringList> steps = officeschema::migrations();
    if (version > int(steps.size()))
        return makeError(QStringLiteral("office.schema"),
                         Tr::tr("The office's database (schema %1) is newer than this program (%2): "
                                "update KP Desk.")
                             .arg(version)
                             .arg(steps.size()));
    if (version == int(steps.size())) {
        m_version = version;
        return success();
    }
    // Older or empty: migrate, one desk at a time. Building an index on a large
    // office may take minutes of silence: no statement limit, no watchdog here.
    if (!c.transaction())
        return error(QStringLiteral("office.unreachable"), c.lastError().text());
    struct Unbounded
    {
        OfficeWatchdog* watchdog;
        explicit Unbounded(OfficeWatchdog* w) : watchdog(w)
        {
            if (watchdog)
                watchdog->setSuspended(true);
        }
        ~Unbounded()
        {
            if (watchdog)
                watchdog->setSuspended(false);
        }
        Unbounded(const Unbounded&) = delete;
        Unbounded& operator=(const Unbounded&) = delete;
    } unbounded(m_watchdog.get());
    const auto fail = [&](const QSqlQuery& failed) {
        const QString why = failed.lastError().text();
        c.rollback();
        return makeError(QStringLiteral("office.schema"),
                         Tr::tr("The office's database could not be brought to schema %1 (run "
                                "`kpdesk-cli office-init` as its owner): %2")
                             .arg(steps.size())
                             .arg(m_url.scrub(why)));
    };
    QSqlQuery w(c);
    if (!w.exec(QStringLiteral("SET LOCAL statement_timeout = 0")))
        return fail(w);
    if (!w.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(officeschema::PushLock + 1)))
        return fail(w);
    if (!w.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS office_meta(key TEXT PRIMARY KEY, value TEXT)")))
        return fail(w);
    version = 0;
    if (!w.exec(QStringLiteral("SELECT value FROM office_meta WHERE key = 'schema_version'")))
        return fail(w);
    if (w.next())
        version = w.value(0).toInt();
    for (int v = version + 1; v <= int(steps.size()); ++v)
        for (const QString& sql : steps.at(v - 1))
            if (!w.exec(sql))
                return fail(w);
    if (!w.prepare(QStringLiteral("INSERT INTO office_meta(key, value) VALUES('schema_version', ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")))
        return fail(w);
    w.addBindValue(QString::number(steps.size()));
    if (!w.exec())
        return fail(w);
    if (!c.commit())
        return error(QStringLiteral("office.schema"), c.lastError().text());
    qCInfo(lcSync) << "office schema migrated to" << steps.size();
    m_version = int(steps.size());
    return success();
}

} // namespace kp
