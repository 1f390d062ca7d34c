// The deterministic CBOR of audit entries (RFC 8949 §4.2.1) against bytes
// worked out by hand, and what the encoder refuses.
#include "TestSupport.h"
#include "audit/AuditChain.h"
#include "audit/DeterministicCbor.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrl>
#include <QUuid>
#include <QtTest>

using namespace kp;

namespace {

QByteArray hex(const char* h)
{
    return QByteArray::fromHex(h);
}

QString text(const char* s)
{
    return QString::fromLatin1(s);
}

// The entry of knownAnswer(), and its bytes worked out by hand.
AuditEntry knownEntry()
{
    AuditEntry e;
    e.n = 1;
    e.at = QDateTime(QDate(2026, 11, 30), QTime(7, 21), Qt::UTC);
    e.desk = text("BW-GAB-1");
    e.actor = text("anna");
    e.kind = text("sign_in");
    // Inserted in an order that is not the deterministic one.
    e.data.insert(text("verdict"), text("accept"));
    e.data.insert(text("amount"), 1500);
    e.data.insert(text("no"), text("BW-1"));
    e.data.insert(text("z"), -1);
    return e;
}

const QByteArray kKnownBytes =
    QByteArray::fromHex("a6" // map of 6
                        "616e"
                        "01" // "n": 1
                        "626174"
                        "7818"
                        "323032362d31312d33305430373a32313a30302e3030305a" // "at": 24-char text
                        "6464617461"
                        "a4" // "data": map of 4
                        "617a"
                        "20" //   "z": -1
                        "626e6f"
                        "6442572d31" //   "no": "BW-1"
                        "66616d6f756e74"
                        "1905dc" //   "amount": 1500
                        "67766572646963"
                        "74"
                        "66616363657074" //   "verdict": "accept"
                        "646465736b"
                        "6842572d4741422d31" // "desk": "BW-GAB-1"
                        "646b696e64"
                        "677369676e5f696e" // "kind": "sign_in"
                        "656163746f72"
                        "64616e6e61"); // "actor": "anna"

// A random value of the allowed subset (fixed seed: the same every run).
QCborValue randomValue(QRandomGenerator& rng, int depth)
{
    const int kind = int(rng.bounded(depth > 3 ? 6 : 8));
    switch (kind) {
    case 0: {
        const int bits = int(rng.bounded(64));
        const qint64 v = qint64(rng.generate64() >> (63 - bits)) >> 1;
        return rng.bounded(2) ? v : -v - 1;
    }
    case 1:
        return qint64(rng.bounded(300)) - 150;
    case 2: {
        QString s;
        const int n = int(rng.bounded(30));
        for (int i = 0; i < n; ++i)
            s += QChar(char16_t(u"az\u00e9\u20ac"[rng.bounded(4)]));
        return s;
    }
    case 3:
        return QByteArray(int(rng.bounded(40)), char(rng.bounded(256)));
    case 4:
        return bool(rng.bounded(2));
    case 5:
        return QCborValue(nullptr);
    case 6: {
        QCborArray a;
        const int n = int(rng.bounded(5));
        for (int i = 0; i < n; ++i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QCborMap m;
        const int n = int(rng.bounded(30));
        for (int i = 0; i < n; ++i) {
            QString key;
            const int length = 1 + int(rng.bounded(26));
            for (int j = 0; j < length; ++j)
                key += QChar(char16_t(u'a' + rng.bounded(3)));
            m.insert(key, randomValue(rng, depth + 1));
        }
        return m;
    }
    }
}

} // namespace

class TestAuditCbor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void integersAndLengthsAreShortest_data()
    {
        QTest::addColumn<QCborValue>("value");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("0") << QCborValue(0) << hex("00");
        QTest::newRow("23") << QCborValue(23) << hex("17");
        QTest::newRow("24") << QCborValue(24) << hex("1818");
        QTest::newRow("255") << QCborValue(255) << hex("18ff");
        QTest::newRow("256") << QCborValue(256) << hex("190100");
        QTest::newRow("65535") << QCborValue(65535) << hex("19ffff");
        QTest::newRow("65536") << QCborValue(65536) << hex("1a00010000");
        QTest::newRow("2^32") << QCborValue(qint64(1) << 32) << hex("1b0000000100000000");
        QTest::newRow("int64 max") << QCborValue(std::numeric_limits<qint64>::max())
                                   << hex("1b7fffffffffffffff");
        QTest::newRow("-1") << QCborValue(-1) << hex("20");
        QTest::newRow("-24") << QCborValue(-24) << hex("37");
        QTest::newRow("-25") << QCborValue(-25) << hex("3818");
        QTest::newRow("-257") << QCborValue(-257) << hex("390100");
        QTest::newRow("int64 min") << QCborValue(std::numeric_limits<qint64>::min())
                                   << hex("3b7fffffffffffffff");
        QTest::newRow("false") << QCborValue(false) << hex("f4");
        QTest::newRow("true") << QCborValue(true) << hex("f5");
        QTest::newRow("null") << QCborValue(nullptr) << hex("f6");
        QTest::newRow("empty text") << QCborValue(QString()) << hex("60");
        QTest::newRow("text 23") << QCborValue(QString(23, u'a'))
                                 << QByteArray(hex("77") + QByteArray(23, 'a'));
        QTest::newRow("text 24") << QCborValue(QString(24, u'a'))
                                 << QByteArray(hex("7818") + QByteArray(24, 'a'));
        QTest::newRow("text 256") << QCborValue(QString(256, u'a'))
                                  << QByteArray(hex("790100") + QByteArray(256, 'a'));
        QTest::newRow("text UTF-8") << QCborValue(QStringLiteral("\u00e9\u20ac")) << hex("65c3a9e282ac");
        QTest::newRow("bytes") << QCborValue(hex("0102")) << hex("420102");
        QTest::newRow("empty array") << QCborValue(QCborArray()) << hex("80");
        QTest::newRow("array") << QCborValue(QCborArray{1, QCborArray{2, 3}}) << hex("8201820203");
        QTest::newRow("array 24") << QCborValue(QCborArray::fromStringList(QStringList(24, QString())))
                                  << QByteArray(hex("9818") + QByteArray(24, char(0x60)));
        QTest::newRow("empty map") << QCborValue(QCborMap()) << hex("a0");
    }

