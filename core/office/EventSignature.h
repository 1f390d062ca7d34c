#pragma once

// What a desk signs of each case event it sends to the office, and how a
// desk checks it (issue 19, docs/office.md "What a desk trusts"). The
// signed bytes are the deterministic CBOR (RFC 8949 §4.2.1,
// audit/DeterministicCbor) of
//
//   {t: "kpoffice-event", v: 1, id, case, desk, seq, at, actor, actor_id,
//    role, kind, data, files: [[id, name, sha256, size], ...]}
//
// with every text exactly as the office holds it (`at` and `data` are the
// desk's own texts, `actor_id` null when none or empty, `files` sorted by
// id, sha256 in lowercase hex), signed with the desk's key (ES256 or EdDSA,
// as kpmsg) and sent with its desk certificate.

#include "crypto/Certificate.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace kp {

class CacheDatabase;

// The desk's key and certificate as the office's rows are signed with them
// (taken from outbox's DeskIdentity by whoever starts a replication: office
// does not depend on outbox).
struct OfficeSigner
{
    QString deskId; // the certificate's CN
    PrivateKey key;
    Certificate certificate;
};

// The desk's signer, none for a desk that is not enrolled, or an error (a
// key file that cannot be read).
using OfficeSignerSource = std::function<Result<std::optional<OfficeSigner>>(CacheDatabase&)>;

struct SignedEventFields
{
    struct File
    {
        QString id, name, sha256Hex;
        qint64 size = 0;
    };
    QString id, caseId, deskId;
    int seq = 0;
    QString at, actor;
    QString actorId; // null: none
    QString role, kind, data;
    QList<File> files;
};

namespace EventSignature {

// Empty when the fields cannot be encoded (text that is not Unicode) or are
// larger than these limits.
constexpr qsizetype MaxCanonicalBytes = 16 * 1024 * 1024;
constexpr qsizetype MaxCanonicalItems = 1 << 20;
QByteArray canonical(const SignedEventFields& fields);
Result<QByteArray> sign(const SignedEventFields& fields, const OfficeSigner& signer);
// The signature and the SHA-256 of the signed bytes: what the push's EventBatch lists.
struct Signed
{
    QByteArray signature, hash;
};
Result<Signed> signAndHash(const SignedEventFields& fields, const OfficeSigner& signer);
// Error code "office.signature" when the signature is not the certificate's over these fields.
Status verify(const SignedEventFields& fields, const Certificate& signer, const QByteArray& signature);
// The same with the certificate's key taken out once (PulledEventCheck, many events of one signer).
Status verify(const SignedEventFields& fields, const PublicKey& signerKey, const QByteArray& signature);

} // namespace EventSignature

} // namespace kp
