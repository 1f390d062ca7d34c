#pragma once

// kpmsg (kp-outbox.md): a message from a desk to its home authority, one
// COSE_Sign1 signed with the desk's key, the desk certificate in x5chain.
// This file makes and reads the envelope and checks the payload's fields
// per kind; whether the desk certificate is one the authority issued (and
// has not revoked) is the authority's business (core/authority).

#include "audit/AuditChain.h"
#include "crypto/Certificate.h"
#include "util/Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QDateTime>
#include <QString>

namespace kp {

enum class MessageKind { Confirmation, Doubt };
QString messageKindName(MessageKind kind); // "confirmation", "doubt"
std::optional<MessageKind> messageKindFromName(const QString& name);

struct KpMessage
{
    MessageKind kind = MessageKind::Confirmation;
    QByteArray id; // 16 bytes: a UUID made when the message is made
    QString desk;  // the desk's id, as in its certificate (CN)
    QString participant;
    QDateTime at; // UTC
    quint64 n = 0;
    AuditHead audit;
    QCborMap body;

    // `<desk>-<n, 8 digits>-<kind>.kpmsg`
    QString fileName() const;
    QString idText() const; // the UUID in its usual text form
};

// Limits of what is read from outside (an intake folder, a USB stick).
namespace KpMessageLimits {
constexpr qsizetype MaxFiles = 16 * 1024 * 1024; // the `files` of a doubt, in all
constexpr qsizetype MaxBytes = MaxFiles + 2 * 1024 * 1024;
constexpr int MaxFileCount = 64;
constexpr int MaxChecks = 64;
} // namespace KpMessageLimits

namespace KpMessageCodec {

// The signed file. Error codes: "kpmsg.invalid" (a field the kind needs is
// missing or of the wrong type), "kpmsg.too-large", crypto's codes.
Result<QByteArray> sign(const KpMessage& message, const PrivateKey& deskKey, const Certificate& deskCert);

struct Read
{
    KpMessage message;
    Certificate deskCertificate; // from x5chain; its signature verified
};

// Parses a file, takes the certificate from x5chain, verifies the signature
// with it, checks the payload's fields for its kind and that `desk` and `pt`
// are the certificate's CN and C. Error codes: "kpmsg.too-large",
// "kpmsg.malformed", "kpmsg.invalid", "kpmsg.signature", "kpmsg.certificate".
Result<Read> read(const QByteArray& bytes);

// The payload's field rules, on their own (also used before signing).
Status checkPayload(const KpMessage& message);

} // namespace KpMessageCodec

} // namespace kp
