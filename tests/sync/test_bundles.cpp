// Bundles from a file (kp-sync.md): what is applied, and every way a bundle
// is refused without changing anything in the cache.
#include "SyncFixture.h"
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "format/Cbor.h"
#include "format/Kp1.h"
#include "sync/BundleApplier.h"
#include "sync/BundleWriter.h"
#include "sync/CoseSigning.h"
#include "sync/SyncClient.h"
#include "sync/SyncLock_p.h"
#include "util/Clock.h"
#include "verify/Verifier.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
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

    // A bundle whose only part is `name` with these records (raw CBOR items).
    QString bundleOfPart(const QString& name, const QList<QByteArray>& items)
    {
        QByteArray bytes;
        for (const QByteArray& item : items)
            bytes += item;
        return resignedWith(
            writeBundle(1, 0, 0, m_home),
            [&](BundleManifest& m) {
                m.parts = {PartInfo{name, quint64(items.size()), quint64(bytes.size()),
                                    QCryptographicHash::hash(bytes, QCryptographicHash::Sha256)}};
            },
            bytes);
    }

    // Arrays in arrays, `depth` deep.
    static QCborValue nested(int depth)
    {
        QCborValue v(1);
        for (int i = 0; i < depth; ++i)
            v = QCborArray{v};
        return v;
    }

    // A COSE_Sign1 by the issuer over any payload, as a `certs` record.
    QByteArray certsItem(const QCborValue& payload)
    {
        return encodeCbor(QCborValue(*signCose(encodeCbor(payload), m_issuer.key, m_issuer.cert)));
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

    // kp-sync.md: a `certs` record need only parse (one issuer's defective
    // record never keeps the desk from the bundle's revocations), a part the
    // desk does not know is hashed and skipped, and `contacts` and `desks` are stored.
    void appliesDefectiveRecordUnknownPartContactsAndDesks()
    {
        QCborMap defective = test::certificateRecord(QStringLiteral("BW-2026-7777"));
        defective.remove(QStringLiteral("exp"));
        const QByteArray defectiveCose = *signCose(encodeCbor(defective), m_issuer.key, m_issuer.cert);
        BundleWriter w(header(1, 0));
        w.addParticipant({QStringLiteral("BW"),
                          QStringLiteral("Botswana"),
                          QStringLiteral("active"),
                          QDate(2003, 1, 1),
                          {},
                          {}});
        w.addSigner(m_issuer.cert.der(), {}, {});
        w.addCertificate(signedRecord(QStringLiteral("BW-2026-1000"), m_issuer));
        w.addCertificate(defectiveCose);
        w.addRevocation({QStringLiteral("BW-2026-1001"),
                         QStringLiteral("stolen"),
                         QStringLiteral("2026-11-01"),
                         QStringLiteral("BW"),
                         {}});
        w.addContact({QStringLiteral("BW"),
                      QStringLiteral("authority"),
                      QStringLiteral("Government Diamond Valuator"),
                      QStringLiteral("gdv@example.invalid"),
                      {},
                      QStringLiteral("Gaborone")});
        w.addContact({QStringLiteral("KP"), QStringLiteral("chair"), QStringLiteral("KP Chair"), {}, {}, {}});
        const QByteArray enrolledDesk(32, '\x11');
        const QByteArray revokedDesk(32, '\x22');
        w.addDeskCertificate({enrolledDesk, QStringLiteral("EU-ANR-01"), {}});
        w.addDeskCertificate({revokedDesk, QStringLiteral("EU-ANR-02"), QDate(2026, 11, 2)});
        const QString written = path(QStringLiteral("defective.kpsync"));
        QVERIFY(w.finish(written, m_home.key, m_home.cert).ok());
        // A part from a newer authority, after the known ones.
        const QByteArray future =
            encodeCbor(QCborMap{{QStringLiteral("x"), 1}}) + encodeCbor(QByteArray("anything at all"));
        const QString bundle = resignedWith(
            written,
            [&](BundleManifest& m) {
                m.parts.append(PartInfo{QStringLiteral("future"), 2, quint64(future.size()),
                                        QCryptographicHash::hash(future, QCryptographicHash::Sha256)});
            },
            splitBundle(test::readFile(written)).parts + future);

        const auto report = applyBundleFile(*m_db, bundle, m_clock);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->skipped, QStringList{QStringLiteral("future")});
        QCOMPARE(report->counts.value(QStringLiteral("certs")), quint64(2));
        QCOMPARE(report->counts.value(QStringLiteral("contacts")), quint64(2));
        QCOMPARE(m_db->counts()->certs, 2);
        QCOMPARE(m_db->counts()->contacts, 2);
        QVERIFY(m_db->revocation(QStringLiteral("BW-2026-1001"))->has_value());
        QCOMPARE(m_db->certificateRecord(QStringLiteral("BW-2026-7777"))->value(), defectiveCose);
        const auto contacts = m_db->contacts();
        QVERIFY(contacts.ok());
        QCOMPARE(contacts->size(), 2);
        QCOMPARE(contacts->at(0).participant, QStringLiteral("BW"));
        QCOMPARE(contacts->at(0).email, QStringLiteral("gdv@example.invalid"));
        QCOMPARE(contacts->at(0).address, QStringLiteral("Gaborone"));
        QCOMPARE(contacts->at(1).role, QStringLiteral("chair"));
        QCOMPARE(m_db->contacts(QStringLiteral("KP"))->size(), 1);
        // The list of desks (docs/spec-notes.md, part `desks`).
        QCOMPARE(m_db->counts()->desks, 2);
        const auto enrolled = m_db->deskCertificate(enrolledDesk);
        QVERIFY(enrolled && enrolled->has_value());
        QCOMPARE((*enrolled)->deskId, QStringLiteral("EU-ANR-01"));
        QVERIFY(!(*enrolled)->revoked.isValid());
        const auto revoked = m_db->deskCertificate(revokedDesk);
        QVERIFY(revoked && revoked->has_value());
        QCOMPARE((*revoked)->revoked, QDate(2026, 11, 2));
        QVERIFY(m_db->deskCertificate(QByteArray(32, '\x33'))->has_value() == false);

        // The defective record is judged when it is used: typed as a number
        // its registry record fails `format`; scanned, it fails `format`.
        const Verifier verifier(*m_db, m_clock);
        const Inspection typed = verifier.verify({QStringLiteral("BW-2026-7777"), {}, {}});
        QCOMPARE(typed.check(CheckName::Format)->status, CheckStatus::Fail);
        QCOMPARE(typed.verdict, Verdict::Reject);
        const Inspection scanned =
            verifier.verify({Kp1::encode(defectiveCose), QStringLiteral("QR Code"), {}});
        QCOMPARE(scanned.check(CheckName::Format)->status, CheckStatus::Fail);
        QCOMPARE(scanned.verdict, Verdict::Reject);
        // A complete record of that number, scanned: its registry copy is
        // malformed, so `registry` cannot pass.
        const Inspection complete =
            verifier.verify({Kp1::encode(signedRecord(QStringLiteral("BW-2026-7777"), m_issuer)),
                             QStringLiteral("QR Code"),
                             {}});
        QCOMPARE(complete.check(CheckName::Format)->status, CheckStatus::Pass);
        QCOMPARE(complete.check(CheckName::Registry)->status, CheckStatus::Fail);
        QCOMPARE(complete.verdict, Verdict::Reject);

        // A full snapshot replaces the contacts too.
        QVERIFY(applyBundleFile(*m_db, writeBundle(2, 0, 1, m_home), m_clock).ok());
        QCOMPARE(m_db->counts()->contacts, 0);
    }

    // What "parses" means for `certs` and `contacts` records.
    void recordsThatParse_data()
    {
        QTest::addColumn<QString>("part");
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<bool>("parses");
        const auto map = [](std::initializer_list<QPair<QString, QCborValue>> pairs) {
            QCborMap m;
            for (const auto& [k, v] : pairs)
                m.insert(k, v);
            return m;
        };
        QTest::newRow("certs: only a number")
            << QStringLiteral("certs") << certsItem(map({{QStringLiteral("no"), QStringLiteral("BW-1")}}))
            << true;
        QTest::newRow("certs: no number")
            << QStringLiteral("certs") << certsItem(map({{QStringLiteral("iss"), QStringLiteral("BW")}}))
            << false;
        QTest::newRow("certs: number not text")
            << QStringLiteral("certs") << certsItem(map({{QStringLiteral("no"), 7}})) << false;
        // Defective records that still parse (issue 18 item 11): stored, and
        // judged when they are verified.
        QTest::newRow("certs: empty number")
            << QStringLiteral("certs") << certsItem(map({{QStringLiteral("no"), QString()}})) << true;
        QTest::newRow("certs: unknown key nested seven deep")
            << QStringLiteral("certs")
            << certsItem(
                   map({{QStringLiteral("no"), QStringLiteral("BW-1")}, {QStringLiteral("x"), nested(7)}}))
            << true;
        QTest::newRow("certs: unknown key nested 3000 deep")
            << QStringLiteral("certs")
            << certsItem(
                   map({{QStringLiteral("x"), nested(3000)}, {QStringLiteral("no"), QStringLiteral("BW-1")}}))
            << true;
        QTest::newRow("certs: over 64 KiB")
            << QStringLiteral("certs")
            << certsItem(map({{QStringLiteral("no"), QStringLiteral("BW-1")},
                              {QStringLiteral("pad"), QByteArray(70000, 'p')}}))
            << true;
        QTest::newRow("certs: nested map truncated")
            << QStringLiteral("certs")
            << encodeCbor(QCborValue(encodeCbor(QCborValue(
                   QCborTag(18), QCborArray{QByteArray(), QCborMap(),
                                            encodeCbor(map({{QStringLiteral("no"), QStringLiteral("BW-1")},
                                                            {QStringLiteral("x"), nested(9)}}))
                                                .chopped(1),
                                            QByteArray("s")}))))
            << false;
        QTest::newRow("certs: payload not a map")
            << QStringLiteral("certs") << certsItem(QCborArray{QStringLiteral("no"), QStringLiteral("BW-1")})
            << false;
        QTest::newRow("certs: not COSE")
            << QStringLiteral("certs") << encodeCbor(QByteArray("not a cose")) << false;
        QTest::newRow("certs: not a byte string")
            << QStringLiteral("certs") << encodeCbor(map({{QStringLiteral("no"), QStringLiteral("BW-1")}}))
            << false;
        QTest::newRow("certs: COSE of three")
            << QStringLiteral("certs")
            << encodeCbor(QCborValue(encodeCbor(
                   QCborValue(QCborTag(18), QCborArray{QByteArray(), QCborMap(), QByteArray("x")}))))
            << false;
        QTest::newRow("contacts: authority")
            << QStringLiteral("contacts")
            << encodeCbor(map({{QStringLiteral("c"), QStringLiteral("BW")},
                               {QStringLiteral("role"), QStringLiteral("authority")},
                               {QStringLiteral("name"), QStringLiteral("GDV")}}))
            << true;
        QTest::newRow("contacts: wgm with all")
            << QStringLiteral("contacts")
            << encodeCbor(map({{QStringLiteral("c"), QStringLiteral("KP")},
                               {QStringLiteral("role"), QStringLiteral("wgm")},
                               {QStringLiteral("name"), QStringLiteral("WGM")},
                               {QStringLiteral("email"), QStringLiteral("wgm@example.invalid")},
                               {QStringLiteral("phone"), QStringLiteral("+00")},
                               {QStringLiteral("addr"), QStringLiteral("somewhere")}}))
            << true;
        QTest::newRow("contacts: unknown role")
            << QStringLiteral("contacts")
            << encodeCbor(map({{QStringLiteral("c"), QStringLiteral("BW")},
                               {QStringLiteral("role"), QStringLiteral("press")},
                               {QStringLiteral("name"), QStringLiteral("GDV")}}))
            << false;
        QTest::newRow("contacts: chair of a participant")
            << QStringLiteral("contacts")
            << encodeCbor(map({{QStringLiteral("c"), QStringLiteral("BW")},
                               {QStringLiteral("role"), QStringLiteral("chair")},
                               {QStringLiteral("name"), QStringLiteral("Chair")}}))
            << false;
        QTest::newRow("contacts: no name")
            << QStringLiteral("contacts")
            << encodeCbor(map({{QStringLiteral("c"), QStringLiteral("KP")},
                               {QStringLiteral("role"), QStringLiteral("chair")}}))
            << false;
        QTest::newRow("contacts: email not text")
            << QStringLiteral("contacts")
            << encodeCbor(map({{QStringLiteral("c"), QStringLiteral("KP")},
                               {QStringLiteral("role"), QStringLiteral("chair")},
                               {QStringLiteral("name"), QStringLiteral("Chair")},
                               {QStringLiteral("email"), 5}}))
            << false;
    }
    void recordsThatParse()
    {
        QFETCH(QString, part);
        QFETCH(QByteArray, item);
        QFETCH(bool, parses);
        const QString bundle = bundleOfPart(part, {item});
        if (!parses) {
            expectRefused(bundle, QStringLiteral("bundle.record"));
            return;
        }
        const auto report = applyBundleFile(*m_db, bundle, m_clock);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->counts.value(part), quint64(1));
    }

    // One sync at a time per desk: a second one is told so at once.
    void oneSyncAtATime()
    {
        const QString bundle = writeBundle(1, 0, 1, m_home);
        {
            auto held = SyncLock::acquire(m_db->path());
            QVERIFY(held.ok());
            const QStringList before = test::dumpCache(*m_db);
            const auto refused = applyBundleFile(*m_db, bundle, m_clock);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code, QStringLiteral("sync.busy"));
            QVERIFY2(refused.error().message.contains(QStringLiteral("already running")),
                     qPrintable(refused.error().message));
            const auto viaClient = syncFrom(*m_db, bundle, {}, m_clock);
            QVERIFY(!viaClient.ok());
            QCOMPARE(viaClient.error().code, QStringLiteral("sync.busy"));
            QCOMPARE(test::dumpCache(*m_db), before);
        }
        QVERIFY(applyBundleFile(*m_db, bundle, m_clock).ok());
        QVERIFY(syncFrom(*m_db, writeBundle(2, 1, 1, m_home), {}, m_clock).ok());
    }

    // Issue 18 item 11: a record over 64 KiB, one nesting an unknown key
    // seven deep and one with an empty `no` are stored as they came, and the
    // bundle's revocation applies with them.
    void defectiveRecordsApplyWithTheRest()
    {
        QCborMap big = test::certificateRecord(QStringLiteral("BW-2026-5001"));
        big.insert(QStringLiteral("pad"), QByteArray(70000, 'p'));
        QCborMap deep = test::certificateRecord(QStringLiteral("BW-2026-5002"));
        deep.insert(QStringLiteral("ext"), nested(7));
        QCborMap empty = test::certificateRecord(QString());
        const QByteArray bigCose = *signCose(encodeCbor(big), m_issuer.key, m_issuer.cert);
        const QByteArray deepCose = *signCose(encodeCbor(deep), m_issuer.key, m_issuer.cert);
        BundleWriter w(header(1, 0));
        w.addCertificate(signedRecord(QStringLiteral("BW-2026-5000"), m_issuer));
        w.addCertificate(bigCose);
        w.addCertificate(deepCose);
        w.addCertificate(*signCose(encodeCbor(empty), m_issuer.key, m_issuer.cert));
        w.addRevocation({QStringLiteral("BW-2026-5003"),
                         QStringLiteral("stolen"),
                         QStringLiteral("2026-11-01"),
                         QStringLiteral("BW"),
                         {}});
        const QString bundle = path(QStringLiteral("defective-kinds.kpsync"));
        QVERIFY(w.finish(bundle, m_home.key, m_home.cert).ok());
        const auto report = applyBundleFile(*m_db, bundle, m_clock);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(m_db->counts()->certs, 4);
        QVERIFY(m_db->revocation(QStringLiteral("BW-2026-5003"))->has_value());
        QCOMPARE(m_db->certificateRecord(QStringLiteral("BW-2026-5001"))->value(), bigCose);
        QCOMPARE(m_db->certificateRecord(QStringLiteral("BW-2026-5002"))->value(), deepCose);
    }

    // Issue 18 item 2: a part's bytes swapped on disk while the bundle is
    // applied (same length, forged numbers) are never stored: what is parsed
    // is what was hashed, so the sync either stores the original or refuses
    // the bundle as altered.
    void partSwappedWhileApplyingIsNeverStored()
    {
        const QString original = writeBundle(1, 0, 3000, m_home);
        const QByteArray good = test::readFile(original);
        const qsizetype partsAt = good.size() - splitBundle(good).parts.size();
        QByteArray forged = good;
        forged.replace(partsAt, forged.size() - partsAt, good.mid(partsAt).replace("BW-2026-1", "BW-2026-9"));
        QCOMPARE(forged.size(), good.size());
        QVERIFY(forged != good);
        int applied = 0;
        int refused = 0;
        for (int attempt = 0; attempt < 10; ++attempt) {
            init();
            {
                QFile f(original);
                QVERIFY(f.open(QIODevice::WriteOnly) && f.write(good) == good.size());
            }
            std::atomic<bool> stop{false};
            std::unique_ptr<QThread> swapper(QThread::create([&] {
                QFile f(original);
                if (!f.open(QIODevice::ReadWrite))
                    return;
                for (bool toForged = true; !stop; toForged = !toForged) {
                    f.seek(partsAt);
                    f.write((toForged ? forged : good).mid(partsAt));
                    f.flush();
                    QThread::usleep(300);
                }
            }));
            swapper->start();
            const auto report = applyBundleFile(*m_db, original, m_clock);
            stop = true;
            QVERIFY(swapper->wait(10000));
            QSqlQuery q(m_db->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM certs WHERE no LIKE 'BW-2026-9%'")) &&
                    q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            if (report.ok()) {
                ++applied;
                QCOMPARE(m_db->counts()->certs, 3000);
            } else {
                ++refused;
                QCOMPARE(report.error().code, QStringLiteral("bundle.hash"));
                QCOMPARE(m_db->counts()->certs, 0);
            }
        }
        QCOMPARE(applied + refused, 10);
    }

    // Publisher, seq and base are checked again inside the write transaction:
    // a desk moved to seq 3 by another writer after this sync's first check
    // must not be rolled back to the older full bundle seq 2.
    void checksSeqAgainInsideTheTransaction()
    {
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 1, m_home), m_clock).ok());
        const QString older = writeBundle(2, 0, 1, m_home);
        const QString dbPath = path(QStringLiteral("desk.db"));
        QSqlQuery other(m_db->connection());
        QVERIFY(other.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(other.exec(QStringLiteral("UPDATE meta SET value = '3' WHERE key = 'seq'")));
        Result<ApplyReport> result = Error{};
        std::unique_ptr<QThread> sync(QThread::create([&] {
            auto db = CacheDatabase::open(dbPath, CacheDatabase::OpenMode::MustExist);
            if (db)
                result = applyBundleFile(**db, older, m_clock);
        }));
        sync->start();
        // The sync passes its first check (seq 1 is what is committed), then
        // waits for the write lock, which this connection holds.
        QThread::msleep(1500);
        QVERIFY(sync->isRunning());
        QVERIFY(other.exec(QStringLiteral("COMMIT")));
        QVERIFY(sync->wait(60000));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("bundle.replay"));
        QCOMPARE(m_db->syncState()->seq, quint64(3));
    }

    void appliesAfterARefusal()
    {
        QVERIFY(applyBundleFile(*m_db, writeBundle(1, 0, 2, m_home), m_clock).ok());
        const QByteArray good = test::readFile(writeBundle(2, 1, 3, m_home));
        expectRefused(writeBytes(good.left(good.size() - 3)), QString());
        QVERIFY(applyBundleFile(*m_db, writeBytes(good), m_clock).ok());
        QCOMPARE(m_db->syncState()->seq, quint64(2));
    }
};

QTEST_GUILESS_MAIN(TestBundles)
#include "test_bundles.moc"
