#pragma once

#include "crypto/Certificate.h"
#include "format/CoseSign1.h"

#include <QList>

namespace kp {

// Signs a payload as a tagged COSE_Sign1: protected {alg, kid of cert}.
// Used for certificate records, bundle manifests and sync indexes.
Result<QByteArray> signCose(const QByteArray& payload, const PrivateKey& key, const Certificate& cert);

// Verifies cose with each certificate in turn (a kid only hints; every key is
// tried) and returns the one that verified. Error "cose.signature".
Result<Certificate> verifyCoseWithAny(const CoseSign1& cose, const QList<QByteArray>& certificatesDer);

} // namespace kp
