// kpmsg (core/outbox/KpMessage): what an authority reads from its intake.
// The first byte chooses: even, the bytes are a whole message file (the
// envelope, x5chain, the signature); odd, the rest is a payload that this
// target signs with a desk key of its own first, so the fuzzer reaches the
// payload's checks behind a signature that holds.
#include "FuzzSupport.h"
#include "outbox/KpMessage.h"

#include "crypto/Signature.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"

using namespace kp;

namespace {

struct Desk
{
    PrivateKey key;
    Certificate cert;
};

const Desk& desk()
{
    static const Desk d = [] {
        Desk out;
        const QDateTime from(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        const auto caKey = *PrivateKey::generate(KeyType::EcP256);
        const auto ca = *CertificateFactory::makeAuthorityCa(
            caKey, {QStringLiteral("EU"), QStringLiteral("EU KP Authority"), {}, from, from.addYears(10), 1});
        out.key = *PrivateKey::generate(KeyType::EcP256);
        out.cert = *CertificateFactory::makeDeskCertificate(
            ca, caKey, out.key.publicKey(),
            {QStringLiteral("EU"), QStringLiteral("EU-ANR-03"), {}, from, from.addYears(2), 2});
        return out;
    }();
    return d;
}

QByteArray signedPayload(const QByteArray& payload)
{
    CoseSign1 cose;
    cose.protectedHeader.insert(1, int(CoseAlgorithm::ES256));
    cose.protectedHeader.insert(4, desk().cert.kid());
    cose.protectedBytes = encodeCbor(cose.protectedHeader);
    cose.unprotectedHeader.insert(33, desk().cert.der());
    cose.algorithmId = int(CoseAlgorithm::ES256);
    cose.kid = desk().cert.kid();
    cose.payload = payload;
    cose.signature = *signData(CoseAlgorithm::ES256, desk().key, cose.toBeSigned());
    return cose.encode(true);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    (void)desk();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray input = fuzz::bytes(data + 1, size - 1);
    const QByteArray file = (data[0] & 1) ? signedPayload(input) : input;
    const auto read = KpMessageCodec::read(file);
    if (read) {
        // What is taken must hold what its kind needs, and sign again the same.
        if (!KpMessageCodec::checkPayload(read->message))
            fuzz::fail("a message read does not pass its own payload checks");
        if ((data[0] & 1) && !KpMessageCodec::sign(read->message, desk().key, desk().cert))
            fuzz::fail("a message read cannot be signed again");
    }
    return 0;
}
