#pragma once

#include "verify/Inspection.h"

namespace kp {

class CacheDatabase;
struct SignedRecord;

struct AuthenticityResult
{
    CheckResult signature;
    CheckResult signer;
    QString signerSubject; // CN of the document signer that verified, if any
    QString dataError;     // set when the signers or CAs could not be read (both checks fail)
};

// The `signature` and `signer` checks: find the document signers named by the
// kid (two may share one), verify the COSE signature with each, then check
// the chain of the one that verified to an authority CA of `iss` on `di`.
// cacheOutOfDate turns an unknown signer from fail into warn (checks.md).
AuthenticityResult checkAuthenticity(const SignedRecord& signedRecord, const CacheDatabase& db,
                                     bool cacheOutOfDate);

} // namespace kp
