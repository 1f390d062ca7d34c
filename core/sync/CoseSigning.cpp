#include "sync/CoseSigning.h"

#include "crypto/Signature.h"
#include "format/Cbor.h"

#include <QCoreApplication>

namespace kp {

Result<QByteArray> signCose(const QByteArray& payload, const PrivateKey& key, const Certificate& cert)
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

Result<Certificate> verifyCoseWithAny(const CoseSign1& cose, const QList<QByteArray>& certificatesDer)
{
    const auto alg = coseAlgorithmFromId(cose.algorithmId);
    if (alg) {
        const QByteArray tbs = cose.toBeSigned();
        for (const QByteArray& der : certificatesDer) {
            auto cert = Certificate::fromDer(der);
            if (cert && verifySignature(*alg, cert->publicKey(), tbs, cose.signature))
                return cert;
        }
    }
    return makeError(QStringLiteral("cose.signature"),
                     QCoreApplication::translate("kp::CoseSigning",
                                                 "The signature does not verify with any trusted key."));
}

} // namespace kp
