#include "authority/RecordSigner.h"

#include "format/Cbor.h"
#include "sync/CoseSigning.h"

namespace kp {

Result<QByteArray> signCertificateRecord(const CertificateRecord& record, const PrivateKey& signerKey,
                                         const Certificate& signerCert)
{
    return signCose(encodeCbor(record.toCbor()), signerKey, signerCert);
}

} // namespace kp
