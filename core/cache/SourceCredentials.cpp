#include "cache/SourceCredentials.h"

#include <QCoreApplication>
#include <QUrl>

namespace kp::SourceCredentials {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CacheDatabase)
};

// Only URLs with a scheme and an authority carry credentials; a folder's
// path with an '@' or ':' in it is a folder.
bool hasPassword(const QString& source, QUrl* url = nullptr)
{
    const QUrl u(source, QUrl::StrictMode);
    if (!u.isValid() || u.scheme().isEmpty() || u.host().isEmpty() || u.password().isEmpty())
        return false;
    if (url)
        *url = u;
    return true;
}
} // namespace

Status refuse(const QStringList& sources)
{
    for (const QString& s : sources)
        if (hasPassword(s))
            return makeError(QStringLiteral("cache.source-credentials"),
                             Tr::tr("%1: a sync source cannot carry a password (the desk's database would "
                                    "keep it in plain text). Publish the bundles where the desk reads them "
                                    "without one, or copy them to a folder the desk reads.")
                                 .arg(masked(s)));
    return success();
}

QString masked(const QString& source)
{
    QUrl url;
    if (!hasPassword(source, &url))
        return source;
    url.setPassword(QStringLiteral("***"));
    return url.toString();
}

} // namespace kp::SourceCredentials
