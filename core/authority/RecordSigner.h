#pragma once

#include "crypto/Certificate.h"
#include "format/CertificateRecord.h"

namespace kp {

// Issuing authority side: signs a certificate record as a COSE_Sign1 with the
// document signer's key, kid in the protected header (kp1-barcode.md).
Result<QByteArray> signCertificateRecord(const CertificateRecord& record, const PrivateKey& signerKey,
                                         const Certificate& signerCert);

// Signs any CBOR payload the same way (records, bundle manifests, indexes).
Result<QByteArray> signCosePayload(const QByteArray& payload, const PrivateKey& key, const Certificate& cert);

} // namespace kp
