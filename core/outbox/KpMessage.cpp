#include "outbox/KpMessage.h"

#include "crypto/Signature.h"
#include "format/Cbor.h"
#include "format/CertificateRecord.h"
#include "format/CoseSign1.h"
#include "verify/Inspection.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QUuid>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::KpMessage)
};

constexpr int X5Chain = 33; // COSE header label (RFC 9360)

Error invalid(const QString& why)
{
    return makeError(QStringLiteral("kpmsg.invalid"), why);
}

// One field's rule; `where` names it in the error ("body.exp.n").
class Fields
{
public:
    Fields(const QCborMap& map, QString where) : m_map(map), m_where(std::move(where)) {}

    std::optional<Error> text(const QString& key, bool nullable = false) const
    {
        const QCborValue v = m_map.value(key);
        if (v.isString() || (nullable && v.isNull()))
            return std::nullopt;
        return invalid(Tr::tr("%1 must be text.").arg(name(key)));
    }
    std::optional<Error> uint(const QString& key) const
    {
        const QCborValue v = m_map.value(key);
        if (v.isInteger() && v.toInteger() >= 0)
            return std::nullopt;
        return invalid(Tr::tr("%1 must be an unsigned integer.").arg(name(key)));
    }
    std::optional<Error> map(const QString& key, bool nullable = false) const
    {
        const QCborValue v = m_map.value(key);
        if (v.isMap() || (nullable && v.isNull()))
            return std::nullopt;
        return invalid(Tr::tr("%1 must be a map.").arg(name(key)));
    }
    std::optional<Error> texts(const QString& key, bool nonEmpty = false) const
    {
        const QCborValue v = m_map.value(key);
        if (!v.isArray() || (nonEmpty && v.toArray().isEmpty()))
            return invalid(Tr::tr("%1 must be a list of text.").arg(name(key)));
        for (const QCborValue& item : v.toArray())
            if (!item.isString())
                return invalid(Tr::tr("%1 must be a list of text.").arg(name(key)));
        return std::nullopt;
    }
    QString name(const QString& key) const { return m_where.isEmpty() ? key : m_where + u'.' + key; }

private:
    const QCborMap& m_map;
    QString m_where;
};

// The first error among the checks, if any.
std::optional<Error> firstOf(std::initializer_list<std::optional<Error>> checks)
{
    for (const auto& c : checks)
        if (c)
            return c;
    return std::nullopt;
}

std::optional<Error> checkParty(const QCborMap& body, const QString& key)
{
    if (auto e = Fields(body, QStringLiteral("body")).map(key))
        return e;
    const QCborMap party = body.value(key).toMap();
    const Fields f(party, QStringLiteral("body.") + key);
    return firstOf({f.text(QStringLiteral("n")), f.text(QStringLiteral("a"))});
}

std::optional<Error> checkConfirmation(const QCborMap& body)
{
    const Fields f(body, QStringLiteral("body"));
    if (auto e = firstOf({f.text(QStringLiteral("no")), f.text(QStringLiteral("iss")),
                          f.text(QStringLiteral("recv")), f.uint(QStringLiteral("np")),
                          f.uint(QStringLiteral("cct")), checkParty(body, QStringLiteral("exp")),
                          checkParty(body, QStringLiteral("imp")), f.text(QStringLiteral("auth")),
                          f.text(QStringLiteral("officer"))}))
        return e;
    if (!isCertificateNumber(body.value(QStringLiteral("no")).toString()))
        return invalid(Tr::tr("body.no is not a certificate number."));
    if (!QDate::fromString(body.value(QStringLiteral("recv")).toString(), Qt::ISODate).isValid())
        return invalid(Tr::tr("body.recv must be a date (YYYY-MM-DD)."));
    return std::nullopt;
}

