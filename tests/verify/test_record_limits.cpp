// The `fields` and `value` checks at the edges (issue 18 item 12): amounts
// near the 64-bit limit, and origins that are no country.
#include "TestSupport.h"

#include "format/CertificateRecord.h"
#include "verify/CountryCodes.h"
#include "verify/RecordChecks.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include <limits>

using namespace kp;

namespace {

constexpr quint64 Max = quint64(std::numeric_limits<qint64>::max()); // the most a CBOR field reads as

CertificateRecord record()
{
    CertificateRecord r;
    r.number = QStringLiteral("BW-2026-004711");
    r.issuer = QStringLiteral("BW");
    r.authority = QStringLiteral("Government Diamond Valuator, Gaborone");
    r.issued = QDate(2026, 11, 2);
    r.expires = QDate(2027, 1, 1);
    r.origins = {QStringLiteral("BW")};
    r.exporter = {QStringLiteral("Okavango Rough Exports (Pty) Ltd"), QStringLiteral("Plot 64, Gaborone")};
    r.importer = {QStringLiteral("Schelde Rough NV"), QStringLiteral("Hoveniersstraat 22, 2018 Antwerpen")};
    r.destination = QStringLiteral("EU");
    r.lots = {Lot{QStringLiteral("7102.31"), 152035, 41200000}}; // US$ 271 a carat, in BW's band
    r.parcels = 3;
    return r;
}

Lot lot(quint64 centiCarats, quint64 usdCents)
{
    return Lot{QStringLiteral("7102.31"), centiCarats, usdCents};
}

} // namespace

class TestRecordLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    void theSampleRecordPasses()
    {
        QCOMPARE(RecordChecks::fields(record(), RuleSet::defaults()).status, CheckStatus::Pass);
        QCOMPARE(RecordChecks::value(record(), RuleSet::defaults()).status, CheckStatus::Pass);
    }

    void amountsNearTheLimit_data()
    {
        QTest::addColumn<QList<Lot>>("lots");
        QTest::addColumn<int>("fields");
        QTest::addColumn<int>("value");
        const auto pass = int(CheckStatus::Pass);
        const auto fail = int(CheckStatus::Fail);
        const auto warn = int(CheckStatus::Warn);
        // One lot at the limit: absurd per carat, a warning, but a sum that fits.
        QTest::newRow("value INT64_MAX") << QList<Lot>{lot(100, Max)} << pass << warn;
        QTest::newRow("mass INT64_MAX") << QList<Lot>{lot(Max, 100)} << pass << warn;
        QTest::newRow("both INT64_MAX") << QList<Lot>{lot(Max, Max)} << pass << warn;
        // Two lots at the limit still fit in 64 bits unsigned.
        QTest::newRow("two at INT64_MAX") << QList<Lot>{lot(100, Max), lot(100, Max)} << pass << warn;
        // Values that wrap around 2^64 to US$ 271 a carat, which used to pass.
        QTest::newRow("value wraps to the band")
            << QList<Lot>{lot(100, Max), lot(100, Max), lot(152035 - 200, 41200000 + 2)} << fail << warn;
        QTest::newRow("value wraps to zero")
            << QList<Lot>{lot(100, Max), lot(100, Max), lot(100, 2)} << fail << warn;
        QTest::newRow("mass wraps to the band")
            << QList<Lot>{lot(Max, 100), lot(Max, 100), lot(152035 + 2, 41200000 - 200)} << fail << warn;
        // Industrial lots are left out of the value band, but not out of the totals.
        QTest::newRow("industrial lots wrap")
            << QList<Lot>{Lot{QStringLiteral("7102.21"), 100, Max}, Lot{QStringLiteral("7102.21"), 100, Max},
                          lot(152035, 41200000 + 2)}
            << fail << pass;
    }

    void amountsNearTheLimit()
    {
        QFETCH(QList<Lot>, lots);
        QFETCH(int, fields);
        QFETCH(int, value);
        CertificateRecord r = record();
        r.lots = lots;
        const CheckResult f = RecordChecks::fields(r, RuleSet::defaults());
        const CheckResult v = RecordChecks::value(r, RuleSet::defaults());
        QVERIFY2(int(f.status) == fields, qPrintable(f.detail));
        QVERIFY2(int(v.status) == value, qPrintable(v.detail));
    }

    // CBOR can carry up to 2^64 - 1; what does not fit a signed 64-bit
    // amount is no amount (the format check), never a wrapped one.
    void cborAmountsBeyondInt64AreRefused()
    {
        QCborMap m = record().toCbor();
        QByteArray cbor = QCborValue(m).toCbor();
        // Encode usd as the largest CBOR unsigned integer (major type 0, 27: 8 bytes).
        const QByteArray usd = QCborValue(qint64(41200000)).toCbor();
        QVERIFY(cbor.contains(usd));
        cbor.replace(usd, QByteArray::fromHex("1bffffffffffffffff"));
        QCborParserError error;
        const QCborValue parsed = QCborValue::fromCbor(cbor, &error);
        QCOMPARE(error.error, QCborError::NoError);
        const auto decoded = CertificateRecord::fromCbor(parsed);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, QStringLiteral("record.invalid"));
    }

    void originsAreCountries_data()
    {
        QTest::addColumn<QStringList>("origins");
        QTest::addColumn<bool>("mixed");
        QTest::addColumn<bool>("passes");
        QTest::newRow("Botswana") << QStringList{QStringLiteral("BW")} << false << true;
        QTest::newRow("Namibia, not 'not available'") << QStringList{QStringLiteral("NA")} << false << true;
        QTest::newRow("several") << QStringList{QStringLiteral("CD"), QStringLiteral("AO")} << false << true;
        QTest::newRow("mixed, none named") << QStringList{} << true << true;
        QTest::newRow("mixed, some named") << QStringList{QStringLiteral("RU")} << true << true;
        QTest::newRow("ZZ") << QStringList{QStringLiteral("ZZ")} << false << false;
        QTest::newRow("ZZ among others")
            << QStringList{QStringLiteral("BW"), QStringLiteral("ZZ")} << false << false;
        QTest::newRow("KP") << QStringList{QStringLiteral("KP")} << false << false;
        QTest::newRow("KP, mixed") << QStringList{QStringLiteral("KP")} << true << false;
        QTest::newRow("EU, a union") << QStringList{QStringLiteral("EU")} << false << false;
        QTest::newRow("user-assigned XK") << QStringList{QStringLiteral("XK")} << false << false;
        QTest::newRow("user-assigned AA") << QStringList{QStringLiteral("AA")} << false << false;
        QTest::newRow("user-assigned QM") << QStringList{QStringLiteral("QM")} << false << false;
        QTest::newRow("reserved UK") << QStringList{QStringLiteral("UK")} << false << false;
        QTest::newRow("lower case") << QStringList{QStringLiteral("bw")} << false << false;
    }

    void originsAreCountries()
    {
        QFETCH(QStringList, origins);
        QFETCH(bool, mixed);
        QFETCH(bool, passes);
        CertificateRecord r = record();
        r.origins = origins;
        r.mixed = mixed;
        const CheckResult f = RecordChecks::fields(r, RuleSet::defaults());
        QVERIFY2((f.status == CheckStatus::Pass) == passes, qPrintable(f.detail));
        if (!passes)
            QVERIFY2(f.detail.contains(QLatin1String("country of origin")), qPrintable(f.detail));
    }

    void theCountryList()
    {
        int assigned = 0;
        for (char a = 'A'; a <= 'Z'; ++a)
            for (char b = 'A'; b <= 'Z'; ++b) {
                QString code(2, QChar::fromLatin1(a));
                code[1] = QChar::fromLatin1(b);
                assigned += isCountryCode(code);
            }
        QCOMPARE(assigned, 249);
        QVERIFY(isCountryCode(u"AD"));
        QVERIFY(isCountryCode(u"ZW"));
        QVERIFY(isCountryCode(u"TW"));
        QVERIFY(!isCountryCode(u"B"));
        QVERIFY(!isCountryCode(u"BWA"));
        QVERIFY(!isCountryCode(u"B\u00c4"));
    }
};

QTEST_GUILESS_MAIN(TestRecordLimits)
#include "test_record_limits.moc"
