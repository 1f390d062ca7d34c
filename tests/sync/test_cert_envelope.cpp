// The small decoder of a `certs` record's envelope (core/sync/CertEnvelope_p.h):
// what it accepts, and that anything malformed, truncated, oversized or
// unusual is left undecided (the full check then refuses it with its reason).
#include "TestSupport.h"
#include "format/Cbor.h"
#include "sync/CertEnvelope_p.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

using namespace kp;

namespace {

QByteArray envelope(const QByteArray& payload, bool tagged = true, const QCborMap& unprotected = {})
{
    const QCborArray array{encodeCbor(QCborMap{{1, -7}}), unprotected, payload, QByteArray(64, '\x5a')};
    return tagged ? encodeCbor(QCborValue(QCborTag(18), array)) : encodeCbor(array);
}

QByteArray record()
{
    return encodeCbor(QCborMap{{QStringLiteral("v"), 1},
                               {QStringLiteral("no"), QStringLiteral("BW-2026-0000001")},
                               {QStringLiteral("iss"), QStringLiteral("BW")},
                               {QStringLiteral("di"), QStringLiteral("2026-11-02")},
                               {QStringLiteral("exp"), QCborMap{{QStringLiteral("n"), QStringLiteral("Ok")}}},
                               {QStringLiteral("lots"), QCborArray{1.5, true, QCborValue()}}});
}

// A map in raw CBOR from already encoded pairs.
QByteArray rawMap(const QList<QByteArray>& pairs)
{
    QByteArray out(1, char(0xa0 + pairs.size() / 2));
    for (const QByteArray& p : pairs)
        out += p;
    return out;
}

QByteArray text(const QByteArray& utf8)
{
    return QByteArray(1, char(0x60 + utf8.size())) + utf8;
}

} // namespace

