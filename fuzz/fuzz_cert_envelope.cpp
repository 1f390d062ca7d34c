// The small decoder of a `certs` record's envelope (core/sync/CertEnvelope_p.h).
//
// Input: the content of a `certs` record's byte string. Whatever the decoder
// accepts must also parse with Qt's CBOR parser as a COSE_Sign1 whose payload
// is a map with that text `no`, and the views it returns must lie inside the
// input.
#include "FuzzSupport.h"
#include "format/Cbor.h"
#include "sync/CertEnvelope_p.h"

#include <QCborArray>
#include <QCborMap>

using namespace kp;

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const auto decoded = decodeCertEnvelope(input);
    if (!decoded)
        return 0;
    const auto inside = [&](QByteArrayView v) {
        return v.isEmpty() ||
               (v.data() >= input.constData() && v.data() + v.size() <= input.constData() + input.size());
    };
    if (!inside(decoded->number) || !inside(decoded->issuer) || !inside(decoded->issued))
        fuzz::fail("a view outside the input");
    const auto cose = parseCbor(input);
    if (!cose)
        fuzz::fail("accepted what the CBOR parser refuses");
    const QCborValue value = cose->isTag() ? cose->taggedValue() : *cose;
    const QCborArray array = value.toArray();
    if (!value.isArray() || array.size() != 4 || !array.at(2).isByteArray())
        fuzz::fail("accepted what is not a COSE_Sign1");
    const auto payload = parseCbor(array.at(2).toByteArray());
    if (!payload || !payload->isMap())
        fuzz::fail("accepted a payload that is not a map");
    if (payload->toMap().value(QStringLiteral("no")).toString().toUtf8() != decoded->number.toByteArray())
        fuzz::fail("a different no");
    return 0;
}