std::optional<Error> checkChecks(const QCborValue& checks)
{
    if (!checks.isArray() || checks.toArray().size() > KpMessageLimits::MaxChecks)
        return invalid(
            Tr::tr("body.checks must be a list of at most %1 checks.").arg(KpMessageLimits::MaxChecks));
    for (const QCborValue& c : checks.toArray()) {
        if (!c.isMap())
            return invalid(Tr::tr("Each of body.checks must be a map."));
        const QCborMap m = c.toMap();
        const Fields f(m, QStringLiteral("body.checks[]"));
        if (auto e = firstOf({f.text(QStringLiteral("check")), f.text(QStringLiteral("status")),
                              f.text(QStringLiteral("detail"))}))
            return e;
        if (!checkStatusFromName(m.value(QStringLiteral("status")).toString()))
            return invalid(Tr::tr("A check's status must be pass, warn, fail or skip."));
    }
    return std::nullopt;
}

std::optional<Error> checkFiles(const QCborValue& files)
{
    if (!files.isArray() || files.toArray().size() > KpMessageLimits::MaxFileCount)
        return invalid(
            Tr::tr("body.files must be a list of at most %1 files.").arg(KpMessageLimits::MaxFileCount));
    qsizetype total = 0;
    for (const QCborValue& file : files.toArray()) {
        if (!file.isMap())
            return invalid(Tr::tr("Each of body.files must be a map."));
        const QCborMap m = file.toMap();
        const Fields f(m, QStringLiteral("body.files[]"));
        if (auto e = firstOf({f.text(QStringLiteral("name")), f.text(QStringLiteral("type"))}))
            return e;
        const QCborValue sha = m.value(QStringLiteral("sha256"));
        const QCborValue data = m.value(QStringLiteral("data"));
        if (!sha.isByteArray() || sha.toByteArray().size() != 32 || !data.isByteArray())
            return invalid(Tr::tr("A file needs its sha256 (32 bytes) and its data."));
        total += data.toByteArray().size();
        if (total > KpMessageLimits::MaxFiles)
            return makeError(QStringLiteral("kpmsg.too-large"),
                             Tr::tr("The files of a message may hold at most %1 MiB in all.")
                                 .arg(KpMessageLimits::MaxFiles / (1024 * 1024)));
        if (QCryptographicHash::hash(data.toByteArray(), QCryptographicHash::Sha256) != sha.toByteArray())
            return invalid(Tr::tr("The file %1 does not match its sha256.")
                               .arg(m.value(QStringLiteral("name")).toString()));
    }
    return std::nullopt;
}

std::optional<Error> checkDoubt(const QCborMap& body)
{
    const Fields f(body, QStringLiteral("body"));
    if (auto e =
            firstOf({f.text(QStringLiteral("case")), f.text(QStringLiteral("no")),
                     f.text(QStringLiteral("kp1"), true), f.text(QStringLiteral("verdict")),
                     checkChecks(body.value(QStringLiteral("checks"))),
                     f.map(QStringLiteral("physical"), true), f.texts(QStringLiteral("reasons")),
                     f.text(QStringLiteral("notes")), f.map(QStringLiteral("decision"), true),
                     f.texts(QStringLiteral("to"), true), checkFiles(body.value(QStringLiteral("files")))}))
        return e;
    if (QUuid::fromString(body.value(QStringLiteral("case")).toString()).isNull())
        return invalid(Tr::tr("body.case must be the case's UUID."));
    if (!verdictFromName(body.value(QStringLiteral("verdict")).toString()))
        return invalid(Tr::tr("body.verdict must be accept, doubt or reject."));
    if (body.value(QStringLiteral("decision")).isMap()) {
        const QCborMap d = body.value(QStringLiteral("decision")).toMap();
        const Fields df(d, QStringLiteral("body.decision"));
        if (auto e = firstOf({df.text(QStringLiteral("by")), df.text(QStringLiteral("at")),
                              df.text(QStringLiteral("outcome")), df.text(QStringLiteral("reason"))}))
            return e;
    }
    static const QRegularExpression addressee(QStringLiteral("^([A-Z]{2}|KP-CHAIR|KP-WGM)$"));
    for (const QCborValue& to : body.value(QStringLiteral("to")).toArray())
        if (!addressee.match(to.toString()).hasMatch())
            return invalid(Tr::tr("An addressee is a participant's code, KP-CHAIR or KP-WGM, not %1.")
                               .arg(to.toString().left(40)));
    return std::nullopt;
}