    void integersAndLengthsAreShortest()
    {
        QFETCH(QCborValue, value);
        QFETCH(QByteArray, bytes);
        const auto encoded = encodeDeterministicCbor(value);
        QVERIFY2(encoded.ok(), qPrintable(encoded.ok() ? QString() : encoded.error().message));
        QCOMPARE(encoded->toHex(), bytes.toHex());
        const auto length = definiteItemLength(QByteArray(*encoded + hex("ff")));
        QVERIFY(length.ok());
        QCOMPARE(*length, bytes.size());
    }

    void mapKeysSortByTheirEncodingBytewise()
    {
        // Shorter keys first (their head byte is smaller), then bytewise: "b" < "aa" < "ab" < "é" (2 bytes).
        QCborMap map;
        map.insert(QStringLiteral("\u00e9"), 4);
        map.insert(text("ab"), 3);
        map.insert(text("aa"), 2);
        map.insert(text("b"), 1);
        map.insert(text("a"), QCborMap{{text("y"), 6}, {text("x"), 5}}); // nested maps sorted too
        QCOMPARE(encodeDeterministicCbor(map)->toHex(), hex("a5"
                                                            "6161"
                                                            "a2"
                                                            "6178"
                                                            "05"
                                                            "6179"
                                                            "06"
                                                            "6162"
                                                            "01"
                                                            "626161"
                                                            "02"
                                                            "626162"
                                                            "03"
                                                            "62c3a9"
                                                            "04")
                                                            .toHex());
    }

