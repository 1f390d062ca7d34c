#include "outbox/EnrolmentFiles.h"

#include "accounts/Permissions.h"
#include "cache/CacheDatabase.h"
#include "crypto/CertificateRequest.h"
#include "records/DeskRecords.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskEnrolment)
};

constexpr qint64 MaxPemFile = 64 * 1024;

Status noted(const Status& s)
{
    if (s)
        return s;
    return makeError(QStringLiteral("outbox.trail"),
                     Tr::tr("The desk's audit trail could not be written: %1").arg(s.error().message));
}

} // namespace

namespace DeskEnrolment {

Result<RequestWritten> requestToFile(CacheDatabase& db, DeskRecords& door, const Session& session,
                                     const QString& deskId, bool force, const QString& csrPath)
{
    if (auto p = Permissions::check(session.role, Action::ChangeSettings); !p)
        return p.error();
    const QString id = deskId.trimmed().toUpper();
    auto csr = request(db, id, force);
    if (!csr)
        return csr.error();
    QSaveFile f(csrPath);
    if (!f.open(QIODevice::WriteOnly) || f.write(*csr) != csr->size() || !f.commit())
        return makeError(QStringLiteral("outbox.file"),
                         Tr::tr("cannot write %1: %2").arg(csrPath, f.errorString()));
    // The trail names the key by its public half's hash, never the key.
    auto parsed = CertificateRequest::fromPem(*csr);
    const QByteArray keyHash = parsed ? QCryptographicHash::hash(parsed->publicKey().subjectPublicKeyInfo(),
                                                                 QCryptographicHash::Sha256)
                                      : QByteArray();
    RequestWritten written{id, QString::fromLatin1(keyHash.toHex())};
    if (auto s = noted(door.note(session, QStringLiteral("desk_enrolled"),
                                 QCborMap{{QStringLiteral("desk"), id},
                                          {QStringLiteral("key_sha256"), written.keySha256},
                                          {QStringLiteral("force"), force}}));
        !s)
        return s.error();
    return written;
}

Result<DeskIdentity> installFromFile(CacheDatabase& db, DeskRecords& door, const Session& session,
                                     const QString& certPath, const QDateTime& now)
{
    if (auto p = Permissions::check(session.role, Action::ChangeSettings); !p)
        return p.error();
    QFile f(certPath);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("outbox.file"),
                         Tr::tr("cannot read %1: %2").arg(certPath, f.errorString()));
    if (f.size() > MaxPemFile)
        return makeError(QStringLiteral("outbox.file"), Tr::tr("%1 is too large.").arg(certPath));
    if (auto s = install(db, f.readAll(), now); !s)
        return s.error();
    auto identity = DeskIdentity::load(db);
    if (!identity)
        return identity.error();
    const Certificate& cert = identity->certificate;
    if (auto s = noted(door.note(
            session, QStringLiteral("desk_certificate_installed"),
            QCborMap{{QStringLiteral("desk"), identity->deskId},
                     {QStringLiteral("sha256"), QString::fromLatin1(cert.sha256().toHex())},
                     {QStringLiteral("not_after"), cert.notAfter().toUTC().toString(Qt::ISODate)}}));
        !s)
        return s.error();
    return identity;
}

} // namespace DeskEnrolment

} // namespace kp
