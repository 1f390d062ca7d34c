// Base45 (RFC 9285) and the zlib layer with its decompression-bomb cap.
#include "TestSupport.h"
#include "format/Base45.h"
#include "format/Zlib.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace kp;

class TestBase45Zlib : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void base45Rfc9285Examples_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("AB") << QByteArray("AB") << QByteArray("BB8");
        QTest::newRow("Hello!!") << QByteArray("Hello!!") << QByteArray("%69 VD92EX0");
        QTest::newRow("base-45") << QByteArray("base-45") << QByteArray("UJCLQE7W581");
        QTest::newRow("ietf!") << QByteArray("ietf!") << QByteArray("QED8WEX0");
        QTest::newRow("empty") << QByteArray() << QByteArray();
    }
    void base45Rfc9285Examples()
    {
        QFETCH(QByteArray, plain);
        QFETCH(QByteArray, encoded);
        QCOMPARE(Base45::encode(plain), encoded);
        const auto decoded = Base45::decode(QString::fromLatin1(encoded).toLatin1());
        QVERIFY(decoded.ok());
        QCOMPARE(*decoded, plain);
    }

    void base45RefusesBadText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("triple above 65535") << QByteArray("GGW");
        QTest::newRow("dangling single character") << QByteArray("BB8A");
        QTest::newRow("lower case") << QByteArray("bb8");
        QTest::newRow("character outside alphabet") << QByteArray("BB#");
        QTest::newRow("non-ASCII byte") << QByteArray("BB\xc3\xa9");
        QTest::newRow("NUL byte") << QByteArray("BB\0", 3);
    }
    void base45RefusesBadText()
    {
        QFETCH(QByteArray, text);
        const auto decoded = Base45::decode(text);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, QStringLiteral("base45.invalid"));
        QVERIFY(!decoded.error().message.isEmpty());
    }

    void base45RoundTripsEveryByteValue()
    {
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all.append(char(i));
        for (int len = 0; len <= all.size(); len += 37) {
            const QByteArray chunk = all.left(len);
            const auto back = Base45::decode(Base45::encode(chunk));
            QVERIFY(back.ok());
            QCOMPARE(*back, chunk);
        }
    }

    void zlibRoundTrip()
    {
        QByteArray data;
        for (int i = 0; i < 4000; ++i)
            data.append(char(QRandomGenerator::global()->bounded(256)));
        const QByteArray packed = Zlib::deflate(data);
        QVERIFY(Zlib::hasZlibHeader(packed));
        const auto back = Zlib::inflate(packed);
        QVERIFY(back.ok());
        QCOMPARE(*back, data);
    }

    void zlibAcceptsExactlyTheCap()
    {
        const QByteArray data(Zlib::MaxInflatedSize, 'x');
        const auto back = Zlib::inflate(Zlib::deflate(data));
        QVERIFY(back.ok());
        QCOMPARE(back->size(), Zlib::MaxInflatedSize);
    }

    void zlibRefusesBomb_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("one byte over") << Zlib::MaxInflatedSize + 1;
        QTest::newRow("64 MiB of zeros") << qsizetype(64) * 1024 * 1024;
    }
    void zlibRefusesBomb()
    {
        QFETCH(qsizetype, size);
        const QByteArray bomb = Zlib::deflate(QByteArray(size, '\0'));
        QVERIFY(bomb.size() < 100 * 1024); // small input, huge output
        const auto out = Zlib::inflate(bomb);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().code, QStringLiteral("zlib.too-large"));
    }

    void zlibRefusesDamagedStreams_data()
    {
        QTest::addColumn<QByteArray>("stream");
        const QByteArray good = Zlib::deflate(
            QByteArray("KP1 certificate record payload, long enough to compress well well well"));
        QTest::newRow("truncated") << good.left(good.size() / 2);
        QByteArray flipped = good;
        flipped[good.size() / 2] = char(flipped[good.size() / 2] ^ 0x55);
        QTest::newRow("flipped byte") << flipped;
        QByteArray badChecksum = good;
        badChecksum[good.size() - 1] = char(badChecksum[good.size() - 1] ^ 1);
        QTest::newRow("bad adler32") << badChecksum;
        QTest::newRow("header only") << good.left(2);
        QTest::newRow("trailing garbage") << good + QByteArray("garbage");
    }
    void zlibRefusesDamagedStreams()
    {
        QFETCH(QByteArray, stream);
        const auto out = Zlib::inflate(stream);
        QVERIFY(!out.ok());
        QVERIFY(out.error().code.startsWith(QStringLiteral("zlib.")));
    }

    void zlibHeaderDetection()
    {
        QVERIFY(!Zlib::hasZlibHeader(QByteArray("\xd2\x84", 2))); // a tagged COSE_Sign1
        QVERIFY(!Zlib::hasZlibHeader(QByteArray()));
        QVERIFY(Zlib::hasZlibHeader(Zlib::deflate("x", 1)));
    }
};

QTEST_GUILESS_MAIN(TestBase45Zlib)
#include "test_base45_zlib.moc"
