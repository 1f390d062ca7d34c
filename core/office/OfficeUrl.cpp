#include "office/OfficeUrl.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::OfficeUrl)
};

const QStringList SslModes{QStringLiteral("disable"),   QStringLiteral("allow"),
                           QStringLiteral("prefer"),    QStringLiteral("require"),
                           QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

Error urlError(const QString& why)
{
    return makeError(QStringLiteral("office.url"), Tr::tr("The office's address is not usable: %1").arg(why));
}

} // namespace

Result<OfficeUrl> OfficeUrl::parse(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    // The error text of QUrl quotes the URL: never shown, it may hold the password.
    if (!url.isValid())
        return urlError(Tr::tr("it is not a URL."));
    if (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        return urlError(Tr::tr("it must start with postgresql://."));
    OfficeUrl o;
    o.user = url.userName();
    o.password = url.password();
    o.host = url.host();
    o.port = url.port(5432);
    o.database = url.path().mid(1);
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode")) {
            if (!SslModes.contains(value))
                return urlError(Tr::tr("sslmode is one of %1.").arg(SslModes.join(QStringLiteral(", "))));
            o.sslmode = value;
        } else if (key == QLatin1String("host")) {
            o.host = value;
        } else if (key == QLatin1String("sslrootcert")) {
            // Qt's QPSQL turns ';' into a separator of connection options.
            if (value.isEmpty() || value.contains(QLatin1Char(';')))
                return urlError(Tr::tr("sslrootcert must name a file, without ';'."));
            o.sslrootcert = value;
        } else {
            return urlError(Tr::tr("the parameter %1 is not known here.").arg(key));
        }
    }
    if (o.host.isEmpty())
        return urlError(Tr::tr("it names no server."));
    if (o.database.isEmpty() || o.database.contains(QLatin1Char('/')))
        return urlError(Tr::tr("it names no database (…/DATABASE)."));
    if (o.user.isEmpty())
        return urlError(Tr::tr("it names no user (postgresql://USER@…)."));
    return o;
}

namespace {

QString build(const OfficeUrl& o, bool withPassword)
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(o.user);
    if (withPassword && !o.password.isEmpty())
        url.setPassword(o.password);
    QUrlQuery query;
    if (o.host.startsWith(QLatin1Char('/'))) {
        url.setHost(QStringLiteral("localhost"));
        query.addQueryItem(QStringLiteral("host"), o.host);
    } else {
        url.setHost(o.host);
    }
    url.setPort(o.port);
    url.setPath(QLatin1Char('/') + o.database);
    if (!o.sslmode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), o.sslmode);
    if (!o.sslrootcert.isEmpty())
        query.addQueryItem(QStringLiteral("sslrootcert"), o.sslrootcert);
    if (!query.isEmpty())
        url.setQuery(query);
    return url.toString();
}

} // namespace

QString OfficeUrl::toString() const
{
    return build(*this, true);
}

QString OfficeUrl::redacted() const
{
    return build(*this, false);
}

QString OfficeUrl::scrub(const QString& text) const
{
    if (password.isEmpty())
        return text;
    QString t = text;
    t.replace(password, QStringLiteral("***"));
    t.replace(QString::fromLatin1(QUrl::toPercentEncoding(password)), QStringLiteral("***"));
    return t;
}

} // namespace kp
