// A desk's certificate request (core/crypto/CertificateRequest), as the home
// authority reads it from a file a desk handed in.
#include "FuzzSupport.h"
#include "crypto/CertificateRequest.h"

using namespace kp;

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto csr = CertificateRequest::fromPem(fuzz::bytes(data, size));
    if (csr) {
        (void)csr->subjectCountry();
        (void)csr->subjectCommonName();
        (void)csr->publicKey().subjectPublicKeyInfo();
    }
    return 0;
}
