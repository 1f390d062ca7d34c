// Bundles from a file (kp-sync.md): what is applied, and every way a bundle
// is refused without changing anything in the cache.
#include "SyncFixture.h"
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "format/Cbor.h"
#include "sync/BundleApplier.h"
#include "sync/BundleWriter.h"
#include "sync/CoseSigning.h"
#include "util/Clock.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>

using namespace kp;

namespace {

const QDateTime Now(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

struct SigningKey
{
    PrivateKey key;
    Certificate cert;
};

SigningKey makeBundleKey(const QString& country)
{
    SigningKey k;
    k.key = *PrivateKey::generate(KeyType::EcP256);
    CertificateSpec spec;
    spec.country = country;
    spec.commonName = country + QStringLiteral(" bundle signer");
    spec.notBefore = Now.addYears(-1);
    spec.notAfter = Now.addYears(3);
    k.cert = *CertificateFactory::makeSelfSignedSigner(k.key, spec);
    return k;
}

// A certificate record in a COSE_Sign1. Bundles store it as signed bytes;
// its signature is checked when a desk uses it, not when it is applied.
QByteArray signedRecord(const QString& number, const SigningKey& signer)
{
    const QCborMap record = test::certificateRecord(number);
    return *signCose(encodeCbor(record), signer.key, signer.cert);
}

// A bundle file split into its envelope (signed manifest) and its parts.
struct BundleBytes
{
    CoseSign1 envelope;
    BundleManifest manifest;
    QByteArray parts;
};

BundleBytes splitBundle(const QByteArray& file)
{
    const qsizetype envelopeLength = *cborItemLength(file);
    BundleBytes b;
    b.envelope = *CoseSign1::parse(file.left(envelopeLength));
    b.manifest = *BundleManifest::fromCbor(QCborValue::fromCbor(b.envelope.payload));
    b.parts = file.mid(envelopeLength);
    return b;
}

} // namespace

class TestBundles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SigningKey m_home = makeBundleKey(QStringLiteral("BE"));
    SigningKey m_issuer = makeBundleKey(QStringLiteral("BW"));
    FixedClock m_clock{Now};
    std::unique_ptr<CacheDatabase> m_db;
    int m_files = 0;

    QString path(const QString& name) { return m_dir.filePath(name); }

    BundleManifest header(quint64 seq, quint64 base, const QString& pub = QStringLiteral("BE"))
    {
        BundleManifest m;
        m.publisher = pub;
        m.seq = seq;
        m.base = base;
        m.at = Now.addDays(-1);
        m.fresh = Now.addDays(13);
        return m;
    }

    // A bundle with `records` certificates BW-2026-<i> and one revocation per seq.
    QString writeBundle(quint64 seq, quint64 base, int records, const SigningKey& key,
                        const QString& pub = QStringLiteral("BE"))
    {
        BundleWriter w(header(seq, base, pub));
        w.addParticipant({QStringLiteral("BW"),
                          QStringLiteral("Botswana"),
                          QStringLiteral("active"),
                          QDate(2003, 1, 1),
                          {},
                          {}});
        w.addSigner(m_issuer.cert.der(), {}, {});
        for (int i = 0; i < records; ++i)
            w.addCertificate(signedRecord(QStringLiteral("BW-2026-%1").arg(i + int(seq) * 1000), m_issuer));
        w.addRevocation({QStringLiteral("BW-2026-R%1").arg(seq),
                         QStringLiteral("stolen"),
                         QStringLiteral("2026-11-01"),
                         QStringLiteral("BW"),
                         {}});
        w.addRule(QStringLiteral("max_validity_days"), 60);
        const QString file = path(QStringLiteral("b%1.kpsync").arg(++m_files));
        const Status s = w.finish(file, key.key, key.cert);
        if (!s.ok())
            qWarning() << s.error().message;
        return file;
    }

    QString writeBytes(const QByteArray& bytes)
    {
        const QString file = path(QStringLiteral("raw%1.kpsync").arg(++m_files));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qWarning() << "cannot write" << file;
        return file;
    }

    // The same parts under a changed manifest, signed again with the home key.
    QString resignedWith(const QString& bundle, const std::function<void(BundleManifest&)>& change,
                         const QByteArray& parts = {})
    {
        BundleBytes b = splitBundle(test::readFile(bundle));
        change(b.manifest);
        const QByteArray envelope = *signCose(encodeCbor(b.manifest.toCbor()), m_home.key, m_home.cert);
        return writeBytes(envelope + (parts.isNull() ? b.parts : parts));
    }

