// The certificate record (typed fields) and the KP1 text layers around it.
#include "TestSupport.h"
#include "format/Base45.h"
#include "format/Cbor.h"
#include "format/Kp1.h"
#include "format/Zlib.h"

#include <QCborArray>
#include <QCborMap>
#include <QJsonDocument>
#include <QtTest>

using namespace kp;

namespace {

// The example of kp1-barcode.md.
QCborMap exampleRecord()
{
    return QCborMap{
        {QStringLiteral("v"), 1},
        {QStringLiteral("no"), QStringLiteral("BW-2026-004711")},
        {QStringLiteral("iss"), QStringLiteral("BW")},
        {QStringLiteral("auth"), QStringLiteral("Government Diamond Valuator, Gaborone")},
        {QStringLiteral("di"), QStringLiteral("2026-11-02")},
        {QStringLiteral("de"), QStringLiteral("2027-01-01")},
        {QStringLiteral("org"), QCborArray{QStringLiteral("BW")}},
        {QStringLiteral("exp"),
         QCborMap{{QStringLiteral("n"), QStringLiteral("Okavango Rough Exports (Pty) Ltd")},
                  {QStringLiteral("a"), QStringLiteral("Plot 64, Gaborone")}}},
        {QStringLiteral("imp"),
         QCborMap{{QStringLiteral("n"), QStringLiteral("Schelde Rough NV")},
                  {QStringLiteral("a"), QStringLiteral("Hoveniersstraat 22, 2018 Antwerpen")}}},
        {QStringLiteral("dst"), QStringLiteral("EU")},
        {QStringLiteral("lots"), QCborArray{QCborMap{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                                     {QStringLiteral("cct"), 152035},
                                                     {QStringLiteral("usd"), 41200000}}}},
        {QStringLiteral("np"), 3},
        {QStringLiteral("seals"), QCborArray{QStringLiteral("GDV-88231")}},
    };
}

// A COSE_Sign1 around a payload; the signature is not checked at this layer.
QByteArray coseAround(const QByteArray& payload)
{
    const QByteArray protectedBytes = encodeCbor(QCborMap{{1, -7}});
    return encodeCbor(QCborValue(QCborTag(18), QCborArray{protectedBytes, QCborMap{{4, QByteArray(8, 'k')}},
                                                          payload, QByteArray(64, 's')}));
}

QCborMap with(QCborMap map, const QString& key, const QCborValue& value)
{
    if (value.isUndefined())
        map.remove(key);
    else
        map.insert(key, value);
    return map;
}

} // namespace

