#include "format/CoseSign1.h"

#include "format/Cbor.h"

#include <QCborArray>
#include <QCborStreamWriter>
#include <QCoreApplication>

namespace kp {

namespace {

constexpr quint64 CoseSign1Tag = 18;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::CoseSign1)
};

Error malformed(const QString& why)
{
    return makeError(QStringLiteral("cose.malformed"), why);
}

} // namespace

Result<CoseSign1> CoseSign1::parse(const QByteArray& bytes, qsizetype maxBytes)
{
    CborLimits limits;
    limits.maxDepth = 8; // the envelope; the payload is parsed on its own
    limits.maxItems = 1000;
    limits.maxBytes = maxBytes;
    auto parsed = parseCbor(bytes, limits);
    if (!parsed)
        return parsed.error();
    QCborValue value = *parsed;
    if (value.isTag()) {
        if (value.tag() != QCborTag(CoseSign1Tag))
            return malformed(Tr::tr("Not a COSE_Sign1: the CBOR tag is not 18."));
        value = value.taggedValue();
    }
    if (!value.isArray() || value.toArray().size() != 4)
        return malformed(Tr::tr("Not a COSE_Sign1: expected an array of four elements."));
    const QCborArray array = value.toArray();
    if (!array[0].isByteArray())
        return malformed(Tr::tr("The COSE protected header must be a byte string."));
    if (!array[1].isMap())
        return malformed(Tr::tr("The COSE unprotected header must be a map."));
    if (!array[2].isByteArray())
        return malformed(
            Tr::tr("The COSE payload must be a byte string (detached payloads are not allowed)."));
    if (!array[3].isByteArray())
        return malformed(Tr::tr("The COSE signature must be a byte string."));

    CoseSign1 cose;
    cose.protectedBytes = array[0].toByteArray();
    cose.unprotectedHeader = array[1].toMap();
    cose.payload = array[2].toByteArray();
    cose.signature = array[3].toByteArray();
    if (!cose.protectedBytes.isEmpty()) {
        CborLimits headerLimits;
        headerLimits.maxDepth = 4;
        headerLimits.maxItems = 100;
        auto header = parseCbor(cose.protectedBytes, headerLimits);
        if (!header)
            return header.error();
        if (!header->isMap())
            return malformed(Tr::tr("The COSE protected header is not a map."));
        cose.protectedHeader = header->toMap();
    }
    const QCborValue alg = cose.protectedHeader.value(1);
    if (!alg.isInteger())
        return malformed(Tr::tr("The COSE protected header has no integer algorithm (label 1)."));
    cose.algorithmId = alg.toInteger();
    QCborValue kid = cose.protectedHeader.value(4);
    if (kid.isUndefined())
        kid = cose.unprotectedHeader.value(4);
    if (!kid.isUndefined() && !kid.isByteArray())
        return malformed(Tr::tr("The COSE key identifier (label 4) must be a byte string."));
    cose.kid = kid.toByteArray();
    return cose;
}

QByteArray CoseSign1::toBeSigned(const QByteArray& protectedBytes, const QByteArray& payload,
                                 const QByteArray& externalAad)
{
    return QCborArray{QStringLiteral("Signature1"), protectedBytes, externalAad, payload}
        .toCborValue()
        .toCbor();
}

QByteArray CoseSign1::toBeSigned(const QByteArray& externalAad) const
{
    return toBeSigned(protectedBytes, payload, externalAad);
}

QByteArray CoseSign1::encode(bool tagged) const
{
    const QCborArray array{protectedBytes, unprotectedHeader, payload, signature};
    if (tagged)
        return QCborValue(QCborTag(CoseSign1Tag), array).toCbor();
    return QCborValue(array).toCbor();
}

} // namespace kp
