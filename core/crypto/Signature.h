#pragma once

#include "crypto/Keys.h"

namespace kp {

// COSE signatures as KP1 uses them:
//  ES256  ECDSA P-256 with SHA-256, signature is raw r||s, exactly 64 bytes;
//  PS256  RSASSA-PSS, SHA-256, MGF1 SHA-256, salt length 32;
//  EdDSA  Ed25519 (pure).
// Error codes: "crypto.alg-key-mismatch" (algorithm does not fit the key),
// "crypto.malformed-signature" (wrong length/encoding), "crypto.bad-signature".
Status verifySignature(CoseAlgorithm alg, const PublicKey& key, const QByteArray& data,
                       const QByteArray& signature);

// Signs data; ES256 output is raw r||s (64 bytes).
Result<QByteArray> signData(CoseAlgorithm alg, const PrivateKey& key, const QByteArray& data);

} // namespace kp
