#include "outbox/DeskIdentity.h"

#include "cache/CacheDatabase.h"
#include "crypto/CertificateRequest.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskIdentity)
};

constexpr qsizetype MaxPemSize = 64 * 1024;

Error keyError(const QString& message)
{
    return makeError(QStringLiteral("outbox.key"), message);
}

Error certificateError(const QString& message)
{
    return makeError(QStringLiteral("outbox.certificate"), message);
}

QString enrolHint(const QString& dbPath)
{
    return Tr::tr("Enrol it: 'kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem', have the home "
                  "authority sign the request ('kpdesk-cli authority enrol'), then 'kpdesk-cli enrol --db %1 "
                  "--install CERT.pem'.")
        .arg(dbPath);
}

// Writes the key to a fresh file made with mode 0600 (mkstemp), then renames
// it over `path`: the key is never readable by others, not even for a moment,
// and a failed write leaves the old file as it was.
Status writeSecret(const QString& path, const QByteArray& data)
{
    QByteArray tmpl = QFile::encodeName(path) + ".XXXXXX";
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0)
        return keyError(Tr::tr("Cannot write the desk's key file %1: %2")
                            .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += n;
    }
    const bool ok = written == data.size() && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (!ok || ::rename(tmpl.constData(), QFile::encodeName(path).constData()) != 0) {
        const int e = ok ? errno : savedErrno;
        ::unlink(tmpl.constData());
        return keyError(Tr::tr("Cannot write the desk's key file %1: %2")
                            .arg(path, QString::fromLocal8Bit(std::strerror(e))));
    }
    return success();
}

