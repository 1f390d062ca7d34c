// COSE_Sign1 (core/format/CoseSign1) and the signed record inside it.
#include "FuzzSupport.h"
#include "format/CoseSign1.h"
#include "format/Kp1.h"

using namespace kp;

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const auto cose = CoseSign1::parse(input);
    if (cose) {
        (void)cose->toBeSigned();
        // What parses must survive its own encoding.
        for (bool tagged : {true, false}) {
            const auto again = CoseSign1::parse(cose->encode(tagged));
            if (!again)
                fuzz::fail("a parsed COSE_Sign1 does not parse once encoded again");
            if (again->payload != cose->payload || again->signature != cose->signature ||
                again->algorithmId != cose->algorithmId || again->kid != cose->kid ||
                again->protectedBytes != cose->protectedBytes)
                fuzz::fail("a COSE_Sign1 changes when encoded again");
        }
    }
    (void)SignedRecord::fromCose(input);
    return 0;
}