class TestCertEnvelope : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void accepts_data()
    {
        QTest::addColumn<QByteArray>("cose");
        QTest::addColumn<QByteArray>("number");
        QTest::addColumn<QByteArray>("issuer");
        QTest::addColumn<QByteArray>("issued");
        QTest::newRow("tagged") << envelope(record()) << QByteArray("BW-2026-0000001") << QByteArray("BW")
                                << QByteArray("2026-11-02");
        QTest::newRow("untagged") << envelope(record(), false) << QByteArray("BW-2026-0000001")
                                  << QByteArray("BW") << QByteArray("2026-11-02");
        QTest::newRow("no only") << envelope(rawMap({text("no"), text("X")})) << QByteArray("X")
                                 << QByteArray() << QByteArray();
        QTest::newRow("unprotected headers")
            << envelope(rawMap({text("no"), text("X")}), true,
                        QCborMap{{4, QByteArray("kid")}, {33, QCborArray{QByteArray("x5")}}})
            << QByteArray("X") << QByteArray() << QByteArray();
        QTest::newRow("first no counts") << envelope(rawMap({text("no"), text("A"), text("no"), text("B")}))
                                         << QByteArray("A") << QByteArray() << QByteArray();
        QTest::newRow("iss not text, then text")
            << envelope(
                   rawMap({text("iss"), QByteArray("\x01"), text("no"), text("A"), text("iss"), text("ZA")}))
            << QByteArray("A") << QByteArray("ZA") << QByteArray();
        QTest::newRow("non-ASCII") << envelope(rawMap({text("no"), text("N\xc3\xa9-1")}))
                                   << QByteArray("N\xc3\xa9-1") << QByteArray() << QByteArray();
    }
    void accepts()
    {
        QFETCH(QByteArray, cose);
        QFETCH(QByteArray, number);
        QFETCH(QByteArray, issuer);
        QFETCH(QByteArray, issued);
        const auto decoded = decodeCertEnvelope(cose);
        QVERIFY(decoded);
        QCOMPARE(decoded->number.toByteArray(), number);
        QCOMPARE(decoded->hasIssuer, !issuer.isEmpty());
        QCOMPARE(decoded->issuer.toByteArray(), issuer);
        QCOMPARE(decoded->hasIssued, !issued.isEmpty());
        QCOMPARE(decoded->issued.toByteArray(), issued);
    }

    void undecided_data()
    {
        QTest::addColumn<QByteArray>("cose");
        const QByteArray good = envelope(record());
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("trailing byte") << good + '\0';
        QTest::newRow("other tag") << encodeCbor(QCborValue(QCborTag(17), QCborArray{}));
        QTest::newRow("array of three") << encodeCbor(QCborArray{QByteArray(), QCborMap(), record()});
        QTest::newRow("array of five")
            << encodeCbor(QCborArray{QByteArray(), QCborMap(), record(), QByteArray(), QByteArray()});
        QTest::newRow("unprotected not a map")
            << encodeCbor(QCborArray{QByteArray(), QCborArray(), record(), QByteArray()});
        QTest::newRow("payload not a map") << envelope(encodeCbor(QCborArray{1}));
        QTest::newRow("payload trailing") << envelope(record() + '\0');
        QTest::newRow("payload empty") << envelope(QByteArray());
        QTest::newRow("no missing") << envelope(rawMap({text("iss"), text("BW")}));
        QTest::newRow("no empty") << envelope(rawMap({text("no"), text("")}));
        QTest::newRow("no not text") << envelope(rawMap({text("no"), QByteArray("\x05")}));
        QTest::newRow("no invalid UTF-8") << envelope(rawMap({text("no"), text("\xc3")}));
        QTest::newRow("no overlong") << envelope(rawMap({text("no"), text("\xc0\xaf")}));
        QTest::newRow("no surrogate") << envelope(rawMap({text("no"), text("\xed\xa0\x80")}));
        QTest::newRow("no byte order mark") << envelope(rawMap({text("no"), text("\xef\xbb\xbf"
                                                                                 "A")}));
        QTest::newRow("indefinite payload map") << envelope(QByteArray("\xbf\x62no\x61X\xff", 7));
        QTest::newRow("indefinite text") << envelope(QByteArray("\xa1\x62no\x7f\x61X\xff", 7));
        QTest::newRow("tag in payload") << envelope(rawMap({text("no"), text("A"), text("d"), "\xc1\x01"}));
        QTest::newRow("simple value") << envelope(rawMap({text("no"), text("A"), text("s"), "\xf0"}));
        QTest::newRow("reserved info") << envelope(rawMap({text("no"), text("A"), text("s"), "\x1c"}));
        QTest::newRow("break outside") << envelope(rawMap({text("no"), text("A"), text("s"), "\xff"}));
        QTest::newRow("non-minimal length") << envelope(rawMap({text("no"), QByteArray("\x78\x01X", 3)}));
        // Lengths and counts larger than the bytes that are left.
        QTest::newRow("huge payload length")
            << QByteArray("\xd2\x84\x40\xa0\x5b\x7f\xff\xff\xff\xff\xff\xff\xff\x40", 14);
        QTest::newRow("huge map count") << envelope(QByteArray("\xbb\x7f\xff\xff\xff\xff\xff\xff\xff", 9));
        QTest::newRow("huge unprotected count")
            << QByteArray("\xd2\x84\x40\xbb\xff\xff\xff\xff\xff\xff\xff\xff\x40\x40", 14);
        QTest::newRow("huge text length")
            << envelope(QByteArray("\xa1\x62no\x7b\xff\xff\xff\xff\xff\xff\xff\xff", 13));
        // Nesting deeper than the decoder goes.
        QByteArray deep = "\x01";
        for (int i = 0; i < 64; ++i)
            deep.prepend('\x81');
        QTest::newRow("deep payload value") << envelope(rawMap({text("no"), text("A"), text("x"), deep}));
        QTest::newRow("deep unprotected") << QByteArray("\xd2\x84\x40\xa1\x01", 5) + deep + "\x40\x40";
    }
    void undecided()
    {
        QFETCH(QByteArray, cose);
        QVERIFY(!decodeCertEnvelope(cose));
    }

    // Every prefix of a good envelope is truncated, and every prefix lies
    // in memory of exactly its size (ASan would see a read past it).
    void truncated()
    {
        const QByteArray good = envelope(record());
        QVERIFY(decodeCertEnvelope(good));
        for (qsizetype n = 0; n < good.size(); ++n) {
            const QByteArray prefix(good.constData(), n);
            QVERIFY2(!decodeCertEnvelope(prefix), qPrintable(QString::number(n)));
        }
    }

    // Each single byte changed: never a crash, and an accepted result lies
    // inside the input.
    void mutated()
    {
        const QByteArray good = envelope(record());
        for (qsizetype i = 0; i < good.size(); ++i) {
            for (int v : {0x00, 0x1b, 0x3b, 0x5b, 0x7b, 0x9b, 0xbb, 0xdb, 0xff}) {
                QByteArray bad = good;
                bad[i] = char(v);
                if (const auto d = decodeCertEnvelope(bad)) {
                    QVERIFY(d->number.data() >= bad.constData());
                    QVERIFY(d->number.data() + d->number.size() <= bad.constData() + bad.size());
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCertEnvelope)
#include "test_cert_envelope.moc"
