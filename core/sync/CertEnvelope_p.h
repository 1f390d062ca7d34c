#pragma once

// Internal to the sync module: a small decoder of a `certs` record's
// envelope (kp-sync.md), the bulk of a big bundle.
//
// It decides only what it fully understands: a COSE_Sign1 in definite-length
// CBOR (tag 18 or untagged; an array of four: protected bstr, unprotected
// map, payload bstr, signature bstr) whose payload is a definite map with a
// non-empty text `no`. Every length is checked against the bytes that are
// left before it is used, nesting is bounded, every text string must be
// valid UTF-8, and the envelope and the payload must end exactly where their
// item does. Anything else (indefinite lengths, tags inside, simple values
// other than false/true/null/undefined, unusual Unicode, errors of any kind)
// is left undecided: the caller then runs the full QCborStreamReader check,
// which accepts or refuses with its reason. So this decoder never accepts a
// record that the full check would refuse.

#include <QByteArrayView>

#include <optional>

namespace kp {

struct CertEnvelope
{
    // Views into the bytes given to decodeCertEnvelope(): valid UTF-8.
    QByteArrayView number;
    QByteArrayView issuer; // the first text `iss`; empty and !hasIssuer when none
    QByteArrayView issued; // the first text `di`
    bool hasIssuer = false;
    bool hasIssued = false;
};

// `cose`: the content of the record's byte string (at most 64 KiB is
// expected, but any size is safe). std::nullopt: undecided, see above.
std::optional<CertEnvelope> decodeCertEnvelope(QByteArrayView cose);

} // namespace kp