    void knownAnswer()
    {
        // Entry keys in deterministic order: "n" < "at" < "data" < "desk" < "kind" < "actor"
        // (length first because of the head byte, then bytewise: 'd' < 'k').
        const auto encoded = AuditChain::encode(knownEntry());
        QVERIFY(encoded.ok());
        QCOMPARE(encoded->toHex(), kKnownBytes.toHex());
        // SHA-256(32 zero bytes ‖ CBOR(entry)), computed apart with Python's hashlib.
        QCOMPARE(AuditChain::link(AuditChain::genesis(), *encoded).toHex(),
                 QByteArray("e6b8dcb59fba323e4abc746a714c181015c2e2411cd2eec84c6cc8f9281290dc"));
        QCOMPARE(AuditChain::link(AuditChain::genesis(), *encoded),
                 QCryptographicHash::hash(QByteArray(QByteArray(32, '\0') + kKnownBytes),
                                          QCryptographicHash::Sha256));
        const auto decoded = AuditChain::decode(*encoded);
        QVERIFY(decoded.ok());
        QCOMPARE(*AuditChain::encode(*decoded), *encoded);
        QCOMPARE(decoded->at, knownEntry().at);
        QCOMPARE(decoded->data.value(text("amount")).toInteger(), 1500);
    }

    void qtToCborKeepsInsertionOrder()
    {
        // Why the module has its own encoder: Qt writes a map's keys in the
        // order they were inserted, so equal maps encode differently.
        QCborMap a;
        a.insert(text("kind"), 1);
        a.insert(text("n"), 2);
        QCborMap b;
        b.insert(text("n"), 2);
        b.insert(text("kind"), 1);
        QVERIFY(a != b); // Qt's == compares the order too
        QCOMPARE(a.toCborValue().toCbor().toHex(), QByteArray("a2646b696e6401616e02"));
        QCOMPARE(b.toCborValue().toCbor().toHex(), QByteArray("a2616e02646b696e6401"));
        QCOMPARE(encodeDeterministicCbor(a)->toHex(), QByteArray("a2616e02646b696e6401"));
        QCOMPARE(*encodeDeterministicCbor(a), *encodeDeterministicCbor(b));
    }

    void checkerAcceptsExactlyTheEncodersOutput()
    {
        QRandomGenerator rng(20261130);
        int differentFromQt = 0;
        for (int i = 0; i < 2000; ++i) {
            const QCborValue value = randomValue(rng, 0);
            const auto encoded = encodeDeterministicCbor(value);
            QVERIFY(encoded.ok());
            QVERIFY(checkDeterministicCbor(*encoded).ok());
            QCOMPARE(QCborValue::fromCbor(*encoded),
                     QCborValue::fromCbor(QCborValue::fromCbor(*encoded).toCbor()));
            QCOMPARE(*encodeDeterministicCbor(QCborValue::fromCbor(*encoded)), *encoded); // a fixed point
            // Qt's own bytes pass only when they happen to be the same.
            const QByteArray qt = value.toCbor();
            QCOMPARE(checkDeterministicCbor(qt).ok(), qt == *encoded);
            differentFromQt += qt != *encoded;
        }
        QVERIFY(differentFromQt > 100);
    }

