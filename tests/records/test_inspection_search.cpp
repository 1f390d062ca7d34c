// Finding past inspections in the records store (core/records/InspectionQuery):
// each filter alone and together, the number as a person types it, the
// officer ignoring case, the limit with "more", the indexes that keep a
// search on a big desk from sorting every match, and a read error that is
// an error, never "nothing found".
#include "CacheDamage.h"
#include "InspectionFixtures.h"
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "records/InspectionQuery.h"
#include "records/SqliteRecordsStore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

class TestInspectionSearch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    const QDateTime m_now{QDate(2026, 11, 30), QTime(12, 0), Qt::UTC};
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    QMap<QString, QString> m_ids; // fixture key -> UUID

    // The fixture keys found, in the order found.
    QStringList found(const InspectionFilter& filter)
    {
        const auto page = queryInspections(*m_store, filter);
        if (!page) {
            qWarning() << page.error().message;
            return {QStringLiteral("error")};
        }
        QStringList keys;
        for (const InspectionRecord& r : page->rows)
            keys << m_ids.key(r.id);
        return keys;
    }

    QDateTime daysAgo(int days) const { return m_now.addDays(-days); }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        m_path = m_dir.filePath(QStringLiteral("desk.sqlite"));
        auto db = CacheDatabase::open(m_path, CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_ids = writePastInspections(*m_store, m_now);
        QCOMPARE(m_ids.size(), 5);
    }

    void normalisedNumber()
    {
        QCOMPARE(normalizedCertificateNumber(QStringLiteral(" bw-2026-000001 ")),
                 QStringLiteral("BW-2026-000001"));
        QCOMPARE(normalizedCertificateNumber(QStringLiteral("bw 2026\t000001")),
                 QStringLiteral("BW2026000001"));
        QCOMPARE(normalizedCertificateNumber(QString()), QString());
    }

    void everythingNewestFirst()
    {
        QCOMPARE(found({}), (strings({"today", "twoDays", "tenDays", "fortyDays", "lastYear"})));
    }

    void eachFilterAlone()
    {
        InspectionFilter number;
        number.number = QStringLiteral("  na-2026- 000002");
        QCOMPARE(found(number), strings({"twoDays"}));
        number.number = QStringLiteral("NA-2026-00000"); // exact, not a prefix
        QCOMPARE(found(number), QStringList{});

        InspectionFilter dates;
        dates.from = daysAgo(30);
        QCOMPARE(found(dates), (strings({"today", "twoDays", "tenDays"})));
        dates.to = daysAgo(2); // [from, to): the one two days ago is at exactly `to`
        QCOMPARE(found(dates), strings({"tenDays"}));
        InspectionFilter before;
        before.to = daysAgo(30);
        QCOMPARE(found(before), (strings({"fortyDays", "lastYear"})));

        InspectionFilter verdict; // the final verdict, not the first
        verdict.verdict = Verdict::Accept;
        QCOMPARE(found(verdict), (strings({"today", "twoDays"})));
        verdict.verdict = Verdict::Doubt;
        QCOMPARE(found(verdict), strings({"tenDays"}));
        verdict.verdict = Verdict::Reject;
        QCOMPARE(found(verdict), (strings({"fortyDays", "lastYear"})));

        InspectionFilter officer; // ignoring case
        officer.officer = QStringLiteral(" OLGA ");
        QCOMPARE(found(officer), (strings({"today", "tenDays"})));
        officer.officer = QStringLiteral("kagiso");
        QCOMPARE(found(officer), (strings({"twoDays", "lastYear"})));
        officer.officer = QStringLiteral("olg"); // a name, not a part of one
        QCOMPARE(found(officer), QStringList{});

        InspectionFilter participant;
        participant.participant = QStringLiteral("bw");
        QCOMPARE(found(participant), (strings({"today", "tenDays", "lastYear"})));
        participant.participant = QStringLiteral("ZA");
        QCOMPARE(found(participant), QStringList{});
    }

    void filtersCombined()
    {
        InspectionFilter f;
        f.participant = QStringLiteral("BW");
        f.officer = QStringLiteral("olga");
        QCOMPARE(found(f), (strings({"today", "tenDays"})));
        f.verdict = Verdict::Doubt;
        QCOMPARE(found(f), strings({"tenDays"}));
        f.from = daysAgo(5);
        QCOMPARE(found(f), QStringList{});
        f = {};
        f.participant = QStringLiteral("BW");
        f.verdict = Verdict::Reject;
        f.to = daysAgo(30);
        QCOMPARE(found(f), strings({"lastYear"}));
        f.number = QStringLiteral("bw-2025-000005");
        QCOMPARE(found(f), strings({"lastYear"}));
        f.number = QStringLiteral("bw-2026-000001");
        QCOMPARE(found(f), QStringList{});
    }

    void rowsSayWhatWasSeen()
    {
        InspectionFilter f;
        f.number = QStringLiteral("BW-2026-000003");
        const auto page = queryInspections(*m_store, f);
        QVERIFY(page.ok());
        QCOMPARE(page->rows.size(), 1);
        const InspectionRecord& r = page->rows.first();
        QCOMPARE(r.id, m_ids.value(QStringLiteral("tenDays")));
        QCOMPARE(r.at, m_now.addDays(-10));
        QCOMPARE(r.officer, QStringLiteral("Olga"));
        QCOMPARE(r.participant, QStringLiteral("BW"));
        QCOMPARE(r.verdict, Verdict::Doubt);
        QCOMPARE(r.finalVerdict, Verdict::Doubt);
        QVERIFY(r.hasCase);
        f.number = QStringLiteral("BW-2026-000001");
        QVERIFY(!queryInspections(*m_store, f)->rows.first().hasCase);
    }

    void limitSaysWhenThereAreMore()
    {
        InspectionFilter f;
        f.limit = 3;
        auto page = queryInspections(*m_store, f);
        QVERIFY(page.ok());
        QCOMPARE(page->rows.size(), 3);
        QVERIFY(page->more);
        QCOMPARE(page->limit, 3);
        QCOMPARE(page->rows.first().id, m_ids.value(QStringLiteral("today"))); // the newest
        f.limit = 5; // exactly as many as there are: no "more"
        page = queryInspections(*m_store, f);
        QCOMPARE(page->rows.size(), 5);
        QVERIFY(!page->more);
        f.limit = 0; // at least one
        page = queryInspections(*m_store, f);
        QCOMPARE(page->rows.size(), 1);
        QVERIFY(page->more);
        // The store itself reads exactly the limit.
        f.limit = 2;
        QCOMPARE(m_store->findInspections(f)->size(), 2);
    }

    // Each filter is served by an index in the newest-first order (migration
    // 5): SQLite stops at the page's end instead of sorting every match, which
    // on a desk of a million inspections is the difference (docs/performance.md).
    void searchesNeedNoSort_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("index");
        QTest::newRow("dates") << "at >= '2026-01-01' AND at < '2026-02-01'"
                               << "inspections_by_at";
        QTest::newRow("officer") << "officer = 'OLGA' COLLATE NOCASE"
                                 << "inspections_by_officer";
        QTest::newRow("participant") << "participant = 'BW'"
                                     << "inspections_by_participant";
        QTest::newRow("verdict") << "final_verdict = 'doubt'"
                                 << "inspections_by_verdict";
        QTest::newRow("number") << "no = 'BW-2026-000001'"
                                << "inspections_by_no";
    }

    void searchesNeedNoSort()
    {
        QFETCH(QString, where);
        QFETCH(QString, index);
        QSqlQuery q(m_db->connection());
        QVERIFY(
            q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT uuid FROM inspections WHERE uuid IS NOT NULL "
                                  "AND %1 ORDER BY at DESC, id DESC LIMIT 501")
                       .arg(where)));
        QString plan;
        while (q.next())
            plan += q.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(plan.contains(index), qPrintable(plan));
        if (index != QLatin1String("inspections_by_no")) // a number has a handful of rows to sort
            QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));
    }

    void unreadableIsAnErrorNeverNothingFound()
    {
        const QString copy = m_dir.filePath(QStringLiteral("damaged.sqlite"));
        m_store.reset();
        m_db.reset();
        checkpoint(m_path);
        QVERIFY(QFile::copy(m_path, copy));
        QVERIFY(damageRootOf(copy, QStringLiteral("inspections")));
        auto db = CacheDatabase::open(copy, CacheDatabase::OpenMode::MustExist);
        QVERIFY(db.ok());
        SqliteRecordsStore store(**db);
        const auto page = queryInspections(store, {});
        QVERIFY(!page.ok());
        QCOMPARE(page.error().code, QStringLiteral("records.read"));
        QVERIFY(!page.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInspectionSearch)
#include "test_inspection_search.moc"
