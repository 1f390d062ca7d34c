// Which office a desk replicates with (issue 20 item 7): a failed read of the
// desk's link is an error, never "no office before" (which would take the
// same office for another and pull everything again from its start).
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "office/OfficeLink.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kp;

namespace {

QString metaValue(CacheDatabase& db, const QString& table, const QString& key)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT value FROM %1 WHERE key = ?").arg(table));
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

const QString Office = QStringLiteral("postgresql://desk@office.example/kpoffice");

// A desk linked to Office that has pulled cases up to 5 and events up to 7.
std::unique_ptr<CacheDatabase> linkedDesk(const QTemporaryDir& dir)
{
    auto db = CacheDatabase::open(dir.filePath(QStringLiteral("desk.sqlite")),
                                  CacheDatabase::OpenMode::CreateIfMissing);
    if (!db || !OfficeLink::save(**db, *OfficeUrl::parse(Office)))
        return nullptr;
    QSqlQuery q((*db)->connection());
    if (!q.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('office_pulled_cases', '5'), "
                               "('office_pulled_events', '7')")))
        return nullptr;
    return std::move(*db);
}

} // namespace

class TestOfficeLink : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    void savingAgainKeepsThePullCursors()
    {
        QTemporaryDir dir;
        auto db = linkedDesk(dir);
        QVERIFY(db);
        const OfficeUrl url = *OfficeUrl::parse(Office);
        // The same office again: nothing to pull again.
        QVERIFY(OfficeLink::save(*db, url).ok());
        QCOMPARE(metaValue(*db, QStringLiteral("meta"), QStringLiteral("office_pulled_events")),
                 QStringLiteral("7"));
        // Another office: its own numbers, from its start.
        auto other = OfficeUrl::parse(QStringLiteral("postgresql://desk@other.example/kpoffice"));
        QVERIFY(OfficeLink::save(*db, *other).ok());
        QCOMPARE(metaValue(*db, QStringLiteral("meta"), QStringLiteral("office_pulled_events")), QString());
    }

    void aFailedReadIsAnErrorAndKeepsThePullCursors()
    {
        QTemporaryDir dir;
        auto db = linkedDesk(dir);
        QVERIFY(db);
        const OfficeUrl url = *OfficeUrl::parse(Office);
        // The stored link cannot be read (SQLite fails the read with an error,
        // as on a damaged page), while writes still go through.
        QSqlQuery q(db->connection());
        for (const char* sql :
             {"ALTER TABLE meta RENAME TO meta_real",
              "CREATE VIEW meta AS SELECT key, CASE WHEN key = 'office_url' THEN abs(-9223372036854775808) "
              "ELSE value END AS value FROM meta_real",
              "CREATE TRIGGER meta_insert INSTEAD OF INSERT ON meta BEGIN INSERT OR REPLACE INTO "
              "meta_real(key, value) VALUES(new.key, new.value); END",
              "CREATE TRIGGER meta_delete INSTEAD OF DELETE ON meta BEGIN DELETE FROM meta_real WHERE key = "
              "old.key; END"})
            QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
        const Status saved = OfficeLink::save(*db, url);
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, QStringLiteral("office.desk"));
        QCOMPARE(metaValue(*db, QStringLiteral("meta_real"), QStringLiteral("office_pulled_cases")),
                 QStringLiteral("5"));
        QCOMPARE(metaValue(*db, QStringLiteral("meta_real"), QStringLiteral("office_pulled_events")),
                 QStringLiteral("7"));
    }
};

QTEST_GUILESS_MAIN(TestOfficeLink)
#include "test_office_link.moc"
