#include "office/OfficeLink.h"

#include "cache/CacheDatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::OfficeLink)
};

Error deskError(const QSqlQuery& q)
{
    return makeError(QStringLiteral("office.desk"),
                     Tr::tr("The desk's file could not be read or written: %1").arg(q.lastError().text()));
}

Error secretError(const QString& path)
{
    return makeError(QStringLiteral("office.secret"),
                     Tr::tr("The office's password file %1 could not be written or read.").arg(path));
}

// Written with 0600 from its creation: no moment when others may read it.
Status writeSecret(const QString& path, const QByteArray& secret)
{
    const QByteArray temp = QFile::encodeName(path + QStringLiteral(".new"));
    ::unlink(temp.constData());
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return secretError(path);
    bool ok =
        ::fchmod(fd, 0600) == 0 && ::write(fd, secret.constData(), size_t(secret.size())) == secret.size();
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.constData(), QFile::encodeName(path).constData()) != 0) {
        ::unlink(temp.constData());
        return secretError(path);
    }
    return success();
}

} // namespace

QString OfficeLink::passwordPath(const QString& deskPath)
{
    return deskPath + QStringLiteral(".office-password");
}

Status OfficeLink::save(CacheDatabase& desk, const OfficeUrl& url)
{
    const QString secretPath = passwordPath(desk.path());
    if (url.password.isEmpty())
        QFile::remove(secretPath);
    else if (auto w = writeSecret(secretPath, url.password.toUtf8()); !w)
        return w;
    QSqlQuery q(desk.connection());
    // The office linked before: a read that fails is an error, never "none"
    // (that would take it for another office and reset the pull cursors).
    QString previous;
    if (!q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'office_url'")) || !q.exec())
        return deskError(q);
    if (q.next())
        previous = q.value(0).toString();
    else if (q.lastError().isValid())
        return deskError(q);
    const QString stored = url.redacted();
    if (!q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('office_url', ?)")))
        return deskError(q);
    q.addBindValue(stored);
    if (!q.exec())
        return deskError(q);
    if (previous != stored) // another office: what it holds is read from its start
        if (!q.exec(QStringLiteral(
                "DELETE FROM meta WHERE key IN ('office_pulled_cases', 'office_pulled_events')")))
            return deskError(q);
    return success();
}

Status OfficeLink::remove(CacheDatabase& desk)
{
    const QString secretPath = passwordPath(desk.path());
    if (QFile::exists(secretPath) && !QFile::remove(secretPath))
        return secretError(secretPath);
    QSqlQuery q(desk.connection());
    if (!q.exec(QStringLiteral("DELETE FROM meta WHERE key IN ('office_url', 'office_pulled_cases', "
                               "'office_pulled_events')")))
        return deskError(q);
    return success();
}

Result<std::optional<OfficeUrl>> OfficeLink::load(CacheDatabase& desk)
{
    QSqlQuery q(desk.connection());
    if (!q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'office_url'")) || !q.exec())
        return deskError(q);
    if (!q.next() || q.value(0).toString().isEmpty())
        return std::optional<OfficeUrl>();
    auto url = OfficeUrl::parse(q.value(0).toString());
    if (!url)
        return url.error();
    const QString secretPath = passwordPath(desk.path());
    if (QFile::exists(secretPath)) {
        QFile f(secretPath);
        if (!f.open(QIODevice::ReadOnly))
            return secretError(secretPath);
        url->password = QString::fromUtf8(f.readAll());
    }
    return std::optional<OfficeUrl>(*url);
}

} // namespace kp
