#include "format/Kp1.h"

#include "format/Base45.h"
#include "format/Cbor.h"
#include "format/Zlib.h"

#include <QCoreApplication>

namespace kp {

namespace {

// A KP1 code holds at most 64 KiB after inflating; its Base45 text is at
// most 1.5 times its compressed size, which is smaller still.
constexpr qsizetype MaxTextLength = 100 * 1024;

} // namespace

Result<SignedRecord> SignedRecord::fromCose(const QByteArray& coseBytes)
{
    auto cose = CoseSign1::parse(coseBytes);
    if (!cose)
        return cose.error();
    CborLimits limits;
    limits.maxDepth = 6;
    limits.maxItems = 10000;
    limits.maxBytes = Zlib::MaxInflatedSize;
    auto payload = parseCbor(cose->payload, limits);
    if (!payload)
        return payload.error();
    auto record = CertificateRecord::fromCbor(*payload);
    if (!record)
        return record.error();
    return SignedRecord{coseBytes, std::move(cose).value(), std::move(record).value()};
}

bool Kp1::hasPrefix(QStringView text)
{
    return text.startsWith(Prefix);
}

Result<QByteArray> Kp1::unwrap(QStringView text)
{
    if (!hasPrefix(text))
        return makeError(
            QStringLiteral("kp1.prefix"),
            QCoreApplication::translate("kp::Kp1", "Not a KP1 barcode (it does not start with KP1:)."));
    if (text.size() > MaxTextLength)
        return makeError(
            QStringLiteral("kp1.too-large"),
            QCoreApplication::translate("kp::Kp1", "The KP1 text is longer than any KP1 code can be."));
    const QStringView body = text.mid(Prefix.size());
    QByteArray latin1;
    latin1.reserve(body.size());
    for (const QChar c : body) {
        if (c.unicode() > 0x7F)
            return makeError(
                QStringLiteral("base45.invalid"),
                QCoreApplication::translate("kp::Kp1", "The KP1 text has a character outside Base45."));
        latin1.append(char(c.unicode()));
    }
    auto compressed = Base45::decode(latin1);
    if (!compressed)
        return compressed.error();
    if (!compressed->startsWith(char(0x78)))
        return compressed; // uncompressed COSE
    return Zlib::inflate(*compressed);
}

Result<SignedRecord> Kp1::decode(QStringView text)
{
    auto cose = unwrap(text);
    if (!cose)
        return cose.error();
    return SignedRecord::fromCose(*cose);
}

QString Kp1::encode(const QByteArray& coseBytes)
{
    return Prefix + QString::fromLatin1(Base45::encode(Zlib::deflate(coseBytes, 9)));
}

} // namespace kp