    void expectRefused(const QString& bundle, const QString& code)
    {
        const QStringList before = test::dumpCache(*m_db);
        const auto report = applyBundleFile(*m_db, bundle, m_clock);
        QVERIFY2(!report.ok(), "the bundle was applied");
        QVERIFY2(report.error().code == code || code.isEmpty(),
                 qPrintable(report.error().code + QStringLiteral(": ") + report.error().message));
        QVERIFY(!report.error().message.isEmpty());
        QCOMPARE(test::dumpCache(*m_db), before);
    }

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void init()
    {
        m_db.reset();
        QFile::remove(path(QStringLiteral("desk.db")));
        auto db =
            CacheDatabase::open(path(QStringLiteral("desk.db")), CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        QVERIFY(m_db->setParticipant(QStringLiteral("BE")).ok());
        QVERIFY(m_db->addPinnedBundleKey(m_home.cert.der()).ok());
    }

    void fullThenDeltaApply()
    {
        const auto full = applyBundleFile(*m_db, writeBundle(1, 0, 5, m_home), m_clock);
        QVERIFY2(full.ok(), qPrintable(full.ok() ? QString() : full.error().message));
        QCOMPARE(full->seq, quint64(1));
        QCOMPARE(full->counts.value(QStringLiteral("certs")), quint64(5));
        QCOMPARE(m_db->counts()->certs, 5);
        QCOMPARE(m_db->syncState()->seq, quint64(1));
        QCOMPARE(m_db->syncState()->publisher, QStringLiteral("BE"));
        QCOMPARE(m_db->syncState()->freshUntil, Now.addDays(13));
        QVERIFY(m_db->certificateRecord(QStringLiteral("BW-2026-1000"))->has_value());

        const auto delta = applyBundleFile(*m_db, writeBundle(2, 1, 3, m_home), m_clock);
        QVERIFY2(delta.ok(), qPrintable(delta.ok() ? QString() : delta.error().message));
        QCOMPARE(m_db->syncState()->seq, quint64(2));
        QCOMPARE(m_db->counts()->certs, 8); // a delta adds to the cache
        QVERIFY(m_db->revocation(QStringLiteral("BW-2026-R1"))->has_value());
        QVERIFY(m_db->revocation(QStringLiteral("BW-2026-R2"))->has_value());
    }

    void fullSnapshotReplacesTheCache()
    {
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 5, m_home), m_clock).ok());
        QVERIFY(applyBundleFile(*m_db, writeBundle(7, 0, 2, m_home), m_clock).ok());
        QCOMPARE(m_db->counts()->certs, 2);
        QVERIFY(!m_db->certificateRecord(QStringLiteral("BW-2026-1000"))->has_value());
        QVERIFY(!m_db->revocation(QStringLiteral("BW-2026-R1"))->has_value());
        QCOMPARE(m_db->syncState()->seq, quint64(7));
    }

    void storesSignedBytesAsSigned()
    {
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 1, m_home), m_clock).ok());
        const auto stored = m_db->certificateRecord(QStringLiteral("BW-2026-1000")).value();
        QVERIFY(stored.has_value());
        const auto cose = CoseSign1::parse(*stored);
        QVERIFY(cose.ok());
        QVERIFY(verifyCoseWithAny(*cose, {m_issuer.cert.der()}).ok());
    }

    void acceptsAnyPinnedKey()
    {
        const SigningKey next = makeBundleKey(QStringLiteral("BE"));
        QVERIFY(m_db->addPinnedBundleKey(next.cert.der()).ok()); // key rollover
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 1, next), m_clock).ok());
        QVERIFY(applyBundleFile(*m_db, writeBundle(2, 1, 1, m_home), m_clock).ok());
    }

    void refusesAnotherKey()
    {
        expectRefused(writeBundle(1, 0, 2, makeBundleKey(QStringLiteral("BE"))),
                      QStringLiteral("bundle.signature"));
    }

    void refusesAnotherPublisher()
    {
        expectRefused(writeBundle(1, 0, 2, m_home, QStringLiteral("FR")), QStringLiteral("bundle.publisher"));
    }

    void refusesReplayOfOlderBundle()
    {
        const QString first = writeBundle(1, 0, 2, m_home);
        QVERIFY(applyBundleFile(*m_db, first, m_clock).ok());
        QVERIFY(applyBundleFile(*m_db, writeBundle(2, 1, 1, m_home), m_clock).ok());
        expectRefused(first, QStringLiteral("bundle.replay"));
        expectRefused(writeBundle(2, 0, 1, m_home), QStringLiteral("bundle.replay")); // same seq again
        QVERIFY(m_db->revocation(QStringLiteral("BW-2026-R2"))->has_value());
    }

    void refusesDeltaOutOfOrder()
    {
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 2, m_home), m_clock).ok());
        expectRefused(writeBundle(3, 2, 1, m_home), QStringLiteral("bundle.base"));
    }

    void refusesDeltaOnEmptyCache()
    {
        expectRefused(writeBundle(2, 1, 1, m_home), QStringLiteral("bundle.base"));
    }

    void refusesTamperedBytes_data()
    {
        QTest::addColumn<int>("where"); // 0: manifest payload, 1: signature, 2: part
        QTest::newRow("manifest") << 0;
        QTest::newRow("signature") << 1;
        QTest::newRow("part") << 2;
    }
    void refusesTamperedBytes()
    {
        QFETCH(int, where);
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 2, m_home), m_clock).ok());
        QByteArray bytes = test::readFile(writeBundle(2, 1, 4, m_home));
        const qsizetype envelopeLength = *cborItemLength(bytes);
        const BundleBytes b = splitBundle(bytes);
        qsizetype at = 0;
        if (where == 0)
            at = bytes.indexOf(b.envelope.payload) + b.envelope.payload.size() / 2;
        else if (where == 1)
            at = envelopeLength - 5;
        else
            at = envelopeLength + (bytes.size() - envelopeLength) / 2;
        bytes[at] = char(bytes[at] ^ 0x01);
        expectRefused(writeBytes(bytes), where == 2 ? QStringLiteral("bundle.hash") : QString());
    }

    void refusesTruncatedBundle()
    {
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 2, m_home), m_clock).ok());
        const QByteArray bytes = test::readFile(writeBundle(2, 1, 20, m_home));
        const qsizetype envelopeLength = *cborItemLength(bytes);
        for (qsizetype cut : {qsizetype(0), qsizetype(1), envelopeLength / 2, envelopeLength,
                              envelopeLength + 1, (bytes.size() + envelopeLength) / 2, bytes.size() - 1})
            expectRefused(writeBytes(bytes.left(cut)), QString());
        expectRefused(writeBytes(bytes + QByteArray("x")), QStringLiteral("bundle.trailing"));
    }

    // A manifest signed correctly that lies about its parts.
    void refusesLyingManifest_data()
    {
        QTest::addColumn<int>("lie");
        QTest::newRow("n one more") << 0;
        QTest::newRow("n one less") << 1;
        QTest::newRow("len one less") << 2;
        QTest::newRow("sha256 of other bytes") << 3;
        QTest::newRow("part dropped") << 4;
    }
    void refusesLyingManifest()
    {
        QFETCH(int, lie);
        const QString bundle = writeBundle(1, 0, 4, m_home);
        expectRefused(resignedWith(bundle,
                                   [lie](BundleManifest& m) {
                                       PartInfo& certs = m.parts[m.parts.size() > 2 ? 2 : 0];
                                       switch (lie) {
                                       case 0:
                                           certs.count += 1;
                                           break;
                                       case 1:
                                           certs.count -= 1;
                                           break;
                                       case 2:
                                           certs.length -= 1;
                                           break;
                                       case 3:
                                           certs.sha256 =
                                               QCryptographicHash::hash("x", QCryptographicHash::Sha256);
                                           break;
                                       default:
                                           m.parts.removeLast();
                                           break;
                                       }
                                   }),
                      QString());
    }

    void refusesMalformedRecord()
    {
        // A part whose bytes match the manifest but hold a record that is not one.
        const QString bundle = writeBundle(1, 0, 1, m_home);
        const QByteArray badPart =
            encodeCbor(QCborMap{{QStringLiteral("c"), 7}}) + encodeCbor(QByteArray("not a cose"));
        expectRefused(resignedWith(
                          bundle,
                          [&](BundleManifest& m) {
                              const QByteArray first = encodeCbor(QCborMap{{QStringLiteral("c"), 7}});
                              m.parts = {
                                  PartInfo{QStringLiteral("participants"), 1, quint64(first.size()),
                                           QCryptographicHash::hash(first, QCryptographicHash::Sha256)},
                                  PartInfo{QStringLiteral("certs"), 1, quint64(badPart.size() - first.size()),
                                           QCryptographicHash::hash(badPart.mid(first.size()),
                                                                    QCryptographicHash::Sha256)}};
                          },
                          badPart),
                      QStringLiteral("bundle.record"));
    }

    void refusesFilesThatAreNotBundles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("hello, this is not a bundle\n");
        QTest::newRow("CBOR but not COSE")
            << encodeCbor(QCborMap{{QStringLiteral("fmt"), QStringLiteral("kpsync")}});
        QTest::newRow("nested 10000 deep") << QByteArray(10000, char(0x81));
        QTest::newRow("random") << QByteArray::fromHex("d2845820a1012640") + QByteArray(4096, char(0xA5));
    }
    void refusesFilesThatAreNotBundles()
    {
        QFETCH(QByteArray, bytes);
        expectRefused(writeBytes(bytes), QString());
    }

    void refusesMissingFile()
    {
        expectRefused(path(QStringLiteral("no-such-file.kpsync")), QStringLiteral("bundle.unreadable"));
    }

    void refusesWhenNoKeyIsPinned()
    {
        m_db.reset();
        auto db = CacheDatabase::open(path(QStringLiteral("unpinned.db")),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        expectRefused(writeBundle(1, 0, 1, m_home), QStringLiteral("bundle.signature"));
    }

    void appliesAfterARefusal()
    {
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 2, m_home), m_clock).ok());
        const QByteArray good = test::readFile(writeBundle(2, 1, 3, m_home));
        expectRefused(writeBytes(good.left(good.size() - 3)), QString());
        QVERIFY(applyBundleFile(*m_db, writeBytes(good), m_clock).ok());
        QCOMPARE(m_db->syncState().seq, quint64(2));
    }
};

QTEST_GUILESS_MAIN(TestBundles)
#include "test_bundles.moc"
