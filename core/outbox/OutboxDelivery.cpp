#include "outbox/OutboxDelivery.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::OutboxDelivery)
};

// Written whole, or not at all (QSaveFile: a temporary file renamed on commit).
Status writeWhole(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(QStringLiteral("outbox.folder"),
                         Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return success();
}

QNetworkRequest requestFor(const QUrl& url, const SendOptions& options, const PrivateKey& key,
                           const Certificate& cert, const QString& type)
{
    QNetworkRequest req(url);
    req.setTransferTimeout(options.timeoutMs);
    req.setHeader(QNetworkRequest::ContentTypeHeader, type);
    req.setRawHeader("User-Agent", "KPDesk/" + QCoreApplication::applicationVersion().toLatin1());
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!options.caPath.isEmpty()) {
        auto cas = tls.caCertificates();
        cas += QSslCertificate::fromPath(options.caPath, QSsl::Pem);
        tls.setCaCertificates(cas);
    }
    tls.setLocalCertificate(QSslCertificate(cert.der(), QSsl::Der));
    // The key goes from one object to another in memory, never to a file or a log.
    const QSsl::KeyAlgorithm algorithm = key.type() == KeyType::Rsa ? QSsl::Rsa : QSsl::Ec;
    tls.setPrivateKey(QSslKey(key.toPem(), algorithm, QSsl::Pem, QSsl::PrivateKey));
    req.setSslConfiguration(tls);
    return req;
}

// One PUT, to its end. Returns the empty string when it was delivered.
QString put(QNetworkAccessManager& network, const QNetworkRequest& request, const QByteArray& body)
{
    std::unique_ptr<QNetworkReply> reply(network.put(request, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 201 || status == 204)
        return {};
    const QString where = request.url().toDisplayString(QUrl::RemoveUserInfo);
    if (status != 0)
        return Tr::tr("%1 answered %2 %3")
            .arg(where)
            .arg(status)
            .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    if (reply->error() == QNetworkReply::OperationCanceledError)
        return Tr::tr("%1: no answer for %2 s").arg(where).arg(request.transferTimeout() / 1000);
    return Tr::tr("%1: %2").arg(where, reply->errorString());
}

void setProxy(QNetworkAccessManager& network, const QString& proxy)
{
    if (proxy.isEmpty()) {
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    } else if (proxy == QLatin1String("none")) {
        network.setProxy(QNetworkProxy::NoProxy);
    } else {
        const QUrl url = QUrl::fromUserInput(proxy);
        network.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, url.host(), quint16(url.port(8080)),
                                       url.userName(), url.password()));
    }
}

} // namespace

Result<DeliveryReport> OutboxDelivery::exportTo(DeskRecords& door, const Session& session,
                                                const QString& folder)
{
    const QFileInfo dir(folder);
    if (!dir.isDir() || !dir.isWritable())
        return makeError(
            QStringLiteral("outbox.folder"),
            Tr::tr("%1 is not a folder this desk can write to (is the stick mounted?).").arg(folder));
    auto waiting = door.store().messages(true, true);
    if (!waiting)
        return waiting.error();
    DeliveryReport report;
    const QDir to(dir.absoluteFilePath());
    for (const OutboxMessage& m : *waiting) {
        if (!m.pdf.isEmpty())
            if (auto w = writeWhole(to.filePath(m.fileName + QStringLiteral(".pdf")), m.pdf); !w)
                return w.error();
        if (auto w = writeWhole(to.filePath(m.fileName), m.bytes); !w)
            return w.error();
        if (auto h = door.messageHandedOver(session, m.id, to.absolutePath()); !h)
            return h.error();
        ++report.delivered;
    }
    return report;
}

Result<DeliveryReport> OutboxDelivery::send(DeskRecords& door, const Session& session,
                                            const SendOptions& options, const PrivateKey& deskKey,
                                            const Certificate& deskCert)
{
    if (!options.intake.isValid() || options.intake.scheme() != QLatin1String("https"))
        return makeError(
            QStringLiteral("outbox.intake"),
            Tr::tr("No intake is set for the outbox (kpdesk-cli settings --outbox-intake https://...)."));
    auto waiting = door.store().messages(true, true);
    if (!waiting)
        return waiting.error();
    QNetworkAccessManager network;
    setProxy(network, options.proxy);
    QUrl base = options.intake;
    if (!base.path().endsWith(u'/'))
        base.setPath(base.path() + u'/');
    DeliveryReport report;
    for (const OutboxMessage& m : *waiting) {
        if (options.cancelled && options.cancelled()) {
            ++report.waiting;
            continue;
        }
        QString problem;
        if (!m.pdf.isEmpty())
            problem = put(network,
                          requestFor(base.resolved(QUrl(m.fileName + QStringLiteral(".pdf"))), options,
                                     deskKey, deskCert, QStringLiteral("application/pdf")),
                          m.pdf);
        if (problem.isEmpty())
            problem = put(network,
                          requestFor(base.resolved(QUrl(m.fileName)), options, deskKey, deskCert,
                                     QStringLiteral("application/cose; cose-type=\"cose-sign1\"")),
                          m.bytes);
        if (problem.isEmpty()) {
            if (auto d = door.messageDelivered(session, m.id, base.toDisplayString(QUrl::RemoveUserInfo)); !d)
                return d.error();
            ++report.delivered;
        } else {
            qCInfo(lcSync) << "outbox:" << m.fileName << "stays waiting:" << problem;
            if (auto f = door.messageAttemptFailed(m.id, problem); !f)
                return f.error();
            report.problems << m.fileName + QStringLiteral(": ") + problem;
            ++report.waiting;
        }
    }
    return report;
}

} // namespace kp