QCborMap payloadOf(const KpMessage& m)
{
    QCborMap p;
    p.insert(QStringLiteral("fmt"), QStringLiteral("kpmsg"));
    p.insert(QStringLiteral("v"), 1);
    p.insert(QStringLiteral("kind"), messageKindName(m.kind));
    p.insert(QStringLiteral("id"), m.id);
    p.insert(QStringLiteral("desk"), m.desk);
    p.insert(QStringLiteral("pt"), m.participant);
    p.insert(QStringLiteral("at"), m.at.toUTC().toString(Qt::ISODate));
    p.insert(QStringLiteral("n"), qint64(m.n));
    p.insert(QStringLiteral("audit"), QCborArray{qint64(m.audit.count), m.audit.hash});
    p.insert(QStringLiteral("body"), m.body);
    return p;
}

Result<KpMessage> messageFrom(const QCborMap& p)
{
    const Fields f(p, QString());
    if (p.value(QStringLiteral("fmt")).toString() != QLatin1String("kpmsg") ||
        p.value(QStringLiteral("v")).toInteger(-1) != 1)
        return invalid(Tr::tr("Not a kpmsg version 1 message."));
    if (auto e = firstOf({f.text(QStringLiteral("kind")), f.text(QStringLiteral("desk")),
                          f.text(QStringLiteral("pt")), f.text(QStringLiteral("at")),
                          f.uint(QStringLiteral("n")), f.map(QStringLiteral("body"))}))
        return *e;
    KpMessage m;
    const auto kind = messageKindFromName(p.value(QStringLiteral("kind")).toString());
    if (!kind)
        return invalid(Tr::tr("kind must be confirmation or doubt."));
    m.kind = *kind;
    const QCborValue id = p.value(QStringLiteral("id"));
    if (!id.isByteArray() || id.toByteArray().size() != 16)
        return invalid(Tr::tr("id must be 16 bytes."));
    m.id = id.toByteArray();
    m.desk = p.value(QStringLiteral("desk")).toString();
    m.participant = p.value(QStringLiteral("pt")).toString();
    m.at = QDateTime::fromString(p.value(QStringLiteral("at")).toString(), Qt::ISODate);
    if (!m.at.isValid() || m.at.timeSpec() == Qt::LocalTime)
        return invalid(Tr::tr("at must be a time in RFC 3339 with its zone."));
    m.at = m.at.toUTC();
    m.n = quint64(p.value(QStringLiteral("n")).toInteger());
    const QCborValue audit = p.value(QStringLiteral("audit"));
    if (!audit.isArray() || audit.toArray().size() != 2 || !audit.toArray().at(0).isInteger() ||
        audit.toArray().at(0).toInteger() < 0 || !audit.toArray().at(1).isByteArray() ||
        audit.toArray().at(1).toByteArray().size() != 32)
        return invalid(Tr::tr("audit must be [entries, the head's 32-byte hash]."));
    m.audit = {quint64(audit.toArray().at(0).toInteger()), audit.toArray().at(1).toByteArray()};
    m.body = p.value(QStringLiteral("body")).toMap();
    return m;
}

} // namespace

QString messageKindName(MessageKind kind)
{
    return kind == MessageKind::Confirmation ? QStringLiteral("confirmation") : QStringLiteral("doubt");
}

std::optional<MessageKind> messageKindFromName(const QString& name)
{
    if (name == QLatin1String("confirmation"))
        return MessageKind::Confirmation;
    if (name == QLatin1String("doubt"))
        return MessageKind::Doubt;
    return std::nullopt;
}

QString KpMessage::fileName() const
{
    return QStringLiteral("%1-%2-%3.kpmsg")
        .arg(desk)
        .arg(n, 8, 10, QLatin1Char('0'))
        .arg(messageKindName(kind));
}

QString KpMessage::idText() const
{
    return QUuid::fromRfc4122(id).toString(QUuid::WithoutBraces);
}

