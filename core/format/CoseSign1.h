#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QCborMap>

namespace kp {

// RFC 9052 COSE_Sign1, tagged (18) or untagged.
struct CoseSign1
{
    QByteArray protectedBytes; // the serialized protected header (bstr content)
    QCborMap protectedHeader;
    QCborMap unprotectedHeader;
    QByteArray payload;
    QByteArray signature;

    qint64 algorithmId = 0; // label 1 from the protected header
    QByteArray kid;         // label 4: protected header, else unprotected

    // Error codes: "cose.malformed" (not a 4-element array, wrong types, bad
    // tag, missing alg, detached payload), "cbor.*" from parseCbor.
    // maxBytes: the most a caller takes from outside (1 MiB for barcodes and bundles).
    static Result<CoseSign1> parse(const QByteArray& bytes, qsizetype maxBytes = 1 << 20);

    // Sig_structure ["Signature1", protected, external_aad, payload].
    static QByteArray toBeSigned(const QByteArray& protectedBytes, const QByteArray& payload,
                                 const QByteArray& externalAad = {});
    QByteArray toBeSigned(const QByteArray& externalAad = {}) const;

    // Serializes with tag 18 when tagged is true.
    QByteArray encode(bool tagged = true) const;
};

} // namespace kp
