// The rows of checks.md about a record and the desk (fields, expiry,
// participant, sanctions, registry, revocation, duplicate, value, freshness)
// and the inspection's JSON: a case that makes the check fail (or warn) and
// one that makes it pass, through the one verification pipeline.
#include "CheckHelpers.h"
#include "DeskFixture.h"
#include "TestSupport.h"

#include "authority/RecordSigner.h"
#include "crypto/Signature.h"
#include "format/Base45.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "format/Kp1.h"
#include "sync/CoseSigning.h"

#include <QCborArray>
#include <QCborMap>
#include <QJsonArray>
#include <QTest>

using namespace kp;
using namespace kp::test;

class TestChecks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { isolateFromUserMachine(); }

    void fieldsCheck_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<int>("status");
        QTest::newRow("ok") << QString() << int(CheckStatus::Pass);
        QTest::newRow("prefix") << QStringLiteral("prefix") << int(CheckStatus::Fail);
        QTest::newRow("hs code") << QStringLiteral("hs") << int(CheckStatus::Fail);
        QTest::newRow("zero mass") << QStringLiteral("cct0") << int(CheckStatus::Fail);
        QTest::newRow("zero value") << QStringLiteral("usd0") << int(CheckStatus::Fail);
        QTest::newRow("no parcels") << QStringLiteral("np0") << int(CheckStatus::Fail);
        QTest::newRow("expiry before issue") << QStringLiteral("de") << int(CheckStatus::Fail);
        QTest::newRow("validity too long") << QStringLiteral("long") << int(CheckStatus::Fail);
        QTest::newRow("number pattern") << QStringLiteral("pattern") << int(CheckStatus::Fail);
    }
    void fieldsCheck()
    {
        QFETCH(QString, mutation);
        QFETCH(int, status);
        DeskFixture f;
        auto rec = f.record();
        if (mutation == QLatin1String("prefix"))
            rec.number = QStringLiteral("ZA-2026-000001");
        else if (mutation == QLatin1String("hs"))
            rec.lots[0].hs = QStringLiteral("7104.20");
        else if (mutation == QLatin1String("cct0"))
            rec.lots[0].centiCarats = 0;
        else if (mutation == QLatin1String("usd0"))
            rec.lots[0].usdCents = 0;
        else if (mutation == QLatin1String("np0"))
            rec.parcels = 0;
        else if (mutation == QLatin1String("de"))
            rec.expires = rec.issued;
        else if (mutation == QLatin1String("long"))
            rec.expires = rec.issued.addDays(90);
        else if (mutation == QLatin1String("pattern"))
            rec.number = QStringLiteral("BW_2026_000001");
        const Inspection insp = f.verifyRecord(rec);
        QCOMPARE(int(statusOf(insp, CheckName::Fields)), status);
        if (status == int(CheckStatus::Fail))
            QCOMPARE(insp.verdict, Verdict::Reject);
    }

    void fieldsUsesValidityRuleFromBundle()
    {
        DeskFixture f;
        f.write([](CacheWriter& w) { QVERIFY(w.upsertRule(QStringLiteral("max_validity_days"), 30)); });
        const Inspection insp = f.verifyRecord(f.record()); // 60 days
        QCOMPARE(statusOf(insp, CheckName::Fields), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Fields).contains(QStringLiteral("30")));
    }

    // --- expiry ---
    void expiry_data()
    {
        QTest::addColumn<QDate>("at");
        QTest::addColumn<int>("status");
        QTest::newRow("on issue day") << QDate(2026, 11, 15) << int(CheckStatus::Pass);
        QTest::newRow("on expiry day") << QDate(2027, 1, 14) << int(CheckStatus::Pass);
        QTest::newRow("day after expiry") << QDate(2027, 1, 15) << int(CheckStatus::Fail);
        QTest::newRow("before issue") << QDate(2026, 11, 14) << int(CheckStatus::Fail);
    }
    void expiry()
    {
        QFETCH(QDate, at);
        QFETCH(int, status);
        DeskFixture f;
        VerifyOptions options;
        options.inspectionDate = at;
        const Inspection insp = f.verifyRecord(f.record(), options);
        QCOMPARE(int(statusOf(insp, CheckName::Expiry)), status);
        QCOMPARE(insp.inspectionDate, at);
    }

    // --- participant ---
    void participantFailsForAnotherDestination()
    {
        DeskFixture f;
        auto rec = f.record();
        rec.destination = QStringLiteral("GB");
        const Inspection insp = f.verifyRecord(rec);
        QCOMPARE(statusOf(insp, CheckName::Participant), CheckStatus::Fail);
        QVERIFY(detailOf(insp, CheckName::Participant).contains(QStringLiteral("GB")));
    }

    void participantStatusOnDateOfIssue_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("expected");
        QTest::newRow("suspended on di")
            << QStringLiteral("suspended") << QDate(2026, 11, 1) << QDate() << int(CheckStatus::Fail);
        QTest::newRow("withdrawn on di")
            << QStringLiteral("withdrawn") << QDate(2026, 1, 1) << QDate() << int(CheckStatus::Fail);
        QTest::newRow("suspension ended before di") << QStringLiteral("suspended") << QDate(2020, 1, 1)
                                                    << QDate(2026, 11, 14) << int(CheckStatus::Pass);
        QTest::newRow("suspension starts after di")
            << QStringLiteral("suspended") << QDate(2026, 11, 16) << QDate() << int(CheckStatus::Pass);
        QTest::newRow("restricted on di")
            << QStringLiteral("restricted") << QDate(2026, 11, 15) << QDate() << int(CheckStatus::Warn);
    }
    void participantStatusOnDateOfIssue()
    {
        QFETCH(QString, status);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, expected);
        DeskFixture f;
        f.write([&](CacheWriter& w) {
            QVERIFY(w.upsertParticipant({QStringLiteral("BW"),
                                         QStringLiteral("Botswana"),
                                         QStringLiteral("active"),
                                         QDate(2003, 1, 1),
                                         from.addDays(-1),
                                         {}}));
            QVERIFY(w.upsertParticipant(
                {QStringLiteral("BW"), QStringLiteral("Botswana"), status, from, to, {}}));
            if (to.isValid())
                QVERIFY(w.upsertParticipant({QStringLiteral("BW"),
                                             QStringLiteral("Botswana"),
                                             QStringLiteral("active"),
                                             to.addDays(1),
                                             {},
                                             {}}));
        });
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(int(statusOf(insp, CheckName::Participant)), expected);
    }

    void participantFailsForNonParticipant()
    {
        DeskFixture f;
        f.write([&](CacheWriter& w) { QVERIFY(w.clearAuthorityData()); });
        // Re-publish keys and other participants only: BW is no longer one.
        f.write([&](CacheWriter& w) {
            QVERIFY(w.upsertParticipant({QStringLiteral("EU"),
                                         QStringLiteral("European Union"),
                                         QStringLiteral("active"),
                                         QDate(2003, 1, 1),
                                         {},
                                         {}}));
            const IssuerKeys& bw = f.issuer(QStringLiteral("BW"));
            QVERIFY(w.upsertAuthorityCa(bw.ca.der(), QStringLiteral("BW"), {}));
            QVERIFY(w.upsertSigner(bw.signer.der(), bw.signer.kid(), {}, {}));
        });
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(statusOf(insp, CheckName::Participant), CheckStatus::Fail);
    }

    // A synced desk without its participant list has lost data the check
    // needs: damage, never "nothing to check" (issue 18, item 6).
    void participantFailsWhenASyncedDeskHasNoParticipantData()
    {
        DeskFixture f;
        f.write([&](CacheWriter& w) {
            QVERIFY(w.clearAuthorityData());
            const IssuerKeys& bw = f.issuer(QStringLiteral("BW"));
            QVERIFY(w.upsertAuthorityCa(bw.ca.der(), QStringLiteral("BW"), {}));
            QVERIFY(w.upsertSigner(bw.signer.der(), bw.signer.kid(), {}, {}));
        });
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(statusOf(insp, CheckName::Participant), CheckStatus::Fail);
        QVERIFY(insp.verdict != Verdict::Accept);
        QVERIFY2(insp.dataError.contains(QLatin1String("participant list")), qPrintable(insp.dataError));
    }

    void participantWarnsForSuspendedOrigin()
    {
        DeskFixture f;
        f.write([](CacheWriter& w) {
            QVERIFY(w.upsertParticipant({QStringLiteral("CF"),
                                         QStringLiteral("Central African Republic"),
                                         QStringLiteral("suspended"),
                                         QDate(2026, 1, 1),
                                         {},
                                         {}}));
        });
        auto rec = f.record();
        rec.origins = {QStringLiteral("BW"), QStringLiteral("CF")};
        const Inspection insp = f.verifyRecord(rec);
        QCOMPARE(statusOf(insp, CheckName::Participant), CheckStatus::Warn);
        QVERIFY(detailOf(insp, CheckName::Participant).contains(QStringLiteral("CF")));
        QCOMPARE(insp.verdict, Verdict::Doubt);
    }

    // --- sanctions ---
    void sanctions_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("expected");
        QTest::newRow("origin banned") << QStringLiteral("BW") << QStringLiteral("origin")
                                       << QDate(2024, 1, 1) << QDate() << int(CheckStatus::Fail);
        QTest::newRow("issuer banned") << QStringLiteral("BW") << QStringLiteral("issuer")
                                       << QDate(2024, 1, 1) << QDate() << int(CheckStatus::Fail);
        QTest::newRow("ban ended") << QStringLiteral("BW") << QStringLiteral("origin") << QDate(2020, 1, 1)
                                   << QDate(2026, 11, 14) << int(CheckStatus::Pass);
        QTest::newRow("other country") << QStringLiteral("RU") << QStringLiteral("origin")
                                       << QDate(2024, 1, 1) << QDate() << int(CheckStatus::Pass);
    }
    void sanctions()
    {
        QFETCH(QString, country);
        QFETCH(QString, scope);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, expected);
        DeskFixture f;
        QCborMap ban{{QStringLiteral("c"), country},
                     {QStringLiteral("from"), from.toString(Qt::ISODate)},
                     {QStringLiteral("scope"), scope},
                     {QStringLiteral("note"), QStringLiteral("test ban")}};
        if (to.isValid())
            ban.insert(QStringLiteral("to"), to.toString(Qt::ISODate));
        f.write([&](CacheWriter& w) { QVERIFY(w.upsertRule(QStringLiteral("bans"), QCborArray{ban})); });
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(int(statusOf(insp, CheckName::Sanctions)), expected);
    }

    // --- registry ---
    void registryPassesForSameRecord()
    {
        DeskFixture f;
        f.registerRecord(f.record());
        QCOMPARE(statusOf(f.verifyRecord(f.record()), CheckName::Registry), CheckStatus::Pass);
    }

    void registryFailsForDifferentRecord()
    {
        DeskFixture f;
        f.registerRecord(f.record());
        auto other = f.record();
        other.importer.name = QStringLiteral("Someone Else BV");
        const Inspection insp = f.verifyRecord(other); // genuinely signed, but not what was registered
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Registry), CheckStatus::Fail);
        QCOMPARE(insp.verdict, Verdict::Reject);
    }

    void registryWarnsWhenAbsentFromNewerCache()
    {
        DeskFixture f;
        auto rec = f.record();
        rec.issued = QDate(2026, 11, 10); // cache published 2026-11-19: more than two days later
        rec.expires = rec.issued.addDays(60);
        const Inspection insp = f.verifyRecord(rec);
        QCOMPARE(statusOf(insp, CheckName::Registry), CheckStatus::Warn);
        QCOMPARE(insp.verdict, Verdict::Doubt);
    }

    void registrySkipsWhenIssuedAfterCache()
    {
        DeskFixture f;
        auto rec = f.record();
        rec.issued = QDate(2026, 11, 18);
        rec.expires = QDate(2026, 12, 18);
        const Inspection insp = f.verifyRecord(rec);
        QCOMPARE(statusOf(insp, CheckName::Registry), CheckStatus::Skip);
    }

    void plainNumberVerifiesRegistryRecord()
    {
        DeskFixture f;
        f.registerRecord(f.record());
        const Inspection insp = f.verifyText(QStringLiteral("BW-2026-000001"));
        QCOMPARE(insp.source, SourceKind::PlainNumber);
        QCOMPARE(statusOf(insp, CheckName::Registry), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Pass);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Pass);
        QCOMPARE(insp.verdict, Verdict::Accept);
        QVERIFY(insp.certificate.has_value());
    }

    void plainNumberWithoutRecordIsNeverValid()
    {
        DeskFixture f;
        const Inspection insp = f.verifyText(QStringLiteral("BW-2026-000404"));
        QCOMPARE(insp.source, SourceKind::PlainNumber);
        QCOMPARE(statusOf(insp, CheckName::Registry), CheckStatus::Fail);
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Skip);
        QCOMPARE(insp.verdict, Verdict::Reject);
    }

    void plainNumberWithForgedRegistryRecordFails()
    {
        DeskFixture f;
        auto cose = CoseSign1::parse(f.sign(f.record()));
        auto altered = f.record();
        altered.parcels = 9;
        cose->payload = encodeCbor(altered.toCbor());
        f.write([&](CacheWriter& w) {
            QVERIFY(w.upsertCertificate(altered.number, altered.issuer, altered.issued, cose->encode()));
        });
        const Inspection insp = f.verifyText(altered.number);
        QCOMPARE(statusOf(insp, CheckName::Signature), CheckStatus::Fail);
        QCOMPARE(insp.verdict, Verdict::Reject);
    }

    // --- revocation and duplicate ---
    void revocation_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("revocation");
        QTest::addColumn<int>("duplicate");
        QTest::newRow("lost") << QStringLiteral("lost") << int(CheckStatus::Fail) << int(CheckStatus::Pass);
        QTest::newRow("stolen") << QStringLiteral("stolen") << int(CheckStatus::Fail)
                                << int(CheckStatus::Pass);
        QTest::newRow("cancelled") << QStringLiteral("cancelled") << int(CheckStatus::Fail)
                                   << int(CheckStatus::Pass);
        QTest::newRow("fraudulent") << QStringLiteral("fraudulent") << int(CheckStatus::Fail)
                                    << int(CheckStatus::Pass);
        QTest::newRow("used") << QStringLiteral("used") << int(CheckStatus::Pass) << int(CheckStatus::Warn);
        QTest::newRow("none") << QString() << int(CheckStatus::Pass) << int(CheckStatus::Pass);
    }
    void revocation()
    {
        QFETCH(QString, status);
        QFETCH(int, revocation);
        QFETCH(int, duplicate);
        DeskFixture f;
        if (!status.isEmpty()) {
            f.write([&](CacheWriter& w) {
                QVERIFY(w.upsertRevocation({QStringLiteral("BW-2026-000001"),
                                            status,
                                            QStringLiteral("2026-11-18"),
                                            QStringLiteral("BW"),
                                            {}}));
            });
        }
        const Inspection insp = f.verifyRecord(f.record());
        QCOMPARE(int(statusOf(insp, CheckName::Revocation)), revocation);
        QCOMPARE(int(statusOf(insp, CheckName::Duplicate)), duplicate);
        // A plain number is checked for revocation even without a record.
        if (!status.isEmpty() && status != QLatin1String("used"))
            QCOMPARE(statusOf(f.verifyText(QStringLiteral("BW-2026-000001")), CheckName::Revocation),
                     CheckStatus::Fail);
    }

    // A second scan is a check again, not a presentation (test_duplicate: releases are).
    void secondScanHereIsNoReuse()
    {
        DeskFixture f;
        f.registerRecord(f.record());
        VerifyOptions record;
        record.recordPresentation = true;
        const Inspection first = f.verifyRecord(f.record(), record);
        QCOMPARE(statusOf(first, CheckName::Duplicate), CheckStatus::Pass);
        QCOMPARE(first.verdict, Verdict::Accept);
        const Inspection second = f.verifyRecord(f.record(), record);
        QCOMPARE(statusOf(second, CheckName::Duplicate), CheckStatus::Pass);
        QCOMPARE(second.verdict, Verdict::Accept);
        QCOMPARE(f.db().presentations(QStringLiteral("BW-2026-000001"))->size(), 2);
    }

    // Typing slips in a number are undone before it is looked up.
    void typedNumberIsNormalised_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("lower case") << QStringLiteral("bw-2026-000001");
        QTest::newRow("spaces") << QStringLiteral(" BW-2026 - 000001 ");
        QTest::newRow("mixed") << QStringLiteral("Bw-2026 -000001");
    }
    void typedNumberIsNormalised()
    {
        QFETCH(QString, typed);
        DeskFixture f;
        f.registerRecord(f.record());
        const Inspection insp = f.verifyText(typed);
        QVERIFY(insp.isCertificate());
        QCOMPARE(insp.source, SourceKind::PlainNumber);
        QCOMPARE(insp.number, QStringLiteral("BW-2026-000001"));
        QCOMPARE(insp.verdict, Verdict::Accept);
        QCOMPARE(insp.input.text, typed); // what was typed is kept as typed
    }

    // Text that is no certificate is no verdict and is recorded nowhere.
    void notACertificateRecordsNothing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("words") << QStringLiteral("hello world 123!");
        QTest::newRow("words without digits") << QStringLiteral("hello world");
        QTest::newRow("another barcode") << QStringLiteral("HC1:6BFOXN*TS0BI$ZD4N9");
        QTest::newRow("url") << QStringLiteral("https://example.org/BW-2026-000001");
        QTest::newRow("empty") << QString();
    }
    void notACertificateRecordsNothing()
    {
        QFETCH(QString, text);
        DeskFixture f;
        VerifyOptions record;
        record.recordPresentation = true;
        const Inspection insp = f.verifyText(text, record);
        QVERIFY(!insp.isCertificate());
        QVERIFY(insp.number.isEmpty());
        QCOMPARE(insp.check(CheckName::Format)->detail, Inspection::notACertificateText());
        QVERIFY(Inspection::notACertificateText().startsWith(
            QStringLiteral("Not a certificate: check what you typed")));
        QCOMPARE(insp.verdict, Verdict::Reject); // never anything softer, should anyone read it
        QCOMPARE(f.db().counts()->presentations, 0);
    }

    void verifyWithoutRecordLeavesNoPresentation()
    {
        DeskFixture f;
        (void)f.verifyRecord(f.record());
        QVERIFY(f.db().presentations(QStringLiteral("BW-2026-000001"))->isEmpty());
    }

    // --- value ---
    void value_data()
    {
        QTest::addColumn<quint64>("centiCarats");
        QTest::addColumn<quint64>("usdCents");
        QTest::addColumn<QString>("hs");
        QTest::addColumn<int>("expected");
        QTest::newRow("in band") << quint64(100000) << quint64(20000000) << QStringLiteral("7102.31")
                                 << int(CheckStatus::Pass);
        QTest::newRow("too cheap") << quint64(100000) << quint64(100000) << QStringLiteral("7102.31")
                                   << int(CheckStatus::Warn);
        QTest::newRow("too dear") << quint64(100) << quint64(10000000) << QStringLiteral("7102.31")
                                  << int(CheckStatus::Warn);
        QTest::newRow("industrial only")
            << quint64(100000) << quint64(100000) << QStringLiteral("7102.21") << int(CheckStatus::Skip);
    }
    void value()
    {
        QFETCH(quint64, centiCarats);
        QFETCH(quint64, usdCents);
        QFETCH(QString, hs);
        QFETCH(int, expected);
        DeskFixture f;
        auto rec = f.record();
        rec.lots = {Lot{hs, centiCarats, usdCents}};
        const Inspection insp = f.verifyRecord(rec);
        QCOMPARE(int(statusOf(insp, CheckName::Value)), expected);
        if (expected == int(CheckStatus::Warn))
            QCOMPARE(insp.verdict, Verdict::Doubt);
    }

    void valueUsesBandsFromBundle()
    {
        DeskFixture f;
        f.write([](CacheWriter& w) {
            QVERIFY(w.upsertRule(QStringLiteral("usd_per_ct"),
                                 QCborMap{{QStringLiteral("BW"), QCborArray{1000, 2000}}}));
        });
        const Inspection insp = f.verifyRecord(f.record()); // about US$ 271/ct
        QCOMPARE(statusOf(insp, CheckName::Value), CheckStatus::Warn);
    }

    // --- freshness ---
    void freshness_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("expected");
        QTest::newRow("fresh") << DeskFixture::now() << int(CheckStatus::Pass);
        QTest::newRow("stale") << DeskFixture::now().addDays(14) << int(CheckStatus::Warn);
        QTest::newRow("clock before data") << DeskFixture::now().addDays(-3) << int(CheckStatus::Warn);
    }
    void freshness()
    {
        QFETCH(QDateTime, now);
        QFETCH(int, expected);
        DeskFixture f;
        f.clock().set(now);
        VerifyOptions at;
        at.inspectionDate = QDate(2026, 11, 20);
        const Inspection insp = f.verifyRecord(f.record(), at);
        QCOMPARE(int(statusOf(insp, CheckName::Freshness)), expected);
    }

    void freshnessWarnsWhenNeverSynced()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("new.sqlite")),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db);
        QVERIFY((*db)->setParticipant(QStringLiteral("EU")));
        FixedClock clock(DeskFixture::now());
        DeskFixture issuerSide;
        const Inspection insp = Verifier(**db, clock).verify({issuerSide.kp1(issuerSide.record()), {}, {}});
        QCOMPARE(statusOf(insp, CheckName::Freshness), CheckStatus::Warn);
        QCOMPARE(statusOf(insp, CheckName::Signer), CheckStatus::Warn); // cannot know
        QCOMPARE(insp.verdict, Verdict::Doubt);
    }

    // --- output ---
    void jsonHasTheContractsShape()
    {
        DeskFixture f;
        const QJsonObject json = f.verifyRecord(f.record()).toJson();
        QCOMPARE(json.value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("doubt")); // not in registry, cache newer
        const QJsonArray checks = json.value(QStringLiteral("checks")).toArray();
        QCOMPARE(checks.size(), 12);
        QStringList names;
        for (const QJsonValue& c : checks) {
            names << c[QStringLiteral("check")].toString();
            QVERIFY(QStringList({QStringLiteral("pass"), QStringLiteral("warn"), QStringLiteral("fail"),
                                 QStringLiteral("skip")})
                        .contains(c[QStringLiteral("status")].toString()));
            QVERIFY(!c[QStringLiteral("detail")].toString().isEmpty());
        }
        QCOMPARE(names, CheckName::all());
        QCOMPARE(json.value(QStringLiteral("certificate"))[QStringLiteral("no")].toString(),
                 QStringLiteral("BW-2026-000001"));
        QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("KP1"));
        QCOMPARE(json.value(QStringLiteral("symbology")).toString(), QStringLiteral("QR Code"));
    }
};

QTEST_GUILESS_MAIN(TestChecks)
#include "test_checks.moc"
