#include "sync/SyncSource_p.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>

#include <limits>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::SyncSource)
};

bool isTransient(QNetworkReply::NetworkError e, int httpStatus)
{
    if (httpStatus >= 500 || httpStatus == 408 || httpStatus == 429)
        return true;
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // our idle timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

// One line saying what went wrong, in the terms an administrator checks.
QString describeFailure(QNetworkReply* reply, bool timedOut, int idleMs)
{
    const QString url = reply->url().toDisplayString();
    if (timedOut)
        return Tr::tr("%1: no data for %2 s (timed out).").arg(url).arg(idleMs / 1000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400)
        return Tr::tr("%1: HTTP %2 %3.")
            .arg(url)
            .arg(status)
            .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        return Tr::tr("%1: DNS: the host %2 was not found.").arg(url, reply->url().host());
    case QNetworkReply::ConnectionRefusedError:
        return Tr::tr("%1: the server refused the connection.").arg(url);
    case QNetworkReply::RemoteHostClosedError:
        return Tr::tr("%1: the server closed the connection before the end.").arg(url);
    case QNetworkReply::SslHandshakeFailedError:
        return Tr::tr("%1: TLS: %2").arg(url, reply->errorString());
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return Tr::tr("%1: proxy: %2").arg(url, reply->errorString());
    default:
        return Tr::tr("%1: %2").arg(url, reply->errorString());
    }
}

} // namespace

HttpSource::HttpSource(const QUrl& base, FetchOptions options)
    : m_base(base), m_options(std::move(options)), m_deadline(syncDeadline(m_options)),
      m_network(std::make_unique<QNetworkAccessManager>())
{
    if (!m_base.path().endsWith(u'/'))
        m_base.setPath(m_base.path() + u'/');
    if (m_options.proxy.isEmpty()) {
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    } else if (m_options.proxy == QLatin1String("none")) {
        m_network->setProxy(QNetworkProxy::NoProxy);
    } else {
        const QUrl proxy = QUrl::fromUserInput(m_options.proxy);
        m_network->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, proxy.host(), quint16(proxy.port(8080)),
                                          proxy.userName(), proxy.password()));
    }
    m_network->setAutoDeleteReplies(false);
}

HttpSource::~HttpSource() = default;

QString HttpSource::describe() const
{
    return m_base.toDisplayString();
}

QUrl HttpSource::urlOf(const QString& name) const
{
    return m_base.resolved(QUrl(name));
}

// One request, run to its end with an idle timer; the reply's data goes to `sink`.
struct HttpSource::Attempt
{
    static QNetworkRequest request(const QUrl& url, const FetchOptions& options)
    {
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
        req.setTransferTimeout(options.idleTimeoutMs);
        req.setRawHeader("User-Agent", "KPDesk/" + QCoreApplication::applicationVersion().toLatin1());
        if (!options.pinnedCaPath.isEmpty()) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            auto cas = tls.caCertificates();
            cas += QSslCertificate::fromPath(options.pinnedCaPath, QSsl::Pem);
            tls.setCaCertificates(cas);
            req.setSslConfiguration(tls);
        }
        return req;
    }

    enum class End { Ran, TooSlow, PastDeadline };

    // Runs the reply to its end, handing data to onData (false aborts).
    // The idle timeout is the request's; the low-speed window catches a
    // trickle of data, the deadline anything else that drags on (headers a
    // byte at a time never make a readyRead).
    static End run(QNetworkReply* reply, const FetchOptions& options, const QDeadlineTimer& deadline,
                   const std::function<bool(QNetworkReply*)>& onData)
    {
        QEventLoop loop;
        QElapsedTimer window;
        window.start();
        qint64 inWindow = 0;
        bool tooSlow = false;
        bool pastDeadline = false;
        QTimer overall;
        overall.setSingleShot(true);
        // A coarse timer may fire 5% early: the deadline is a promise in seconds.
        overall.setTimerType(Qt::PreciseTimer);
        QObject::connect(&overall, &QTimer::timeout, &loop, [&] {
            pastDeadline = true;
            reply->abort();
        });
        if (!deadline.isForever())
            overall.start(
                int(qBound(qint64(0), deadline.remainingTime(), qint64(std::numeric_limits<int>::max()))));
        QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
            inWindow += reply->bytesAvailable();
            if (window.elapsed() >= options.lowSpeedWindowMs) {
                if (inWindow < options.lowSpeedBytes) {
                    tooSlow = true;
                    reply->abort();
                    return;
                }
                window.restart();
                inWindow = 0;
            }
            if (!onData(reply))
                reply->abort();
        });
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        if (pastDeadline)
            return End::PastDeadline;
        if (reply->bytesAvailable() > 0 && reply->error() == QNetworkReply::NoError)
            onData(reply);
        return tooSlow ? End::TooSlow : End::Ran;
    }

    static QString tooSlowMessage(QNetworkReply* reply, const FetchOptions& options)
    {
        return Tr::tr("%1: the server sends too slowly (fewer than %2 bytes in %3 s).")
            .arg(reply->url().toDisplayString())
            .arg(options.lowSpeedBytes)
            .arg(options.lowSpeedWindowMs / 1000);
    }
};

