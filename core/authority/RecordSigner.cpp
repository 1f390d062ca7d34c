#include "authority/RecordSigner.h"

#include "crypto/Signature.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"

namespace kp {

Result<QByteArray> signCosePayload(const QByteArray& payload, const PrivateKey& key, const Certificate& cert)
{
    const CoseAlgorithm alg = defaultAlgorithmFor(key.type());
    CoseSign1 cose;
    cose.protectedHeader.insert(1, int(alg));
    cose.protectedHeader.insert(4, cert.kid());
    cose.protectedBytes = encodeCbor(cose.protectedHeader);
    cose.algorithmId = int(alg);
    cose.kid = cert.kid();
    cose.payload = payload;
    auto signature = signData(alg, key, cose.toBeSigned());
    if (!signature)
        return signature.error();
    cose.signature = *signature;
    return cose.encode(true);
}

Result<QByteArray> signCertificateRecord(const CertificateRecord& record, const PrivateKey& signerKey,
                                         const Certificate& signerCert)
{
    return signCosePayload(encodeCbor(record.toCbor()), signerKey, signerCert);
}

} // namespace kp
