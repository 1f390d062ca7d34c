// KP1 text to verdict: Kp1::decode, then the whole Verifier on a small desk
// cache (DeskFixture: issuers BW, NA, CA with their CAs and signers).
//
// Input: text starting with "KP1:" is taken as scanned; "#" and text is
// typed text (a certificate number); anything else is COSE_Sign1 bytes,
// wrapped into KP1 here so that mutations reach past Base45 and zlib.
#include "DeskFixture.h"
#include "FuzzSupport.h"
#include "format/Kp1.h"

using namespace kp;

namespace {
test::DeskFixture* g_desk = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    g_desk = new test::DeskFixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    QString text;
    if (input.startsWith("KP1:"))
        text = QString::fromUtf8(input);
    else if (input.startsWith('#'))
        text = QString::fromUtf8(input.mid(1));
    else
        text = Kp1::encode(input);

    (void)Kp1::decode(text);
    (void)g_desk->verifyText(text);
    return 0;
}