Result<QByteArray> HttpSource::getSmall(const QString& name, qint64 maxSize)
{
    QString lastError;
    for (int attempt = 0; attempt <= m_options.retries; ++attempt) {
        if (!backOff(attempt)) {
            if (attempt == 0)
                return deadlineError(describe(), m_options);
            break; // no time for another try: the last failure says why
        }
        std::unique_ptr<QNetworkReply> reply(m_network->get(Attempt::request(urlOf(name), m_options)));
        QByteArray body;
        bool tooLarge = false;
        const Attempt::End end = Attempt::run(reply.get(), m_options, m_deadline, [&](QNetworkReply* r) {
            body += r->readAll();
            tooLarge = body.size() > maxSize;
            return !tooLarge;
        });
        if (end == Attempt::End::PastDeadline)
            return deadlineError(describe(), m_options);
        if (tooLarge)
            return makeError(QStringLiteral("index.invalid"),
                             Tr::tr("%1 is larger than a sync index can be.").arg(name));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status == 200)
            return body;
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError;
        lastError = end == Attempt::End::Ran ? describeFailure(reply.get(), timedOut, m_options.idleTimeoutMs)
                                             : Attempt::tooSlowMessage(reply.get(), m_options);
        qCInfo(lcSync) << "fetch failed, try" << attempt + 1 << ":" << lastError;
        if (!isTransient(reply->error(), status))
            break;
    }
    return makeError(QStringLiteral("sync.fetch"), lastError);
}

bool HttpSource::backOff(int attempt) const
{
    if (m_deadline.hasExpired())
        return false;
    if (attempt == 0)
        return true;
    const qint64 pause = qint64(m_options.backoffMs) << (attempt - 1);
    if (!m_deadline.isForever() && m_deadline.remainingTime() <= pause)
        return false; // no time left for another try
    QThread::msleep(ulong(pause));
    return true;
}

Result<QByteArray> HttpSource::fetchIndex()
{
    return getSmall(QStringLiteral("index"), SyncIndex::MaxSize);
}

