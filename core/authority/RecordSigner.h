#pragma once

#include "crypto/Certificate.h"
#include "format/CertificateRecord.h"

namespace kp {

// Issuing authority side: signs a certificate record as a COSE_Sign1 with the
// document signer's key, kid in the protected header (kp1-barcode.md).
Result<QByteArray> signCertificateRecord(const CertificateRecord& record, const PrivateKey& signerKey,
                                         const Certificate& signerCert);

} // namespace kp
