// A bundle into a desk (core/sync applyBundleFile) on a fresh desk cache.
//
// Input: a bundle file as published. A mutated manifest would fail its
// signature and stop there, so the harness signs the manifest again with the
// bundle key the desk pins (after setting each part's sha256 to the hash of
// the bytes the part's `len` covers, which no fuzzer could guess); the parts
// and the manifest's other fields reach the applier as mutated. Input whose
// first item is not a COSE_Sign1 is applied as it is.
#include "FuzzSupport.h"
#include "SyncFixture.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "sync/BundleApplier.h"
#include "sync/CoseSigning.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QFile>

using namespace kp;

namespace {

test::SyncFixture* g_fixture = nullptr;
QString g_pristine; // a fresh desk of BE pinning the fixture's bundle key

QByteArray resigned(const QByteArray& input)
{
    const auto length = cborItemLength(input);
    if (!length)
        return input;
    const auto cose = CoseSign1::parse(input.left(*length));
    if (!cose)
        return input;
    const QByteArray parts = input.mid(*length);
    QByteArray manifest = cose->payload;
    if (const auto value = parseCbor(manifest); value && value->isMap()) {
        QCborMap map = value->toMap();
        QCborArray list = map.value(QStringLiteral("parts")).toArray();
        qint64 offset = 0;
        for (qsizetype i = 0; i < list.size(); ++i) {
            QCborMap part = list.at(i).toMap();
            const qint64 len = part.value(QStringLiteral("len")).toInteger(-1);
            if (len < 0 || offset + len > parts.size())
                break;
            part[QStringLiteral("sha256")] =
                QCryptographicHash::hash(parts.mid(offset, len), QCryptographicHash::Sha256);
            list[i] = part;
            offset += len;
        }
        if (map.contains(QStringLiteral("parts")))
            map[QStringLiteral("parts")] = list;
        manifest = encodeCbor(map);
    }
    const auto signedManifest = signCose(manifest, g_fixture->bundleKey(), g_fixture->bundleCert());
    return signedManifest ? *signedManifest + parts : input;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::init(argc, argv);
    g_fixture = new test::SyncFixture();
    g_pristine = fuzz::scratchDir() + QStringLiteral("/pristine.db");
    g_fixture->newDesk(QStringLiteral("template.db")).reset();
    QFile::copy(g_fixture->dir() + QStringLiteral("/template.db"), g_pristine);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString deskPath = fuzz::scratchDir() + QStringLiteral("/desk.db");
    const QString bundlePath = fuzz::scratchDir() + QStringLiteral("/input.kpsync");
    QFile::remove(deskPath);
    if (!QFile::copy(g_pristine, deskPath))
        fuzz::fail("cannot copy the fresh desk");
    QFile bundle(bundlePath);
    if (!bundle.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fuzz::fail("cannot write the bundle");
    bundle.write(resigned(fuzz::bytes(data, size)));
    bundle.close();

    auto db = CacheDatabase::open(deskPath, CacheDatabase::OpenMode::MustExist);
    if (!db)
        fuzz::fail("cannot open the fresh desk");
    const auto before = (*db)->syncState();
    const auto report = applyBundleFile(**db, bundlePath, g_fixture->clock());
    // Anything wrong leaves the cache as it was; a bundle applied moves seq on.
    const auto after = (*db)->syncState();
    if (before && after) {
        if (report && after->seq != report->seq)
            fuzz::fail("an applied bundle did not set the desk's seq");
        if (!report && after->seq != before->seq)
            fuzz::fail("a refused bundle changed the desk's seq");
    }
    (void)(*db)->checkHealth(CacheDatabase::HealthLevel::Quick);
    return 0;
}
