#pragma once

// What the checks' tests share (test_checks, test_authenticity_checks): a
// check's status and detail in an inspection, and a payload signed as the
// BW signer would.

#include "DeskFixture.h"

#include "format/Cbor.h"
#include "format/Kp1.h"
#include "sync/CoseSigning.h"

namespace kp::test {

inline CheckStatus statusOf(const Inspection& insp, const QString& check)
{
    const CheckResult* c = insp.check(check);
    if (!c)
        qFatal("missing check %s", qPrintable(check));
    return c->status;
}

inline QString detailOf(const Inspection& insp, const QString& check)
{
    return insp.check(check)->detail;
}

// Sign any CBOR payload as the BW signer would.
inline QString kp1FromPayload(const DeskFixture& f, const QCborValue& payload)
{
    const IssuerKeys& keys = f.issuer(QStringLiteral("BW"));
    auto cose = signCose(encodeCbor(payload), keys.signerKey, keys.signer);
    return Kp1::encode(*cose);
}

} // namespace kp::test