class TestRecord : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void readsTheSpecExample()
    {
        const auto r = CertificateRecord::fromCbor(exampleRecord());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->number, QStringLiteral("BW-2026-004711"));
        QCOMPARE(r->issued, QDate(2026, 11, 2));
        QCOMPARE(r->expires, QDate(2027, 1, 1));
        QCOMPARE(r->lots.size(), 1);
        QCOMPARE(r->lots[0].centiCarats, quint64(152035));
        QCOMPARE(r->totalUsdCents(), quint64(41200000));
        QCOMPARE(r->parcels, quint64(3));
        QCOMPARE(r->seals, QStringList{QStringLiteral("GDV-88231")});
        QVERIFY(!r->mixed);
    }

    void roundTripsThroughCborAndJson()
    {
        const auto r = CertificateRecord::fromCbor(exampleRecord());
        QVERIFY(r.ok());
        const auto viaCbor = CertificateRecord::fromCbor(r->toCbor());
        QVERIFY(viaCbor.ok());
        QCOMPARE(*viaCbor, *r);
        const auto viaJson = CertificateRecord::fromJson(
            QJsonDocument::fromJson(QJsonDocument(r->toJson()).toJson()).object());
        QVERIFY2(viaJson.ok(), qPrintable(viaJson.ok() ? QString() : viaJson.error().message));
        QCOMPARE(*viaJson, *r);
    }

    void ignoresUnknownKeys()
    {
        QVERIFY(
            CertificateRecord::fromCbor(with(exampleRecord(), QStringLiteral("x-future"), QCborArray{1, 2}))
                .ok());
    }

    void mixedOriginNeedsNoCountry()
    {
        QCborMap m = with(exampleRecord(), QStringLiteral("org"), QCborArray{});
        QVERIFY(!CertificateRecord::fromCbor(m).ok());
        const auto r = CertificateRecord::fromCbor(with(m, QStringLiteral("mix"), true));
        QVERIFY(r.ok());
        QVERIFY(r->mixed);
    }

    // Every field with a missing value or a wrong type is refused with a
    // message naming the field.
    void refusesWrongFields_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QCborValue>("value");
        const QCborValue missing;
        for (const char* key :
             {"v", "no", "iss", "auth", "di", "de", "org", "exp", "imp", "dst", "lots", "np"})
            QTest::addRow("%s missing", key) << QString::fromLatin1(key) << missing;
        for (const char* key : {"v", "np"}) {
            QTest::addRow("%s text", key) << QString::fromLatin1(key) << QCborValue(QStringLiteral("1"));
            QTest::addRow("%s negative", key) << QString::fromLatin1(key) << QCborValue(-1);
            QTest::addRow("%s float", key) << QString::fromLatin1(key) << QCborValue(1.5);
        }
        for (const char* key : {"no", "iss", "auth", "dst", "note"}) {
            QTest::addRow("%s integer", key) << QString::fromLatin1(key) << QCborValue(42);
            QTest::addRow("%s bytes", key) << QString::fromLatin1(key) << QCborValue(QByteArray("BW"));
        }
        QTest::newRow("no too long") << "no" << QCborValue(QString(65, u'A'));
        QTest::newRow("note too long") << "note" << QCborValue(QString(100000, u'n'));
        for (const char* key : {"di", "de"}) {
            QTest::addRow("%s not a date", key)
                << QString::fromLatin1(key) << QCborValue(QStringLiteral("tomorrow"));
            QTest::addRow("%s 31 February", key)
                << QString::fromLatin1(key) << QCborValue(QStringLiteral("2026-02-31"));
            QTest::addRow("%s integer", key) << QString::fromLatin1(key) << QCborValue(20261102);
            QTest::addRow("%s with time", key)
                << QString::fromLatin1(key) << QCborValue(QStringLiteral("2026-11-02T10:00"));
        }
        QTest::newRow("org text") << "org" << QCborValue(QStringLiteral("BW"));
        QTest::newRow("org of integers") << "org" << QCborValue(QCborArray{1});
        QTest::newRow("seals map") << "seals" << QCborValue(QCborMap{});
        QTest::newRow("mix integer") << "mix" << QCborValue(1);
        QTest::newRow("exp text") << "exp" << QCborValue(QStringLiteral("Okavango"));
        QTest::newRow("exp without address")
            << "exp" << QCborValue(QCborMap{{QStringLiteral("n"), QStringLiteral("x")}});
        QTest::newRow("imp name integer")
            << "imp"
            << QCborValue(QCborMap{{QStringLiteral("n"), 1}, {QStringLiteral("a"), QStringLiteral("x")}});
        QTest::newRow("lots empty") << "lots" << QCborValue(QCborArray{});
        QTest::newRow("lots map") << "lots" << QCborValue(QCborMap{});
        QTest::newRow("lot not a map") << "lots" << QCborValue(QCborArray{1});
        QTest::newRow("lot cct text")
            << "lots"
            << QCborValue(QCborArray{QCborMap{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                              {QStringLiteral("cct"), QStringLiteral("100")},
                                              {QStringLiteral("usd"), 1}}});
        QTest::newRow("lot without usd")
            << "lots"
            << QCborValue(QCborArray{
                   QCborMap{{QStringLiteral("hs"), QStringLiteral("7102.31")}, {QStringLiteral("cct"), 1}}});
        QTest::newRow("v 2") << "v" << QCborValue(2);
    }
    void refusesWrongFields()
    {
        QFETCH(QString, key);
        QFETCH(QCborValue, value);
        const auto r = CertificateRecord::fromCbor(with(exampleRecord(), key, value));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("record.invalid"));
        QVERIFY2(r.error().message.contains(key) || key == QStringLiteral("v"),
                 qPrintable(r.error().message));
    }

    void refusesNonMap()
    {
        QVERIFY(!CertificateRecord::fromCbor(QCborArray{1, 2}).ok());
        QVERIFY(!CertificateRecord::fromCbor(QCborValue(QStringLiteral("record"))).ok());
    }

    void certificateNumberPattern_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isNumber");
        QTest::newRow("spec example") << "BW-2026-004711" << true;
        QTest::newRow("with slash") << "EU/BE/2026/0001" << true;
        QTest::newRow("four characters") << "BW12" << true;
        QTest::newRow("three characters") << "BW1" << false;
        QTest::newRow("33 characters") << QString(33, u'A') << false;
        QTest::newRow("lower case") << "bw-2026-1" << false;
        QTest::newRow("space") << "BW 2026" << false;
        QTest::newRow("KP1 text") << "KP1:6BF..." << false;
    }
    void certificateNumberPattern()
    {
        QFETCH(QString, text);
        QFETCH(bool, isNumber);
        QCOMPARE(isCertificateNumber(text), isNumber);
    }

    void kp1DecodesCompressedAndUncompressed()
    {
        const QByteArray cose = coseAround(encodeCbor(exampleRecord()));
        const QString compressed = Kp1::encode(cose);
        QVERIFY(compressed.startsWith(QStringLiteral("KP1:")));
        const auto a = Kp1::decode(compressed);
        QVERIFY(a.ok());
        QCOMPARE(a->record.number, QStringLiteral("BW-2026-004711"));
        QCOMPARE(a->coseBytes, cose);
        QCOMPARE(a->cose.kid, QByteArray(8, 'k'));

        const QString uncompressed = QStringLiteral("KP1:") + QString::fromLatin1(Base45::encode(cose));
        const auto b = Kp1::decode(uncompressed);
        QVERIFY(b.ok());
        QCOMPARE(b->record, a->record);
    }

    void kp1RefusesDamagedText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        const QString good = Kp1::encode(coseAround(encodeCbor(exampleRecord())));
        QTest::newRow("no prefix") << good.mid(4) << "kp1.prefix";
        QTest::newRow("other prefix") << QStringLiteral("HC1:") + good.mid(4) << "kp1.prefix";
        QTest::newRow("lower-case prefix") << QStringLiteral("kp1:") + good.mid(4) << "kp1.prefix";
        QTest::newRow("empty") << QString() << "kp1.prefix";
        QTest::newRow("prefix only") << QStringLiteral("KP1:") << "cbor.malformed";
        QTest::newRow("truncated") << good.left(good.size() - 10) << "";
        QTest::newRow("non-ASCII") << good + QStringLiteral("é") << "base45.invalid";
        QTest::newRow("lower-case body")
            << QStringLiteral("KP1:") + good.mid(4).toLower() << "base45.invalid";
        QTest::newRow("200 KB") << QStringLiteral("KP1:") + QString(200 * 1024, u'0') << "kp1.too-large";
        const QString bomb = QStringLiteral("KP1:") +
                             QString::fromLatin1(Base45::encode(Zlib::deflate(QByteArray(1 << 20, 'a'))));
        QTest::newRow("zlib bomb") << bomb << "zlib.too-large";
        QTest::newRow("payload not a record")
            << Kp1::encode(coseAround(encodeCbor(QCborArray{1, 2, 3}))) << "record.invalid";
        QTest::newRow("payload not CBOR")
            << Kp1::encode(coseAround(QByteArray("\xff\xff", 2))) << "cbor.malformed";
        QByteArray deep(3000, char(0x81));
        deep.append(char(0));
        QTest::newRow("payload nested 3000 deep") << Kp1::encode(coseAround(deep)) << "cbor.too-deep";
    }
    void kp1RefusesDamagedText()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        const auto r = Kp1::decode(text);
        QVERIFY(!r.ok());
        QVERIFY(!r.error().message.isEmpty());
        if (!code.isEmpty())
            QCOMPARE(r.error().code, code);
    }
};

QTEST_GUILESS_MAIN(TestRecord)
#include "test_record.moc"
