// The CBOR parser's limits and the COSE_Sign1 layer against the published
// cose-wg examples (tests/data/vectors/cose).
#include "TestSupport.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace kp;

namespace {

QJsonObject loadVector(const QString& relativePath)
{
    return QJsonDocument::fromJson(
               test::readFile(test::vectorsDir() + QStringLiteral("/cose/") + relativePath))
        .object();
}

QByteArray vectorCbor(const QJsonObject& vector)
{
    return test::fromHex(
        vector.value(QStringLiteral("output")).toObject().value(QStringLiteral("cbor")).toString());
}

QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, char(0x81)) + QByteArray(1, char(0x00)); // [[[...[0]...]]]
}

} // namespace

class TestCborCose : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        QVERIFY2(QDir(test::vectorsDir()).exists(), qPrintable(test::vectorsDir()));
    }

    void cborParsesWellFormedData()
    {
        const QCborMap map{{QStringLiteral("no"), QStringLiteral("BW-1")}, {QStringLiteral("np"), 3}};
        const auto parsed = parseCbor(encodeCbor(map));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->toMap(), map);
        const auto length = cborItemLength(encodeCbor(map) + QByteArray("rest"));
        QVERIFY(length.ok());
        QCOMPARE(*length, encodeCbor(map).size());
    }

    void cborRefusesMalformedData_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QByteArray() << "cbor.malformed";
        QTest::newRow("nested 5000 deep") << nestedArrays(5000) << "cbor.too-deep";
        QTest::newRow("nested 17 deep") << nestedArrays(17) << "cbor.too-deep";
        QTest::newRow("maps nested 3000 deep") << QByteArray(3000, char(0xa1)) << "cbor.too-deep";
        QTest::newRow("tags nested 1000 deep")
            << QByteArray(1000, char(0xc6)) + QByteArray(1, char(0x01)) << "cbor.too-deep";
        QTest::newRow("trailing bytes") << QByteArray::fromHex("0102") << "cbor.trailing";
        QTest::newRow("truncated array") << QByteArray::fromHex("8301") << "cbor.malformed";
        QTest::newRow("array claims 2^32 elements")
            << QByteArray::fromHex("9affffffff00") << "cbor.malformed";
        QTest::newRow("string claims 2^63 bytes")
            << QByteArray::fromHex("7b7fffffffffffffff41") << "cbor.malformed";
        QTest::newRow("text not UTF-8") << QByteArray::fromHex("62c328") << "cbor.malformed";
        QTest::newRow("reserved additional info") << QByteArray::fromHex("1c") << "cbor.malformed";
        QTest::newRow("break outside container") << QByteArray::fromHex("ff") << "cbor.malformed";
        QTest::newRow("unterminated indefinite array") << QByteArray::fromHex("9f0102") << "cbor.malformed";
    }
    void cborRefusesMalformedData()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        const auto parsed = parseCbor(bytes);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, code);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void cborRefusesTooManyItems()
    {
        QCborArray many;
        for (int i = 0; i < 200; ++i)
            many.append(i);
        CborLimits limits;
        limits.maxItems = 100;
        const auto parsed = parseCbor(encodeCbor(many), limits);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("cbor.too-large"));
        limits.maxItems = 1000;
        QVERIFY(parseCbor(encodeCbor(many), limits).ok());
    }

    void cborRefusesTooManyBytes()
    {
        CborLimits limits;
        limits.maxBytes = 64;
        const auto parsed = parseCbor(encodeCbor(QByteArray(100, 'x')), limits);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("cbor.too-large"));
    }

    // Every published example that is meant to verify: the bytes parse, and the Sig_structure we
    // build is byte for byte the ToBeSign of the example.
    void coseToBeSignedMatchesExamples_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"ecdsa-examples/ecdsa-sig-01.json", "eddsa-examples/eddsa-sig-01.json",
                              "eddsa-examples/eddsa-sig-02.json", "sign1-tests/sign-pass-02.json",
                              "sign1-tests/sign-pass-03.json"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void coseToBeSignedMatchesExamples()
    {
        QFETCH(QString, file);
        const QJsonObject vector = loadVector(file);
        QVERIFY(!vector.isEmpty());
        const auto cose = CoseSign1::parse(vectorCbor(vector));
        QVERIFY2(cose.ok(), qPrintable(cose.ok() ? QString() : cose.error().message));
        const QJsonObject sign0 =
            vector.value(QStringLiteral("input")).toObject().value(QStringLiteral("sign0")).toObject();
        const QByteArray aad = test::fromHex(sign0.value(QStringLiteral("external")).toString());
        const QByteArray expected = test::fromHex(vector.value(QStringLiteral("intermediates"))
                                                      .toObject()
                                                      .value(QStringLiteral("ToBeSign_hex"))
                                                      .toString());
        QCOMPARE(cose->toBeSigned(aad).toHex(), expected.toHex());
        QCOMPARE(cose->payload, QByteArray("This is the content."));
    }

    void coseReadsKidFromEitherHeader()
    {
        // ecdsa-sig-01 has kid "11" in the unprotected header only.
        const auto cose =
            CoseSign1::parse(vectorCbor(loadVector(QStringLiteral("ecdsa-examples/ecdsa-sig-01.json"))));
        QVERIFY(cose.ok());
        QCOMPARE(cose->kid, QByteArray("11"));
        QCOMPARE(cose->algorithmId, -7);

        // A kid in the protected header wins over the unprotected one.
        CoseSign1 both = *cose;
        both.protectedHeader.insert(4, QByteArray("protected"));
        both.protectedBytes = encodeCbor(both.protectedHeader);
        const auto reparsed = CoseSign1::parse(both.encode());
        QVERIFY(reparsed.ok());
        QCOMPARE(reparsed->kid, QByteArray("protected"));
    }

    void coseEncodeRoundTrips()
    {
        const auto cose =
            CoseSign1::parse(vectorCbor(loadVector(QStringLiteral("ecdsa-examples/ecdsa-sig-01.json"))));
        QVERIFY(cose.ok());
        QCOMPARE(cose->encode(true),
                 vectorCbor(loadVector(QStringLiteral("ecdsa-examples/ecdsa-sig-01.json"))));
        const auto untagged = CoseSign1::parse(cose->encode(false));
        QVERIFY(untagged.ok());
        QCOMPARE(untagged->signature, cose->signature);
    }

    // Structures KP1 refuses before any signature is checked.
    void coseRefusesBadStructures_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("sign-fail-01: wrong CBOR tag 998")
            << vectorCbor(loadVector(QStringLiteral("sign1-tests/sign-fail-01.json")));
        QTest::newRow("sign-fail-04: alg is text")
            << vectorCbor(loadVector(QStringLiteral("sign1-tests/sign-fail-04.json")));
        QTest::newRow("sign-pass-01: alg only unprotected")
            << vectorCbor(loadVector(QStringLiteral("sign1-tests/sign-pass-01.json")));
        QTest::newRow("not an array") << encodeCbor(QCborMap{{1, 2}});
        QTest::newRow("three elements") << encodeCbor(QCborArray{QByteArray(), QCborMap(), QByteArray()});
        QTest::newRow("protected not bstr")
            << encodeCbor(QCborArray{QCborMap(), QCborMap(), QByteArray("p"), QByteArray("s")});
        QTest::newRow("protected not a map")
            << encodeCbor(QCborArray{encodeCbor(5), QCborMap(), QByteArray("p"), QByteArray("s")});
        QTest::newRow("unprotected not a map")
            << encodeCbor(QCborArray{encodeCbor(QCborMap{{1, -7}}), 7, QByteArray("p"), QByteArray("s")});
        QTest::newRow("detached payload (nil)") << encodeCbor(
            QCborArray{encodeCbor(QCborMap{{1, -7}}), QCborMap(), QCborValue(nullptr), QByteArray("s")});
        QTest::newRow("signature not bstr") << encodeCbor(
            QCborArray{encodeCbor(QCborMap{{1, -7}}), QCborMap(), QByteArray("p"), QStringLiteral("s")});
        QTest::newRow("garbage") << QByteArray("not cbor at all");
        QTest::newRow("empty") << QByteArray();
    }
    void coseRefusesBadStructures()
    {
        QFETCH(QByteArray, bytes);
        const auto cose = CoseSign1::parse(bytes);
        QVERIFY(!cose.ok());
        QVERIFY(!cose.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCborCose)
#include "test_cbor_cose.moc"
