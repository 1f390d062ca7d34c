#include "authority/DeskRegistry.h"

#include "crypto/CertificateRequest.h"
#include "util/IsoTime.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRegistry)
};

constexpr qint64 MaxListSize = 16 << 20;

Error listError(const QString& message)
{
    return makeError(QStringLiteral("authority.desks"), message);
}

Error enrolError(const QString& message)
{
    return makeError(QStringLiteral("authority.enrol"), message);
}

QJsonValue timeJson(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(isoTime(t, IsoPrecision::Seconds)) : QJsonValue(QJsonValue::Null);
}

QDateTime parseTime(const QJsonValue& v)
{
    return v.isString() ? parseIsoTime(v.toString()) : QDateTime();
}

QByteArray keyHash(const PublicKey& key)
{
    return QCryptographicHash::hash(key.subjectPublicKeyInfo(), QCryptographicHash::Sha256);
}

} // namespace

QString DeskRegistry::listPath(const QString& pkiDir)
{
    return pkiDir + QStringLiteral("/desks.json");
}

Result<DeskRegistry> DeskRegistry::open(const QString& pkiDir)
{
    auto pki = AuthorityPki::load(pkiDir);
    if (!pki)
        return pki.error();
    DeskRegistry registry;
    registry.m_dir = pkiDir;
    registry.m_pki = *pki;
    QFile file(listPath(pkiDir));
    if (!file.exists())
        return registry;
    if (!file.open(QIODevice::ReadOnly) || file.size() > MaxListSize)
        return listError(
            Tr::tr("Cannot read the list of desks %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return listError(Tr::tr("The list of desks %1 is damaged.").arg(file.fileName()));
    for (const QJsonValue& v : doc.object().value(QStringLiteral("desks")).toArray()) {
        const QJsonObject o = v.toObject();
        DeskEntry e;
        e.deskId = o.value(QStringLiteral("desk")).toString();
        e.certSha256 = QByteArray::fromHex(o.value(QStringLiteral("sha256")).toString().toLatin1());
        e.keySha256 = QByteArray::fromHex(o.value(QStringLiteral("key_sha256")).toString().toLatin1());
        e.issued = parseTime(o.value(QStringLiteral("issued")));
        e.notAfter = parseTime(o.value(QStringLiteral("not_after")));
        e.revoked = parseTime(o.value(QStringLiteral("revoked")));
        if (e.deskId.isEmpty() || e.certSha256.size() != 32)
            return listError(Tr::tr("The list of desks %1 is damaged.").arg(file.fileName()));
        registry.m_entries.append(e);
    }
    return registry;
}

Status DeskRegistry::save() const
{
    QJsonArray desks;
    for (const DeskEntry& e : m_entries)
        desks.append(QJsonObject{{QStringLiteral("desk"), e.deskId},
                                 {QStringLiteral("sha256"), QString::fromLatin1(e.certSha256.toHex())},
                                 {QStringLiteral("key_sha256"), QString::fromLatin1(e.keySha256.toHex())},
                                 {QStringLiteral("issued"), timeJson(e.issued)},
                                 {QStringLiteral("not_after"), timeJson(e.notAfter)},
                                 {QStringLiteral("revoked"), timeJson(e.revoked)}});
    const QByteArray data = QJsonDocument(QJsonObject{{QStringLiteral("desks"), desks}}).toJson();
    QSaveFile file(listPath(m_dir));
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return listError(
            Tr::tr("Cannot write the list of desks %1: %2").arg(listPath(m_dir), file.errorString()));
    return success();
}

Result<QByteArray> DeskRegistry::enrol(const QByteArray& csrPem, int days, const QDateTime& now)
{
    const QString home = m_pki.home();
    const IssuerKeys* keys = m_pki.issuer(home);
    if (!keys)
        return enrolError(Tr::tr("The PKI has no authority CA of the home participant %1 to issue desk "
                                 "certificates with (issuers/%1/ca-key.pem).")
                              .arg(home));
    if (days < 1 || days > 3650)
        return enrolError(Tr::tr("A desk certificate is valid from 1 to 3650 days."));
    auto request = CertificateRequest::fromPem(csrPem);
    if (!request)
        return enrolError(request.error().message);
    const QString deskId = request->subjectCommonName();
    if (request->subjectCountry() != home)
        return enrolError(Tr::tr("The request is for participant '%1'; this authority enrols desks of %2.")
                              .arg(request->subjectCountry(), home));
    static const QRegularExpression form(QStringLiteral("^[A-Z]{2}(-[A-Z0-9]+)+$"));
    if (deskId.size() > 64 || !form.match(deskId).hasMatch() || !deskId.startsWith(home + u'-'))
        return enrolError(Tr::tr("'%1' is not a desk id of %2 (e.g. %2-ANR-03).").arg(deskId, home));
    const PublicKey deskKey = request->publicKey();
    if (deskKey.type() != KeyType::EcP256 && deskKey.type() != KeyType::Ed25519)
        return enrolError(Tr::tr("A desk's key is EC P-256 or Ed25519."));
    const QByteArray deskKeyHash = keyHash(deskKey);
    for (const DeskEntry& e : std::as_const(m_entries)) {
        if (e.deskId == deskId && !e.isRevoked() && e.keySha256 != deskKeyHash)
            return enrolError(Tr::tr("Desk %1 is already enrolled with another key: revoke it first "
                                     "('kpdesk-cli authority revoke-desk'), then enrol it again.")
                                  .arg(deskId));
    }
    CertificateSpec spec;
    spec.country = home;
    spec.commonName = deskId;
    spec.organization = QStringLiteral("KP Authority of %1").arg(home);
    spec.notBefore = now.addSecs(-300); // a desk's clock a few minutes behind
    spec.notAfter = now.addDays(days);
    spec.serial = qint64(QRandomGenerator::system()->generate64() >> 1); // positive, unguessable
    auto cert = CertificateFactory::makeDeskCertificate(keys->ca, keys->caKey, deskKey, spec);
    if (!cert)
        return enrolError(cert.error().message);
    m_entries.append({deskId, cert->sha256(), deskKeyHash, now, cert->notAfter(), {}});
    if (auto s = save(); !s) {
        m_entries.removeLast();
        return s.error();
    }
    return cert->toPem();
}

Status DeskRegistry::revoke(const QString& deskId, const QDateTime& now)
{
    const QList<DeskEntry> before = m_entries;
    bool any = false;
    for (DeskEntry& e : m_entries) {
        if (e.deskId == deskId && !e.isRevoked()) {
            e.revoked = now;
            any = true;
        }
    }
    if (!any)
        return makeError(QStringLiteral("authority.unknown-desk"),
                         Tr::tr("No certificate of desk %1 is in force.").arg(deskId));
    if (auto s = save(); !s) {
        m_entries = before;
        return s;
    }
    return success();
}

std::optional<DeskEntry> DeskRegistry::find(const QString& deskId) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->deskId == deskId)
            return *it;
    }
    return std::nullopt;
}

std::optional<DeskEntry> DeskRegistry::entryFor(const Certificate& certificate) const
{
    const QByteArray hash = certificate.sha256();
    for (const DeskEntry& e : m_entries) {
        if (!certificate.isNull() && e.certSha256 == hash)
            return e;
    }
    return std::nullopt;
}

bool DeskRegistry::isRevoked(const Certificate& certificate) const
{
    const auto entry = entryFor(certificate);
    return entry && entry->isRevoked();
}

} // namespace kp