    void timesHaveOneSpelling()
    {
        const QDateTime t(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        QCOMPARE(AuditChain::formatTime(t), text("2026-01-02T03:04:05.006Z"));
        QCOMPARE(AuditChain::formatTime(t.toOffsetFromUtc(7200)), text("2026-01-02T03:04:05.006Z"));
        QCOMPARE(*AuditChain::parseTime(text("2026-01-02T03:04:05.006Z")), t);
        for (const char* other :
             {"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.006+00:00", "2026-01-02t03:04:05.006Z",
              "2026-01-02T03:04:05.0060Z", "2026-02-30T03:04:05.006Z", "2026-01-02T24:00:00.000Z",
              "2026-01-02T03:04:60.000Z", ""})
            QVERIFY2(!AuditChain::parseTime(text(other)), other);
    }

    void refusesWhatIsNotAllowed_data()
    {
        QTest::addColumn<QCborValue>("data");
        QTest::addColumn<QString>("code");
        auto in = [](QCborValue v) {
            return QCborValue(QCborMap{{text("x"), v}});
        };
        QTest::newRow("float") << in(QCborValue(1.5)) << "audit.float";
        QTest::newRow("integral float") << in(QCborValue(2.0)) << "audit.float";
        QTest::newRow("float in array") << in(QCborArray{1, 0.25}) << "audit.float";
        QTest::newRow("tag") << in(QCborValue(QCborTag(42), 1)) << "audit.tag";
        QTest::newRow("date-time (tag 0)") << in(QCborValue(QDateTime::currentDateTimeUtc())) << "audit.tag";
        QTest::newRow("uuid (tag 37)") << in(QCborValue(QUuid::createUuid())) << "audit.tag";
        QTest::newRow("url (tag 32)") << in(QCborValue(QUrl(text("https://example.org")))) << "audit.tag";
        QTest::newRow("undefined") << in(QCborValue()) << "audit.simple";
        QTest::newRow("simple 16") << in(QCborValue(QCborSimpleType(16))) << "audit.simple";
        QTest::newRow("integer key") << QCborValue(QCborMap{{1, 2}}) << "audit.key-not-text";
        QTest::newRow("bytes key") << QCborValue(QCborMap{{hex("61"), 2}}) << "audit.key-not-text";
        QTest::newRow("nested integer key") << in(QCborMap{{1, 2}}) << "audit.key-not-text";
        QTest::newRow("lone surrogate") << in(QString(QChar(0xd800))) << "audit.bad-text";
        QCborValue deep = 1;
        for (int i = 0; i < 7; ++i)
            deep = QCborArray{deep};
        QTest::newRow("7 levels under data") << in(deep) << "audit.too-deep";
        QCborArray many;
        for (int i = 0; i < 5000; ++i)
            many.append(i);
        QTest::newRow("5000 items") << in(many) << "audit.too-large";
        QTest::newRow("70 KB") << in(QString(70000, u'a')) << "audit.too-large";
    }

    void refusesWhatIsNotAllowed()
    {
        QFETCH(QCborValue, data);
        QFETCH(QString, code);
        AuditEntry e = knownEntry();
        e.data = data.toMap();
        const auto encoded = AuditChain::encode(e);
        QVERIFY(!encoded.ok());
        QCOMPARE(encoded.error().code, code);
        QVERIFY(!encoded.error().message.isEmpty());
    }

    void sixLevelsUnderDataAreAllowed()
    {
        QCborValue deep = 1;
        for (int i = 0; i < 5; ++i)
            deep = QCborArray{deep};
        AuditEntry e = knownEntry();
        e.data = QCborMap{{text("x"), deep}};
        QVERIFY(AuditChain::encode(e).ok());
    }

    void refusesBadFields_data()
    {
        QTest::addColumn<int>("field");
        QTest::newRow("n 0") << 0;
        QTest::newRow("invalid time") << 1;
        QTest::newRow("empty desk") << 2;
        QTest::newRow("empty actor") << 3;
        QTest::newRow("empty kind") << 4;
    }

    void refusesBadFields()
    {
        QFETCH(int, field);
        AuditEntry e = knownEntry();
        switch (field) {
        case 0:
            e.n = 0;
            break;
        case 1:
            e.at = QDateTime();
            break;
        case 2:
            e.desk.clear();
            break;
        case 3:
            e.actor.clear();
            break;
        default:
            e.kind.clear();
            break;
        }
        const auto encoded = AuditChain::encode(e);
        QVERIFY(!encoded.ok());
        QCOMPARE(encoded.error().code, text("audit.bad-entry"));
    }

    void decodeRefusesOtherEncodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QByteArray longN = kKnownBytes;
        longN.replace(1, 3, hex("616e1801")); // n as 18 01
        QTest::newRow("n not shortest") << longN << "audit.not-deterministic";
        QByteArray swapped = kKnownBytes;
        swapped.replace(hex("646465736b6842572d4741422d31646b696e64677369676e5f696e"),
                        hex("646b696e64677369676e5f696e646465736b6842572d4741422d31")); // kind before desk
        QTest::newRow("keys out of order") << swapped << "audit.not-deterministic";
        QCborMap inserted; // the entry in the order of the struct, as QCborValue::toCbor writes it
        inserted.insert(text("n"), 1);
        inserted.insert(text("at"), text("2026-11-30T07:21:00.000Z"));
        inserted.insert(text("desk"), text("BW-GAB-1"));
        inserted.insert(text("actor"), text("anna"));
        inserted.insert(text("kind"), text("sign_in"));
        inserted.insert(text("data"), knownEntry().data);
        QTest::newRow("Qt's insertion order") << inserted.toCborValue().toCbor() << "audit.not-deterministic";
        QByteArray indefinite = kKnownBytes;
        indefinite[0] = char(0xbf);
        QTest::newRow("indefinite map") << QByteArray(indefinite + hex("ff")) << "audit.malformed";
        QTest::newRow("trailing byte") << QByteArray(kKnownBytes + hex("00")) << "audit.malformed";
        QTest::newRow("truncated") << kKnownBytes.left(kKnownBytes.size() - 1) << "audit.malformed";
        QTest::newRow("empty") << QByteArray() << "audit.malformed";
        QByteArray otherTime = kKnownBytes;
        otherTime.replace(hex("7818323032362d31312d33305430373a32313a30302e3030305a"),
                          hex("74323032362d31312d33305430373a32313a30305a")); // ...:00Z, no milliseconds
        QTest::newRow("time without milliseconds") << otherTime << "audit.bad-entry";
        QByteArray seven = kKnownBytes;
        seven[0] = char(0xa7);
        QTest::newRow("extra key, last in order")
            << QByteArray(seven + hex("667a7a7a7a7a7a01")) << "audit.bad-entry";
        QTest::newRow("extra key, out of order")
            << QByteArray(seven + hex("617801")) << "audit.not-deterministic";
        QByteArray floatData = kKnownBytes;
        floatData.replace(hex("617a20"), hex("617af93e00")); // "z": 1.5 as a half float
        QTest::newRow("float in data") << floatData << "audit.float";
        QByteArray tagData = kKnownBytes;
        tagData.replace(hex("617a20"), hex("617ac11a6a000000")); // "z": 1(epoch time)
        QTest::newRow("tag in data") << tagData << "audit.tag";
        QByteArray dupData = kKnownBytes;
        dupData.replace(hex("626e6f6442572d31"), hex("617a20")); // "no": "BW-1" becomes a second "z": -1
        QTest::newRow("duplicate key") << dupData << "audit.duplicate-key";
        QTest::newRow("not a map") << hex("8101") << "audit.bad-entry";
        QTest::newRow("deep nesting") << QByteArray(5000, char(0x81)) << "audit.too-deep";
        QTest::newRow("huge claimed length") << hex("7b7fffffffffffffff") << "audit.malformed";
        QTest::newRow("integer past qint64") << hex("1bffffffffffffffff") << "audit.integer-range";
        QTest::newRow("overlong UTF-8") << hex("62c0af") << "audit.malformed";
        QTest::newRow("UTF-8 surrogate") << hex("63eda080") << "audit.malformed";
    }

    void decodeRefusesOtherEncodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        const auto decoded = AuditChain::decode(bytes);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, code);
    }
};

QTEST_GUILESS_MAIN(TestAuditCbor)
#include "test_audit_cbor.moc"
