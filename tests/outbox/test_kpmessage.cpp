// kpmsg (kp-outbox.md): made and read back, and every way a message from
// outside can be wrong is refused with its reason.
#include "TestSupport.h"
#include "crypto/Signature.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "outbox/KpMessage.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QTest>
#include <QUuid>

using namespace kp;

namespace {

struct Desk
{
    PrivateKey caKey;
    Certificate ca;
    PrivateKey key;
    Certificate cert;
};

Desk makeDesk(const QString& country, const QString& deskId)
{
    Desk d;
    d.caKey = *PrivateKey::generate(KeyType::EcP256);
    const QDateTime from(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    d.ca = *CertificateFactory::makeAuthorityCa(
        d.caKey, {country, QStringLiteral("KP Authority ") + country, {}, from, from.addYears(10), 1});
    d.key = *PrivateKey::generate(KeyType::EcP256);
    d.cert = *CertificateFactory::makeDocumentSigner(d.ca, d.caKey, d.key.publicKey(),
                                                     {country, deskId, {}, from, from.addYears(2), 2});
    return d;
}

KpMessage confirmation()
{
    KpMessage m;
    m.kind = MessageKind::Confirmation;
    m.id = QUuid::createUuid().toRfc4122();
    m.desk = QStringLiteral("EU-ANR-03");
    m.participant = QStringLiteral("EU");
    m.at = QDateTime(QDate(2026, 11, 30), QTime(9, 15), Qt::UTC);
    m.n = 7;
    m.audit = {42, QByteArray(32, '\x5a')};
    m.body =
        QCborMap{{QStringLiteral("no"), QStringLiteral("BW-2026-004711")},
                 {QStringLiteral("iss"), QStringLiteral("BW")},
                 {QStringLiteral("recv"), QStringLiteral("2026-11-30")},
                 {QStringLiteral("np"), 3},
                 {QStringLiteral("cct"), 125050},
                 {QStringLiteral("exp"), QCborMap{{QStringLiteral("n"), QStringLiteral("Debswana")},
                                                  {QStringLiteral("a"), QStringLiteral("Gaborone")}}},
                 {QStringLiteral("imp"), QCborMap{{QStringLiteral("n"), QStringLiteral("Antwerp Rough NV")},
                                                  {QStringLiteral("a"), QStringLiteral("Antwerp")}}},
                 {QStringLiteral("auth"), QStringLiteral("FPS Economy, Antwerp Diamond Office")},
                 {QStringLiteral("officer"), QStringLiteral("olga")}};
    return m;
}

KpMessage doubt(const QByteArray& image = QByteArray("png bytes"))
{
    KpMessage m = confirmation();
    m.kind = MessageKind::Doubt;
    m.n = 8;
    m.body = QCborMap{
        {QStringLiteral("case"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("no"), QStringLiteral("BW-2026-004711")},
        {QStringLiteral("kp1"), QCborValue(QCborValue::Null)},
        {QStringLiteral("verdict"), QStringLiteral("doubt")},
        {QStringLiteral("checks"),
         QCborArray{QCborMap{{QStringLiteral("check"), QStringLiteral("registry")},
                             {QStringLiteral("status"), QStringLiteral("warn")},
                             {QStringLiteral("detail"), QStringLiteral("no record")}}}},
        {QStringLiteral("physical"), QCborMap{{QStringLiteral("parcels"), 2}}},
        {QStringLiteral("reasons"), QCborArray{QStringLiteral("seal broken")}},
        {QStringLiteral("notes"), QStringLiteral("container 2")},
        {QStringLiteral("decision"), QCborMap{{QStringLiteral("by"), QStringLiteral("sam")},
                                              {QStringLiteral("at"), QStringLiteral("2026-11-30T10:00:00Z")},
                                              {QStringLiteral("outcome"), QStringLiteral("detained")},
                                              {QStringLiteral("reason"), QStringLiteral("seals")}}},
        {QStringLiteral("to"),
         QCborArray{QStringLiteral("BW"), QStringLiteral("KP-CHAIR"), QStringLiteral("KP-WGM")}},
        {QStringLiteral("files"),
         QCborArray{
             QCborMap{{QStringLiteral("name"), QStringLiteral("scan.png")},
                      {QStringLiteral("type"), QStringLiteral("image/png")},
                      {QStringLiteral("sha256"), QCryptographicHash::hash(image, QCryptographicHash::Sha256)},
                      {QStringLiteral("data"), image}}}}};
    return m;
}

QString code(const Result<KpMessageCodec::Read>& r)
{
    return r.ok() ? QStringLiteral("ok") : r.error().code;
}

// The COSE_Sign1 with its payload replaced, re-signed by `key` (a desk that
// signs what it should not), or not re-signed.
QByteArray withPayload(const QByteArray& file, const QCborMap& payload, const PrivateKey* key)
{
    auto cose = CoseSign1::parse(file, 64 << 20);
    cose->payload = encodeCbor(payload);
    if (key)
        cose->signature = *signData(CoseAlgorithm::ES256, *key, cose->toBeSigned());
    return cose->encode(true);
}

QCborMap payloadOf(const QByteArray& file)
{
    return parseCbor(CoseSign1::parse(file, 64 << 20)->payload, {16, 100000, 64 << 20})->toMap();
}

} // namespace

class TestKpMessage : public QObject
{
    Q_OBJECT

    Desk m_desk = makeDesk(QStringLiteral("EU"), QStringLiteral("EU-ANR-03"));

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void confirmationRoundTrip()
    {
        const KpMessage m = confirmation();
        QCOMPARE(m.fileName(), QStringLiteral("EU-ANR-03-00000007-confirmation.kpmsg"));
        auto file = KpMessageCodec::sign(m, m_desk.key, m_desk.cert);
        QVERIFY2(file.ok(), qPrintable(file ? QString() : file.error().message));
        const auto read = KpMessageCodec::read(*file);
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        QCOMPARE(read->message.id, m.id);
        QCOMPARE(read->message.n, m.n);
        QCOMPARE(read->message.at, m.at);
        QCOMPARE(read->message.audit, m.audit);
        QCOMPARE(read->message.body, m.body);
        QCOMPARE(read->deskCertificate.der(), m_desk.cert.der());

        // The envelope as the spec says: tag 18, kid of the desk certificate,
        // the certificate as x5chain (33), the payload's own keys.
        const auto cose = CoseSign1::parse(*file);
        QCOMPARE(cose->kid, m_desk.cert.kid());
        QCOMPARE(cose->unprotectedHeader.value(33).toByteArray(), m_desk.cert.der());
        const QCborMap p = payloadOf(*file);
        QCOMPARE(p.value(QStringLiteral("fmt")).toString(), QStringLiteral("kpmsg"));
        QCOMPARE(p.value(QStringLiteral("v")).toInteger(), 1);
        QCOMPARE(p.value(QStringLiteral("at")).toString(), QStringLiteral("2026-11-30T09:15:00Z"));
        QCOMPARE(p.value(QStringLiteral("id")).toByteArray().size(), 16);
    }

    void doubtRoundTrip()
    {
        const KpMessage m = doubt();
        auto file = KpMessageCodec::sign(m, m_desk.key, m_desk.cert);
        QVERIFY(file.ok());
        const auto read = KpMessageCodec::read(*file);
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        QCOMPARE(read->message.kind, MessageKind::Doubt);
        QCOMPARE(read->message.body, m.body);
    }

    void refusedWithItsReason_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QCborValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no number") << "body.no" << QCborValue(QCborValue::Undefined) << "kpmsg.invalid";
        QTest::newRow("number not text") << "body.no" << QCborValue(12) << "kpmsg.invalid";
        QTest::newRow("bad date") << "body.recv" << QCborValue(QStringLiteral("30/11/2026"))
                                  << "kpmsg.invalid";
        QTest::newRow("negative mass") << "body.cct" << QCborValue(-1) << "kpmsg.invalid";
        QTest::newRow("short id") << "id" << QCborValue(QByteArray(8, 'x')) << "kpmsg.invalid";
        QTest::newRow("other kind") << "kind" << QCborValue(QStringLiteral("gossip")) << "kpmsg.invalid";
        QTest::newRow("version 2") << "v" << QCborValue(2) << "kpmsg.invalid";
        QTest::newRow("short audit") << "audit" << QCborValue(QCborArray{1}) << "kpmsg.invalid";
        QTest::newRow("another desk")
            << "desk" << QCborValue(QStringLiteral("EU-ANR-04")) << "kpmsg.certificate";
        QTest::newRow("another participant")
            << "pt" << QCborValue(QStringLiteral("BW")) << "kpmsg.certificate";
        QTest::newRow("path in desk") << "desk" << QCborValue(QStringLiteral("../etc")) << "kpmsg.invalid";
    }

    // A desk that signs a payload it should not: the signature holds, the
    // fields do not.
    void refusedWithItsReason()
    {
        QFETCH(QString, field);
        QFETCH(QCborValue, value);
        QFETCH(QString, expected);
        const QByteArray file = *KpMessageCodec::sign(confirmation(), m_desk.key, m_desk.cert);
        QCborMap p = payloadOf(file);
        if (field.startsWith(QLatin1String("body."))) {
            QCborMap body = p.value(QStringLiteral("body")).toMap();
            if (value.isUndefined())
                body.remove(field.mid(5));
            else
                body.insert(field.mid(5), value);
            p.insert(QStringLiteral("body"), body);
        } else {
            p.insert(field, value);
        }
        QCOMPARE(code(KpMessageCodec::read(withPayload(file, p, &m_desk.key))), expected);
    }

    void tamperingBreaksTheSignature()
    {
        const QByteArray file = *KpMessageCodec::sign(confirmation(), m_desk.key, m_desk.cert);
        QCborMap p = payloadOf(file);
        QCborMap body = p.value(QStringLiteral("body")).toMap();
        body.insert(QStringLiteral("cct"), 1);
        p.insert(QStringLiteral("body"), body);
        QCOMPARE(code(KpMessageCodec::read(withPayload(file, p, nullptr))),
                 QStringLiteral("kpmsg.signature"));

        // Another desk's certificate put in x5chain.
        const Desk other = makeDesk(QStringLiteral("EU"), QStringLiteral("EU-ANR-03"));
        auto cose = CoseSign1::parse(file);
        cose->unprotectedHeader.insert(33, other.cert.der());
        QCOMPARE(code(KpMessageCodec::read(cose->encode(true))), QStringLiteral("kpmsg.signature"));
        cose->unprotectedHeader.remove(33);
        QCOMPARE(code(KpMessageCodec::read(cose->encode(true))), QStringLiteral("kpmsg.certificate"));
        QCOMPARE(code(KpMessageCodec::read(QByteArray("not cbor at all"))),
                 QStringLiteral("kpmsg.malformed"));
        QCOMPARE(code(KpMessageCodec::read(QByteArray(KpMessageLimits::MaxBytes + 1, 'x'))),
                 QStringLiteral("kpmsg.too-large"));
    }

    void filesAreCheckedAndLimited()
    {
        KpMessage m = doubt();
        QCborMap body = m.body;
        QCborArray files = body.value(QStringLiteral("files")).toArray();
        QCborMap f = files.at(0).toMap();
        f.insert(QStringLiteral("data"), QByteArray("other bytes"));
        files[0] = f;
        body.insert(QStringLiteral("files"), files);
        m.body = body;
        QCOMPARE(KpMessageCodec::sign(m, m_desk.key, m_desk.cert).error().code,
                 QStringLiteral("kpmsg.invalid"));

        // 16 MiB of files in all, not more.
        const KpMessage big = doubt(QByteArray(KpMessageLimits::MaxFiles + 1, 'i'));
        QCOMPARE(KpMessageCodec::sign(big, m_desk.key, m_desk.cert).error().code,
                 QStringLiteral("kpmsg.too-large"));
        const KpMessage fits = doubt(QByteArray(KpMessageLimits::MaxFiles, 'i'));
        auto file = KpMessageCodec::sign(fits, m_desk.key, m_desk.cert);
        QVERIFY2(file.ok(), qPrintable(file ? QString() : file.error().message));
        QVERIFY(KpMessageCodec::read(*file).ok());

        KpMessage badTo = doubt();
        QCborMap b = badTo.body;
        b.insert(QStringLiteral("to"), QCborArray{QStringLiteral("everyone@example.org")});
        badTo.body = b;
        QCOMPARE(KpMessageCodec::sign(badTo, m_desk.key, m_desk.cert).error().code,
                 QStringLiteral("kpmsg.invalid"));
    }
};

QTEST_GUILESS_MAIN(TestKpMessage)
#include "test_kpmessage.moc"