Status KpMessageCodec::checkPayload(const KpMessage& m)
{
    if (m.id.size() != 16)
        return invalid(Tr::tr("id must be 16 bytes."));
    if (m.n == 0)
        return invalid(Tr::tr("n counts from 1."));
    static const QRegularExpression deskId(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!deskId.match(m.desk).hasMatch()) // it names files: no slashes, no dots first
        return invalid(Tr::tr("The desk's id may hold letters, digits, '.', '_' and '-' (at most 64)."));
    static const QRegularExpression code(QStringLiteral("^[A-Z]{2}$"));
    if (!code.match(m.participant).hasMatch())
        return invalid(Tr::tr("pt must be a participant's two-letter code."));
    if (m.audit.hash.size() != 32)
        return invalid(Tr::tr("audit must be [entries, the head's 32-byte hash]."));
    const auto e = m.kind == MessageKind::Confirmation ? checkConfirmation(m.body) : checkDoubt(m.body);
    if (e)
        return *e;
    return success();
}

Result<QByteArray> KpMessageCodec::sign(const KpMessage& message, const PrivateKey& deskKey,
                                        const Certificate& deskCert)
{
    if (auto c = checkPayload(message); !c)
        return c.error();
    const QByteArray payload = encodeCbor(payloadOf(message));
    if (payload.size() > KpMessageLimits::MaxBytes - 64 * 1024)
        return makeError(QStringLiteral("kpmsg.too-large"), Tr::tr("The message is too large."));
    const CoseAlgorithm alg = defaultAlgorithmFor(deskKey.type());
    CoseSign1 cose;
    cose.protectedHeader.insert(1, int(alg));
    cose.protectedHeader.insert(4, deskCert.kid());
    cose.protectedBytes = encodeCbor(cose.protectedHeader);
    cose.unprotectedHeader.insert(X5Chain, deskCert.der());
    cose.algorithmId = int(alg);
    cose.kid = deskCert.kid();
    cose.payload = payload;
    auto signature = signData(alg, deskKey, cose.toBeSigned());
    if (!signature)
        return signature.error();
    cose.signature = *signature;
    return cose.encode(true);
}

Result<KpMessageCodec::Read> KpMessageCodec::read(const QByteArray& bytes)
{
    if (bytes.size() > KpMessageLimits::MaxBytes)
        return makeError(
            QStringLiteral("kpmsg.too-large"),
            Tr::tr("A message may be at most %1 MiB.").arg(KpMessageLimits::MaxBytes / (1024 * 1024)));
    auto cose = CoseSign1::parse(bytes, KpMessageLimits::MaxBytes);
    if (!cose)
        return makeError(QStringLiteral("kpmsg.malformed"), cose.error().message);
    const QCborValue x5 = cose->unprotectedHeader.value(X5Chain);
    if (!x5.isByteArray())
        return makeError(QStringLiteral("kpmsg.certificate"),
                         Tr::tr("The message does not carry its desk certificate (x5chain)."));
    auto cert = Certificate::fromDer(x5.toByteArray());
    if (!cert)
        return makeError(QStringLiteral("kpmsg.certificate"), cert.error().message);
    const auto alg = coseAlgorithmFromId(cose->algorithmId);
    if (!alg || !algorithmMatchesKey(*alg, cert->publicKey().type()) || cose->kid != cert->kid() ||
        !verifySignature(*alg, cert->publicKey(), cose->toBeSigned(), cose->signature))
        return makeError(QStringLiteral("kpmsg.signature"),
                         Tr::tr("The signature does not verify with the desk certificate it carries."));
    CborLimits limits;
    limits.maxBytes = KpMessageLimits::MaxBytes;
    limits.maxDepth = 8;
    limits.maxItems = 20000;
    auto payload = parseCbor(cose->payload, limits);
    if (!payload)
        return makeError(QStringLiteral("kpmsg.malformed"), payload.error().message);
    if (!payload->isMap())
        return makeError(QStringLiteral("kpmsg.malformed"), Tr::tr("The payload is not a map."));
    auto message = messageFrom(payload->toMap());
    if (!message)
        return message.error();
    if (auto c = checkPayload(*message); !c)
        return c.error();
    if (message->desk != cert->subjectCommonName() || message->participant != cert->subjectCountry())
        return makeError(
            QStringLiteral("kpmsg.certificate"),
            Tr::tr("The message says desk %1 of %2, its certificate %3 of %4.")
                .arg(message->desk, message->participant, cert->subjectCommonName(), cert->subjectCountry()));
    return Read{*message, *cert};
}

} // namespace kp