Result<PrivateKey> readKey(const QString& path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return keyError(errno == ENOENT ? Tr::tr("The desk's key file %1 is missing.").arg(path)
                                        : Tr::tr("Cannot read the desk's key file %1: %2")
                                              .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return keyError(Tr::tr("The desk's key file %1 can be read by other users: it must be readable by "
                               "the desk's user only (chmod 600), and the desk enrolled again if others "
                               "may have read it.")
                            .arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return keyError(Tr::tr("Cannot read the desk's key file %1: %2").arg(path, file.errorString()));
    const QByteArray pem = file.read(MaxPemSize + 1);
    auto key = pem.size() > MaxPemSize ? Result<PrivateKey>(keyError({})) : PrivateKey::fromPem(pem);
    if (!key)
        return keyError(Tr::tr("The desk's key file %1 holds no usable private key.").arg(path));
    return key;
}

bool sameKey(const PublicKey& a, const PublicKey& b)
{
    return !a.isNull() && !b.isNull() && a.subjectPublicKeyInfo() == b.subjectPublicKeyInfo();
}

// The desk's participant, or "outbox.not-initialised".
Result<QString> participantOf(const CacheDatabase& db)
{
    auto participant = db.participant();
    if (!participant)
        return participant.error();
    if (participant->isEmpty())
        return makeError(QStringLiteral("outbox.not-initialised"),
                         Tr::tr("The desk has no participant yet: run 'kpdesk-cli init' first."));
    return participant;
}

// The certificate's role: a desk's, never a CA or a signer of anything else.
Status checkRole(const Certificate& cert)
{
    if (cert.isCa())
        return certificateError(Tr::tr("The certificate is a CA certificate, not a desk certificate."));
    if (!cert.allowsDigitalSignature())
        return certificateError(Tr::tr("The certificate does not allow digital signatures."));
    if (!cert.allowsClientAuth())
        return certificateError(
            Tr::tr("The certificate does not allow client authentication (extended key usage clientAuth)."));
    return success();
}

Status checkIssuer(const CacheDatabase& db, const Certificate& cert, const QString& participant,
                   const QDateTime& now)
{
    auto cas = db.authorityCas(participant);
    if (!cas)
        return cas.error();
    for (const AuthorityCaEntry& entry : *cas) {
        if (entry.revoked.isValid() && entry.revoked <= now.date())
            continue;
        auto ca = Certificate::fromDer(entry.der);
        if (ca && cert.isIssuedBy(*ca))
            return success();
    }
    return certificateError(
        cas->isEmpty()
            ? Tr::tr("The desk holds no authority CA of %1: sync the desk with its home authority first.")
                  .arg(participant)
            : Tr::tr("The certificate was not issued by an authority CA of %1 that the desk holds.")
                  .arg(participant));
}

} // namespace

Result<QDate> DeskIdentity::revokedOn(const CacheDatabase& db, const Certificate& certificate)
{
    auto listed = db.deskCertificate(certificate.sha256());
    if (!listed)
        return listed.error();
    return *listed ? (*listed)->revoked : QDate();
}

QString DeskIdentity::keyPath(const CacheDatabase& db)
{
    return db.path() + QStringLiteral(".desk-key.pem");
}

Result<DeskIdentity> DeskIdentity::load(CacheDatabase& db)
{
    DeskIdentity identity;
    auto participant = db.participant();
    auto deskId = db.enrolledDeskId();
    auto pem = db.deskCertificatePem();
    for (const Error* e : {participant ? nullptr : &participant.error(), deskId ? nullptr : &deskId.error(),
                           pem ? nullptr : &pem.error()}) {
        if (e)
            return *e;
    }
    if (pem->isEmpty() || deskId->isEmpty())
        return makeError(QStringLiteral("outbox.not-enrolled"),
                         Tr::tr("This desk is not enrolled with its home authority.") + u' ' +
                             enrolHint(db.path()));
    auto cert = Certificate::fromPem(*pem);
    if (!cert)
        return makeError(QStringLiteral("outbox.not-enrolled"),
                         Tr::tr("The desk's installed certificate cannot be read.") + u' ' +
                             enrolHint(db.path()));
    auto key = readKey(keyPath(db));
    if (!key)
        return key.error();
    if (!sameKey(key->publicKey(), cert->publicKey()))
        return keyError(Tr::tr("The desk's key file %1 does not match its certificate.").arg(keyPath(db)) +
                        u' ' + enrolHint(db.path()));
    identity.deskId = *deskId;
    identity.participant = *participant;
    identity.key = *key;
    identity.certificate = *cert;
    return identity;
}

bool DeskEnrolment::isValidDeskId(const QString& participant, const QString& deskId)
{
    static const QRegularExpression form(QStringLiteral("^[A-Z]{2}(-[A-Z0-9]+)+$"));
    return deskId.size() <= 64 && form.match(deskId).hasMatch() && deskId.startsWith(participant + u'-');
}

Result<QByteArray> DeskEnrolment::request(CacheDatabase& db, const QString& deskId, bool force)
{
    auto participant = participantOf(db);
    if (!participant)
        return participant.error();
    if (!isValidDeskId(*participant, deskId))
        return makeError(QStringLiteral("outbox.desk-id"),
                         Tr::tr("'%1' is not a desk id of %2: use the participant code, the post and the "
                                "desk, e.g. %2-ANR-03.")
                             .arg(deskId, *participant));
    auto installed = db.deskCertificatePem();
    auto enrolledAs = db.enrolledDeskId();
    if (!installed)
        return installed.error();
    if (!enrolledAs)
        return enrolledAs.error();
    const QString path = DeskIdentity::keyPath(db);
    if (!installed->isEmpty() && !force)
        return makeError(
            QStringLiteral("outbox.enrolled"),
            Tr::tr("This desk is already enrolled as %1. Enrolling it again makes a new key, and its current "
                   "certificate stops working until the new one is installed: add --force to do so.")
                .arg(*enrolledAs));

    // A pending request (a key, no certificate yet) is made again with the
    // same key, so a lost request file costs nothing.
    PrivateKey key;
    if (!force && installed->isEmpty() && QFile::exists(path)) {
        auto existing = readKey(path);
        if (!existing)
            return existing.error();
        key = *existing;
    } else {
        auto made = PrivateKey::generate(KeyType::EcP256);
        if (!made)
            return made.error();
        key = *made;
        // The old certificate is for the old key: forget it first, so the
        // desk never pairs a certificate with a key it was not issued for.
        if (auto s = db.setDeskCertificatePem({}); !s)
            return s.error();
        if (auto s = writeSecret(path, key.toPem()); !s)
            return s.error();
    }
    if (auto s = db.setEnrolledDeskId(deskId); !s)
        return s.error();
    return CertificateRequest::makePem(key, *participant, deskId);
}

Status DeskEnrolment::install(CacheDatabase& db, const QByteArray& certPem, const QDateTime& now)
{
    auto participant = participantOf(db);
    if (!participant)
        return participant.error();
    auto deskId = db.enrolledDeskId();
    if (!deskId)
        return deskId.error();
    if (deskId->isEmpty())
        return makeError(QStringLiteral("outbox.not-requested"),
                         Tr::tr("This desk has not asked for a certificate yet.") + u' ' +
                             enrolHint(db.path()));
    auto cert = certPem.size() > MaxPemSize ? Result<Certificate>(certificateError({}))
                                            : Certificate::fromPem(certPem);
    if (!cert)
        return certificateError(Tr::tr("The file holds no X.509 certificate (PEM)."));
    auto key = readKey(DeskIdentity::keyPath(db));
    if (!key)
        return key.error();
    if (!sameKey(cert->publicKey(), key->publicKey()))
        return certificateError(Tr::tr("The certificate is for another key than this desk's."));
    if (cert->subjectCountry() != *participant)
        return certificateError(Tr::tr("The certificate is for participant '%1'; this desk works for %2.")
                                    .arg(cert->subjectCountry(), *participant));
    if (cert->subjectCommonName() != *deskId)
        return certificateError(Tr::tr("The certificate is for desk '%1'; this desk asked for %2.")
                                    .arg(cert->subjectCommonName(), *deskId));
    if (auto s = checkRole(*cert); !s)
        return s;
    if (!(cert->notBefore() <= now && now <= cert->notAfter()))
        return certificateError(
            Tr::tr("The certificate is not valid now: it is valid from %1 to %2 (UTC).")
                .arg(cert->notBefore().toString(Qt::ISODate), cert->notAfter().toString(Qt::ISODate)));
    if (auto s = checkIssuer(db, *cert, *participant, now); !s)
        return s;
    return db.setDeskCertificatePem(cert->toPem());
}

} // namespace kp
