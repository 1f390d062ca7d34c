// The sync index (core/sync/SyncIndex): the payload a desk reads from a web
// server, parsed and planned from; and the signed envelope, both with the
// payload signed here by the pinned key (to reach the parser) and as given.
#include "FuzzSupport.h"
#include "SyncFixture.h"
#include "format/Cbor.h"
#include "sync/CoseSigning.h"
#include "sync/SyncIndex.h"

using namespace kp;

namespace {
test::SyncFixture* g_fixture = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    g_fixture = new test::SyncFixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QList<QByteArray> pinned{g_fixture->bundleCert().der()};
    if (const auto value = parseCbor(input)) {
        if (const auto index = SyncIndex::fromCbor(*value)) {
            for (quint64 deskSeq : {quint64(0), quint64(1), index->seq, index->seq - 1, index->seq + 1,
                                    index->full.seq, index->full.seq + 1})
                if (const auto plan = index->planFrom(deskSeq)) {
                    // A plan ends at the index's seq, each step a plain file name.
                    if (!plan->isEmpty() && plan->last().seq != index->seq)
                        fuzz::fail("a plan that does not end at the index's seq");
                    for (const IndexEntry& e : *plan)
                        if (e.file.contains(QLatin1Char('/')) || e.file == QLatin1String(".."))
                            fuzz::fail("a plan names a file outside the folder");
                }
            const auto again = SyncIndex::fromCbor(index->toCbor());
            if (!again)
                fuzz::fail("a parsed index does not parse from its own CBOR");
        }
    }
    (void)SyncIndex::fromSigned(input, pinned);
    if (const auto signedIndex = signCose(input, g_fixture->bundleKey(), g_fixture->bundleCert()))
        (void)SyncIndex::fromSigned(*signedIndex, pinned);
    return 0;
}
