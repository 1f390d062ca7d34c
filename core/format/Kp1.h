#pragma once

#include "format/CertificateRecord.h"
#include "format/CoseSign1.h"

namespace kp {

// A decoded KP1 barcode: the COSE envelope and the record it carries.
struct SignedRecord
{
    QByteArray coseBytes; // COSE_Sign1 as signed (what bundles carry in `certs`)
    CoseSign1 cose;
    CertificateRecord record;

    // COSE bytes -> envelope -> record. Error codes from CoseSign1/parseCbor/record.
    static Result<SignedRecord> fromCose(const QByteArray& coseBytes);
};

namespace Kp1 {
inline constexpr QLatin1StringView Prefix{"KP1:"};

bool hasPrefix(QStringView text);
// "KP1:" + Base45 + zlib -> COSE bytes. Error codes: "kp1.prefix", "base45.invalid", "zlib.*".
// A stream without a zlib header is taken as uncompressed COSE.
Result<QByteArray> unwrap(QStringView text);
Result<SignedRecord> decode(QStringView text);
QString encode(const QByteArray& coseBytes);
} // namespace Kp1

} // namespace kp