Status HttpSource::download(const QString& name, const QString& partPath, qint64 expected, bool& retry)
{
    retry = false;
    QFile part(partPath);
    if (!part.open(QIODevice::ReadWrite))
        return makeError(QStringLiteral("sync.disk"),
                         Tr::tr("Cannot write %1: %2").arg(partPath, part.errorString()));
    qint64 have = part.size();
    if (have > expected) { // not ours, or the file changed on the server
        part.resize(0);
        have = 0;
    }
    if (have == expected)
        return success();
    QNetworkRequest req = Attempt::request(urlOf(name), m_options);
    if (have > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(have) + '-');
    std::unique_ptr<QNetworkReply> reply(m_network->get(req));
    // Flow control: without a bound Qt reads the whole file into memory when
    // the network is faster than the disk (a 368 MiB bundle took 391 MiB).
    reply->setReadBufferSize(1 << 20);
    bool writeFailed = false;
    bool started = false;
    bool restart = false;
    const Attempt::End end = Attempt::run(reply.get(), m_options, m_deadline, [&](QNetworkReply* r) {
        if (!started) {
            started = true;
            const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200 && have > 0) { // the server ignored the range: start again
                restart = true;
                have = 0;
                part.resize(0);
            } else if (status != 200 && status != 206) {
                return false;
            }
            part.seek(have);
        }
        if (m_options.cancelled && m_options.cancelled())
            return false;
        const QByteArray chunk = r->readAll();
        if (part.write(chunk) != chunk.size()) {
            writeFailed = true;
            return false;
        }
        have += chunk.size();
        if (have > expected)
            return false;
        if (m_options.progress)
            m_options.progress(name, have, expected);
        return true;
    });
    Q_UNUSED(restart);
    if (writeFailed || !part.flush()) {
        const QString why = part.errorString();
        part.close();
        return makeError(QStringLiteral("sync.disk"),
                         Tr::tr("Cannot save %1 (is the disk full?): %2").arg(name, why));
    }
    part.close();
    if (m_options.cancelled && m_options.cancelled())
        return makeError(QStringLiteral("sync.cancelled"), Tr::tr("The sync was cancelled."));
    if (end == Attempt::End::PastDeadline)
        return deadlineError(describe(), m_options); // the part is kept for the next sync
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && (status == 200 || status == 206) && have == expected)
        return success();
    if (have > expected) {
        QFile::remove(partPath);
        return makeError(QStringLiteral("sync.hash"), Tr::tr("%1 is longer than the index says.").arg(name));
    }
    if (reply->error() == QNetworkReply::NoError && have < expected) {
        retry = true; // the server ended early: resume from here
        return makeError(QStringLiteral("sync.fetch"), Tr::tr("%1: the server sent %2 of %3 bytes.")
                                                           .arg(urlOf(name).toDisplayString())
                                                           .arg(have)
                                                           .arg(expected));
    }
    retry = isTransient(reply->error(), status);
    if (end == Attempt::End::TooSlow)
        return makeError(QStringLiteral("sync.fetch"), Attempt::tooSlowMessage(reply.get(), m_options));
    const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError;
    return makeError(QStringLiteral("sync.fetch"),
                     describeFailure(reply.get(), timedOut, m_options.idleTimeoutMs));
}

Result<QString> HttpSource::fetchFile(const IndexEntry& entry)
{
    QDir().mkpath(m_options.downloadDir);
    const QString partPath = m_options.downloadDir + QLatin1Char('/') + entry.file + QStringLiteral(".part");
    Error last{};
    for (int attempt = 0; attempt <= m_options.retries; ++attempt) {
        if (!backOff(attempt)) {
            if (attempt == 0)
                return deadlineError(describe(), m_options);
            break; // no time for another try: the last failure says why
        }
        bool retry = false;
        const Status s = download(entry.file, partPath, qint64(entry.length), retry);
        if (s) {
            if (auto checked = checkEntry(partPath, entry); !checked) {
                QFile::remove(partPath); // a bad file is never resumed
                return checked.error();
            }
            return partPath;
        }
        last = s.error();
        qCInfo(lcSync) << "download failed, try" << attempt + 1 << ":" << last.message;
        if (!retry)
            break;
    }
    return last;
}

Result<std::unique_ptr<SyncSource>> SyncSource::open(const QString& location, const FetchOptions& options)
{
    const QUrl url(location);
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) {
        if (!url.isValid() || url.host().isEmpty())
            return makeError(QStringLiteral("sync.source"), Tr::tr("%1 is not a usable URL.").arg(location));
        return std::unique_ptr<SyncSource>(std::make_unique<HttpSource>(url, options));
    }
    if (QDir(location).exists())
        return std::unique_ptr<SyncSource>(std::make_unique<FolderSource>(location, options));
    return makeError(QStringLiteral("sync.source"),
                     Tr::tr("%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.")
                         .arg(location));
}

} // namespace kp
