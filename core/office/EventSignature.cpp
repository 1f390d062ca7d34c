#include "office/EventSignature.h"

#include "audit/DeterministicCbor.h"
#include "crypto/Sha256.h"
#include "crypto/Signature.h"

#include <QCoreApplication>

#include <algorithm>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::EventSignature)
};

} // namespace

QByteArray EventSignature::canonical(const SignedEventFields& f)
{
    QList<SignedEventFields::File> files = f.files;
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    // The map's keys in the order of their encodings (RFC 8949 §4.2.1: the
    // shorter first, then bytewise); a test compares this with
    // encodeDeterministicCbor of the same map (test_event_signature).
    DeterministicWriter w;
    const auto text = [&w](QStringView key, QStringView value) {
        w.text(key);
        w.text(value);
    };
    w.startMap(13);
    text(u"t", u"kpoffice-event");
    w.text(u"v");
    w.integer(1);
    text(u"at", f.at);
    text(u"id", f.id);
    w.text(u"seq");
    w.integer(f.seq);
    text(u"case", f.caseId);
    text(u"data", f.data);
    text(u"desk", f.deskId);
    text(u"kind", f.kind);
    text(u"role", f.role);
    text(u"actor", f.actor);
    w.text(u"files");
    w.startArray(files.size());
    for (const auto& file : std::as_const(files)) {
        w.startArray(4);
        w.text(file.id);
        w.text(file.name);
        w.text(file.sha256Hex.toLower());
        w.integer(file.size);
    }
    w.text(u"actor_id");
    if (f.actorId.isEmpty()) // an empty text and none are one (the drivers do not all keep the difference)
        w.null();
    else
        w.text(f.actorId);
    // Texts and small integers only; an event's data is at most what its desk
    // wrote, so the only limit that matters is size.
    if (!w.ok() || w.encoded().size() > MaxCanonicalBytes || w.items() > MaxCanonicalItems)
        return {};
    return w.encoded();
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
