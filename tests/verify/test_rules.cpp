#include "TestSupport.h"

#include "verify/RuleSet.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

using namespace kp;

class TestRules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    void defaults()
    {
        const RuleSet rules = RuleSet::defaults();
        QCOMPARE(rules.maxValidityDays, 60);
        QVERIFY(rules.bans.isEmpty());
        QVERIFY(rules.bandFor(QStringLiteral("NA")).has_value());
        QVERIFY(rules.bandFor(QStringLiteral("NA"))->min > rules.bandFor(QStringLiteral("CD"))->max);
        // Origins without their own band use the world band.
        QCOMPARE(rules.bandFor(QStringLiteral("GY"))->max, rules.bandFor(RuleSet::WorldBand)->max);
    }

    void parsesValidRules()
    {
        RuleSet rules = RuleSet::defaults();
        QVERIFY(rules.applyRule(QStringLiteral("max_validity_days"), 30));
        QCOMPARE(rules.maxValidityDays, 30);
        QVERIFY(rules.applyRule(QStringLiteral("usd_per_ct"),
                                QCborMap{{QStringLiteral("BW"), QCborArray{10, 20.5}}}));
        QCOMPARE(rules.bandFor(QStringLiteral("BW"))->max, 20.5);
        QVERIFY(!rules.bandFor(QStringLiteral("NA"))); // the bundle's bands replace the defaults
        QVERIFY(rules.applyRule(QStringLiteral("bans"),
                                QCborArray{QCborMap{{QStringLiteral("c"), QStringLiteral("RU")},
                                                    {QStringLiteral("from"), QStringLiteral("2024-01-01")},
                                                    {QStringLiteral("scope"), QStringLiteral("origin")},
                                                    {QStringLiteral("note"), QStringLiteral("G7")}}}));
        QCOMPARE(rules.bans.size(), 1);
        QVERIFY(rules.bans.first().covers(QDate(2030, 1, 1)));
        QVERIFY(!rules.bans.first().covers(QDate(2023, 12, 31)));
        QVERIFY(rules.applyRule(QStringLiteral("future_rule"), QStringLiteral("anything")));
    }

    void refusesMalformedRules_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QCborValue>("value");
        QTest::newRow("validity text")
            << QStringLiteral("max_validity_days") << QCborValue(QStringLiteral("60"));
        QTest::newRow("validity zero") << QStringLiteral("max_validity_days") << QCborValue(0);
        QTest::newRow("bands not map") << QStringLiteral("usd_per_ct") << QCborValue(QCborArray{1, 2});
        QTest::newRow("band inverted") << QStringLiteral("usd_per_ct")
                                       << QCborValue(QCborMap{{QStringLiteral("BW"), QCborArray{20, 10}}});
        QTest::newRow("band short") << QStringLiteral("usd_per_ct")
                                    << QCborValue(QCborMap{{QStringLiteral("BW"), QCborArray{20}}});
        QTest::newRow("ban scope") << QStringLiteral("bans")
                                   << QCborValue(QCborArray{
                                          QCborMap{{QStringLiteral("c"), QStringLiteral("RU")},
                                                   {QStringLiteral("from"), QStringLiteral("2024-01-01")},
                                                   {QStringLiteral("scope"), QStringLiteral("all")}}});
        QTest::newRow("ban date") << QStringLiteral("bans")
                                  << QCborValue(QCborArray{
                                         QCborMap{{QStringLiteral("c"), QStringLiteral("RU")},
                                                  {QStringLiteral("from"), QStringLiteral("soon")},
                                                  {QStringLiteral("scope"), QStringLiteral("origin")}}});
    }
    void refusesMalformedRules()
    {
        QFETCH(QString, key);
        QFETCH(QCborValue, value);
        RuleSet rules = RuleSet::defaults();
        const RuleSet before = rules;
        QVERIFY(!rules.applyRule(key, value));
        QCOMPARE(rules.maxValidityDays, before.maxValidityDays);
        QCOMPARE(rules.usdPerCarat.size(), before.usdPerCarat.size());
        QCOMPARE(rules.bans.size(), before.bans.size());
    }
};

QTEST_GUILESS_MAIN(TestRules)
#include "test_rules.moc"
