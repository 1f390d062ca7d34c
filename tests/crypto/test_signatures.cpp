// ES256, PS256 and EdDSA against the Wycheproof vectors and the cose-wg
// examples (tests/data/vectors).
#include "TestSupport.h"
#include "crypto/Signature.h"
#include "format/CoseSign1.h"

#include <QCborArray>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace kp;

namespace {

QJsonObject loadJson(const QString& relativePath)
{
    return QJsonDocument::fromJson(test::readFile(test::vectorsDir() + QLatin1Char('/') + relativePath))
        .object();
}

QByteArray base64Url(const QJsonValue& v)
{
    return QByteArray::fromBase64(v.toString().toLatin1(),
                                  QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A public key from a cose-wg example key (JWK-like, base64url or *_hex).
PublicKey exampleKey(const QJsonObject& key)
{
    const QString kty = key.value(QStringLiteral("kty")).toString();
    if (kty == QStringLiteral("EC")) {
        auto k = PublicKey::fromEcP256Point(base64Url(key.value(QStringLiteral("x"))),
                                            base64Url(key.value(QStringLiteral("y"))));
        return k ? *k : PublicKey();
    }
    if (kty == QStringLiteral("OKP")) {
        auto k = PublicKey::fromEd25519(test::fromHex(key.value(QStringLiteral("x_hex")).toString()));
        return k ? *k : PublicKey();
    }
    auto k = PublicKey::fromRsa(test::fromHex(key.value(QStringLiteral("n_hex")).toString()),
                                test::fromHex(key.value(QStringLiteral("e_hex")).toString()));
    return k ? *k : PublicKey();
}

void addWycheproofRows(const QString& file, CoseAlgorithm alg)
{
    const QJsonObject doc = loadJson(QStringLiteral("wycheproof/") + file);
    QVERIFY2(!doc.isEmpty(), qPrintable(file));
    int rows = 0;
    for (const QJsonValue group : doc.value(QStringLiteral("testGroups")).toArray()) {
        const QByteArray der = test::fromHex(group[QStringLiteral("publicKeyDer")].toString());
        for (const QJsonValue t : group[QStringLiteral("tests")].toArray()) {
            const QString result = t[QStringLiteral("result")].toString();
            QTest::addRow("%s #%d %s", qPrintable(file.section(QLatin1Char('_'), 0, 0)),
                          t[QStringLiteral("tcId")].toInt(),
                          qPrintable(t[QStringLiteral("comment")].toString()))
                << int(alg) << der << test::fromHex(t[QStringLiteral("msg")].toString())
                << test::fromHex(t[QStringLiteral("sig")].toString()) << (result == QStringLiteral("valid"));
            ++rows;
        }
    }
    QCOMPARE(rows, doc.value(QStringLiteral("numberOfTests")).toInt());
}

} // namespace

class TestSignatures : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void wycheproof_data()
    {
        QTest::addColumn<int>("alg");
        QTest::addColumn<QByteArray>("spki");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<bool>("valid");
        addWycheproofRows(QStringLiteral("ecdsa_secp256r1_sha256_p1363_test.json"), CoseAlgorithm::ES256);
        addWycheproofRows(QStringLiteral("ed25519_test.json"), CoseAlgorithm::EdDSA);
        addWycheproofRows(QStringLiteral("rsa_pss_2048_sha256_mgf1_32_test.json"), CoseAlgorithm::PS256);
    }
    void wycheproof()
    {
        QFETCH(int, alg);
        QFETCH(QByteArray, spki);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, signature);
        QFETCH(bool, valid);
        const auto key = PublicKey::fromSubjectPublicKeyInfo(spki);
        QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().message));
        const Status s = verifySignature(CoseAlgorithm(alg), *key, message, signature);
        QCOMPARE(s.ok(), valid);
        if (!s.ok())
            QVERIFY(s.error().code == QStringLiteral("crypto.bad-signature") ||
                    s.error().code == QStringLiteral("crypto.malformed-signature"));
    }

    // cose-wg Sign1 examples: the published signature verifies over our
    // Sig_structure, or fails where the example is made to fail.
    void coseSign1Examples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("verifies");
        QTest::newRow("ecdsa-sig-01 ES256") << "cose/ecdsa-examples/ecdsa-sig-01.json" << true;
        QTest::newRow("eddsa-sig-01 Ed25519") << "cose/eddsa-examples/eddsa-sig-01.json" << true;
        QTest::newRow("eddsa-sig-02 Ed448") << "cose/eddsa-examples/eddsa-sig-02.json" << false;
        QTest::newRow("sign-pass-02 external AAD") << "cose/sign1-tests/sign-pass-02.json" << true;
        QTest::newRow("sign-pass-03 untagged") << "cose/sign1-tests/sign-pass-03.json" << true;
        QTest::newRow("sign-fail-02 changed signature") << "cose/sign1-tests/sign-fail-02.json" << false;
        QTest::newRow("sign-fail-06 protected header added") << "cose/sign1-tests/sign-fail-06.json" << false;
        QTest::newRow("sign-fail-07 protected header removed")
            << "cose/sign1-tests/sign-fail-07.json" << false;
    }
    void coseSign1Examples()
    {
        QFETCH(QString, file);
        QFETCH(bool, verifies);
        const QJsonObject v = loadJson(file);
        const QJsonObject sign0 = v[QStringLiteral("input")][QStringLiteral("sign0")].toObject();
        const auto cose =
            CoseSign1::parse(test::fromHex(v[QStringLiteral("output")][QStringLiteral("cbor")].toString()));
        QVERIFY(cose.ok());
        const QByteArray aad = test::fromHex(sign0.value(QStringLiteral("external")).toString());
        const auto alg = coseAlgorithmFromId(cose->algorithmId);
        if (!alg) { // Ed448 and the like: KP1 refuses the algorithm
            QVERIFY(!verifies);
            return;
        }
        const PublicKey key = exampleKey(sign0.value(QStringLiteral("key")).toObject());
        if (key.isNull()) { // an Ed448 key under EdDSA: KP1's EdDSA is Ed25519 only
            QVERIFY(!verifies);
            return;
        }
        QCOMPARE(verifySignature(*alg, key, cose->toBeSigned(aad), cose->signature).ok(), verifies);
    }

    void unsupportedAlgorithmsAreRefused_data()
    {
        QTest::addColumn<qint64>("id");
        QTest::newRow("ES384") << qint64(-35);
        QTest::newRow("ES512") << qint64(-36);
        QTest::newRow("PS384") << qint64(-38);
        QTest::newRow("Ed448/EdDSA alias none") << qint64(-999);
        QTest::newRow("HMAC 256/256") << qint64(5);
        QTest::newRow("zero") << qint64(0);
    }
    void unsupportedAlgorithmsAreRefused()
    {
        QFETCH(qint64, id);
        QVERIFY(!coseAlgorithmFromId(id).has_value());
    }

    // rsa-pss-01 is a COSE_Sign (several signers) with PS256: its signer's
    // signature verifies over the published ToBeSign.
    void coseRsaPssExample()
    {
        const QJsonObject v = loadJson(QStringLiteral("cose/rsa-pss-examples/rsa-pss-01.json"));
        const QJsonObject signer =
            v[QStringLiteral("input")][QStringLiteral("sign")][QStringLiteral("signers")][0].toObject();
        const PublicKey key = exampleKey(signer.value(QStringLiteral("key")).toObject());
        QVERIFY(!key.isNull());
        QCOMPARE(key.type(), KeyType::Rsa);
        const QByteArray toBeSigned = test::fromHex(
            v[QStringLiteral("intermediates")][QStringLiteral("signers")][0][QStringLiteral("ToBeSign_hex")]
                .toString());
        const QCborValue sign = QCborValue::fromCbor(
            test::fromHex(v[QStringLiteral("output")][QStringLiteral("cbor")].toString()));
        const QByteArray signature = sign.taggedValue().toArray()[3].toArray()[0].toArray()[2].toByteArray();
        QCOMPARE(signature.size(), 256);
        QVERIFY(verifySignature(CoseAlgorithm::PS256, key, toBeSigned, signature).ok());
        QByteArray other = toBeSigned;
        other[other.size() - 1] = 'X';
        QVERIFY(!verifySignature(CoseAlgorithm::PS256, key, other, signature).ok());
    }

    void signThenVerifyEachAlgorithm_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("P-256") << int(KeyType::EcP256);
        QTest::newRow("RSA") << int(KeyType::Rsa);
        QTest::newRow("Ed25519") << int(KeyType::Ed25519);
    }
    void signThenVerifyEachAlgorithm()
    {
        QFETCH(int, type);
        const auto key = PrivateKey::generate(KeyType(type));
        QVERIFY(key.ok());
        const CoseAlgorithm alg = defaultAlgorithmFor(KeyType(type));
        const QByteArray data("Signature1 structure");
        const auto sig = signData(alg, *key, data);
        QVERIFY(sig.ok());
        if (alg == CoseAlgorithm::ES256)
            QCOMPARE(sig->size(), 64); // raw r||s, not DER
        QVERIFY(verifySignature(alg, key->publicKey(), data, *sig).ok());
        QVERIFY(!verifySignature(alg, key->publicKey(), data + "!", *sig).ok());

        // Round trip of the keys through PEM keeps them usable.
        const auto again = PrivateKey::fromPem(key->toPem());
        QVERIFY(again.ok());
        const auto pub = PublicKey::fromPem(key->publicKey().toPem());
        QVERIFY(pub.ok());
        QVERIFY(verifySignature(alg, *pub, data, *signData(alg, *again, data)).ok());
    }

    // An algorithm that does not fit the key fails, whatever the signature.
    void algorithmMustMatchKey_data()
    {
        QTest::addColumn<int>("alg");
        QTest::addColumn<int>("type");
        QTest::newRow("ES256 with Ed25519 key") << int(CoseAlgorithm::ES256) << int(KeyType::Ed25519);
        QTest::newRow("ES256 with RSA key") << int(CoseAlgorithm::ES256) << int(KeyType::Rsa);
        QTest::newRow("EdDSA with P-256 key") << int(CoseAlgorithm::EdDSA) << int(KeyType::EcP256);
        QTest::newRow("PS256 with P-256 key") << int(CoseAlgorithm::PS256) << int(KeyType::EcP256);
        QTest::newRow("PS256 with Ed25519 key") << int(CoseAlgorithm::PS256) << int(KeyType::Ed25519);
    }
    void algorithmMustMatchKey()
    {
        QFETCH(int, alg);
        QFETCH(int, type);
        const auto key = PrivateKey::generate(KeyType(type));
        QVERIFY(key.ok());
        const QByteArray data("data");
        const auto realSig = signData(defaultAlgorithmFor(KeyType(type)), *key, data);
        QVERIFY(realSig.ok());
        const Status s = verifySignature(CoseAlgorithm(alg), key->publicKey(), data, *realSig);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("crypto.alg-key-mismatch"));
        QVERIFY(!algorithmMatchesKey(CoseAlgorithm(alg), KeyType(type)));
    }

    void es256RefusesDerEncodedSignature()
    {
        const auto key = PrivateKey::generate(KeyType::EcP256);
        QVERIFY(key.ok());
        const auto sig = signData(CoseAlgorithm::ES256, *key, "x");
        QVERIFY(sig.ok());
        // A DER SEQUENCE of r and s is what OpenSSL makes by default; COSE wants raw.
        QByteArray der =
            QByteArray::fromHex("3044022000") + sig->left(32) + QByteArray::fromHex("0220") + sig->mid(32);
        const Status s = verifySignature(CoseAlgorithm::ES256, key->publicKey(), "x", der);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("crypto.malformed-signature"));
        QVERIFY(!verifySignature(CoseAlgorithm::ES256, key->publicKey(), "x", QByteArray()).ok());
    }

    void badKeysAreRefused()
    {
        QVERIFY(!PublicKey::fromSubjectPublicKeyInfo(QByteArray("not a key")).ok());
        QVERIFY(!PublicKey::fromSubjectPublicKeyInfo(QByteArray()).ok());
        QVERIFY(!PublicKey::fromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").ok());
        QVERIFY(!PublicKey::fromEcP256Point(QByteArray(32, 1), QByteArray(32, 2)).ok()); // not on the curve
        QVERIFY(!PublicKey::fromEd25519(QByteArray(31, 1)).ok());
        QVERIFY(!PrivateKey::fromPem("garbage").ok());
    }
};

QTEST_GUILESS_MAIN(TestSignatures)
#include "test_signatures.moc"
