#include "office/EventSignature.h"

#include "audit/DeterministicCbor.h"
#include "crypto/Sha256.h"
#include "crypto/Signature.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>

#include <algorithm>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::EventSignature)
};

// An empty text and none are one (the drivers do not all keep the difference).
QCborValue textOrNull(const QString& s)
{
    return s.isEmpty() ? QCborValue(nullptr) : QCborValue(s);
}

} // namespace

QByteArray EventSignature::canonical(const SignedEventFields& f)
{
    QList<SignedEventFields::File> files = f.files;
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    QCborArray list;
    for (const auto& file : files)
        list.append(QCborArray{file.id, file.name, file.sha256Hex.toLower(), file.size});
    const QCborMap map{{QStringLiteral("t"), QStringLiteral("kpoffice-event")},
                       {QStringLiteral("v"), 1},
                       {QStringLiteral("id"), f.id},
                       {QStringLiteral("case"), f.caseId},
                       {QStringLiteral("desk"), f.deskId},
                       {QStringLiteral("seq"), f.seq},
                       {QStringLiteral("at"), f.at},
                       {QStringLiteral("actor"), f.actor},
                       {QStringLiteral("actor_id"), textOrNull(f.actorId)},
                       {QStringLiteral("role"), f.role},
                       {QStringLiteral("kind"), f.kind},
                       {QStringLiteral("data"), f.data},
                       {QStringLiteral("files"), list}};
    // Texts and small integers only; an event's data is at most what its desk
    // wrote, so the only limit that matters is size.
    DeterministicLimits limits;
    limits.maxBytes = 16 * 1024 * 1024;
    limits.maxItems = 1 << 20;
    auto bytes = encodeDeterministicCbor(map, limits);
    return bytes ? *bytes : QByteArray();
}

Result<QByteArray> EventSignature::sign(const SignedEventFields& fields, const OfficeSigner& signer)
{
    auto s = signAndHash(fields, signer);
    if (!s)
        return s.error();
    return s->signature;
}

Result<EventSignature::Signed> EventSignature::signAndHash(const SignedEventFields& fields,
                                                           const OfficeSigner& signer)
{
    const QByteArray bytes = canonical(fields);
    if (bytes.isEmpty())
        return makeError(QStringLiteral("office.signature"),
                         Tr::tr("The case event %1 is too large to sign.").arg(fields.id));
    auto signature = signData(defaultAlgorithmFor(signer.key.type()), signer.key, bytes);
    if (!signature)
        return signature.error();
    return Signed{*signature, Sha256::hash(bytes)};
}

Status EventSignature::verify(const SignedEventFields& fields, const Certificate& signer,
                              const QByteArray& signature)
{
    return verify(fields, signer.publicKey(), signature);
}

Status EventSignature::verify(const SignedEventFields& fields, const PublicKey& key,
                              const QByteArray& signature)
{
    const QByteArray bytes = canonical(fields);
    if (bytes.isEmpty() || key.isNull() ||
        !verifySignature(defaultAlgorithmFor(key.type()), key, bytes, signature))
        return makeError(QStringLiteral("office.signature"),
                         Tr::tr("The signature does not match the event as the office holds it."));
    return success();
}

} // namespace kp
