// The certificate record (core/format/CertificateRecord): from CBOR as a
// KP1 code or a bundle carries it, and from JSON as the authority's issue
// command reads it. What parses must survive its own encoding.
#include "FuzzSupport.h"
#include "format/Cbor.h"
#include "format/CertificateRecord.h"

#include <QJsonDocument>

using namespace kp;

namespace {

void roundTrip(const CertificateRecord& record)
{
    const auto fromCbor = CertificateRecord::fromCbor(record.toCbor());
    if (!fromCbor)
        fuzz::fail("a parsed record does not parse from its own CBOR");
    if (!(*fromCbor == record))
        fuzz::fail("a record changes through its own CBOR");
    const auto fromJson = CertificateRecord::fromJson(record.toJson());
    if (!fromJson)
        fuzz::fail("a parsed record does not parse from its own JSON");
    if (!(*fromJson == record))
        fuzz::fail("a record changes through its own JSON");
    (void)record.totalCentiCarats();
    (void)record.totalUsdCents();
    (void)isCertificateNumber(record.number);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    if (input.startsWith('{')) {
        const QJsonDocument json = QJsonDocument::fromJson(input);
        if (json.isObject())
            if (const auto record = CertificateRecord::fromJson(json.object()))
                roundTrip(*record);
        return 0;
    }
    const auto value = parseCbor(input);
    if (!value)
        return 0;
    if (const auto record = CertificateRecord::fromCbor(*value))
        roundTrip(*record);
    return 0;
}
