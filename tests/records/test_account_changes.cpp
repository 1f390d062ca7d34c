// Issue 21 items 7 and 8 at the records door: enabling an account and
// changing its role, with four eyes on accounts (never one's own, never the
// desk's last administrator); and the trail as TrailReading reads it: what
// holds, where it breaks, the filters, and the head the authority last received.
#include "TestSupport.h"

#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "records/TrailReading.h"
#include "util/Clock.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;

namespace {

const QString Password = QStringLiteral("correct-horse-1");

template <typename T>
QString code(const Result<T>& s)
{
    return s ? QString() : s.error().code;
}

} // namespace

class TestAccountChanges : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    std::unique_ptr<DeskRecords> m_door;
    Session m_cli = Session::forCommandLine(QStringLiteral("root"));
    int m_runs = 0;

    Session signIn(const QString& name)
    {
        auto s = m_door->signIn(name, Password);
        return s ? *s : Session{};
    }

    Role roleOf(const QString& name)
    {
        auto a = m_store->account(name);
        return a && a->has_value() ? (**a).role : Role::Officer;
    }

    // An entry appended as the door appends one (for kinds the door makes
    // only with a signed message: message_made, message_delivered).
    void append(const QString& kind, const QCborMap& data)
    {
        auto head = m_store->auditHead();
        QVERIFY(head.ok());
        AuditEntry e{
            head->count + 1, m_clock.nowUtc(), QStringLiteral("desk"), QStringLiteral("ada"), kind, data};
        auto encoded = AuditChain::encode(e);
        QVERIFY(encoded.ok());
        QVERIFY(m_store->appendAudit({e.n, *encoded, AuditChain::link(head->hash, *encoded)}).ok());
    }

private slots:
    void initTestCase() { kp::test::isolateFromUserMachine(); }

    // A fresh desk for each test: ada the administrator, olga an officer.
    void init()
    {
        m_door.reset();
        m_store.reset();
        m_db.reset();
        auto db = CacheDatabase::open(m_dir.filePath(QStringLiteral("desk-%1.sqlite").arg(++m_runs)),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(*db);
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_door = std::make_unique<DeskRecords>(*m_store, m_clock);
        QVERIFY(m_door->addFirstAdministrator(m_cli, QStringLiteral("ada"), Password).ok());
        QVERIFY(m_door->addAccount(m_cli, QStringLiteral("olga"), Role::Officer, Password).ok());
    }

    void fourEyesOnAccounts()
    {
        const Session ada = signIn(QStringLiteral("ada"));
        QCOMPARE(code(m_door->setRole(ada, QStringLiteral("ada"), Role::Supervisor)),
                 QStringLiteral("records.own-account"));
        QCOMPARE(code(m_door->disableAccount(ada, QStringLiteral("ada"))),
                 QStringLiteral("records.own-account"));
        // The command line has no account of its own, but the desk keeps an administrator.
        QCOMPARE(code(m_door->disableAccount(m_cli, QStringLiteral("ada"))),
                 QStringLiteral("records.last-administrator"));
        QCOMPARE(code(m_door->setRole(m_cli, QStringLiteral("ada"), Role::Officer)),
                 QStringLiteral("records.last-administrator"));
        QCOMPARE(roleOf(QStringLiteral("ada")), Role::Administrator);
        // An officer manages no account.
        const Session olga = signIn(QStringLiteral("olga"));
        QCOMPARE(code(m_door->setRole(olga, QStringLiteral("olga"), Role::Supervisor)),
                 QStringLiteral("accounts.not-permitted"));

        // With a second administrator, the first may become an officer.
        QVERIFY(m_door->setRole(ada, QStringLiteral("olga"), Role::Administrator).ok());
        QCOMPARE(code(m_door->setRole(ada, QStringLiteral("olga"), Role::Administrator)),
                 QStringLiteral("records.no-change"));
        QVERIFY(m_door->setRole(m_cli, QStringLiteral("ada"), Role::Officer).ok());
        QCOMPARE(roleOf(QStringLiteral("ada")), Role::Officer);
        auto reading = readTrail(*m_store);
        QVERIFY(reading.ok() && reading->holds());
        const TrailRow& last = reading->rows.last();
        QCOMPARE(last.entry.kind, QStringLiteral("role_changed"));
        QCOMPARE(last.entry.data.value(QStringLiteral("from")).toString(), QStringLiteral("administrator"));
        QCOMPARE(last.entry.data.value(QStringLiteral("role")).toString(), QStringLiteral("officer"));
    }

    void disableAndEnable()
    {
        const Session ada = signIn(QStringLiteral("ada"));
        QCOMPARE(code(m_door->enableAccount(ada, QStringLiteral("olga"))),
                 QStringLiteral("records.no-change"));
        QVERIFY(m_door->disableAccount(ada, QStringLiteral("olga")).ok());
        QCOMPARE(code(m_door->signIn(QStringLiteral("olga"), Password)), QStringLiteral("records.disabled"));
        QVERIFY(m_door->enableAccount(ada, QStringLiteral("olga")).ok());
        QVERIFY(m_door->signIn(QStringLiteral("olga"), Password).ok());
        QCOMPARE(code(m_door->enableAccount(ada, QStringLiteral("nobody"))),
                 QStringLiteral("records.not-found"));
    }

    // The authority holds the head a message was made with, once it got there.
    void readingFindsTheWitnessedHead()
    {
        auto none = readTrail(*m_store);
        QVERIFY(none.ok() && !none->witnessed);
        const auto sentWith = m_store->auditHead();
        QVERIFY(sentWith.ok());
        append(QStringLiteral("message_made"), {{QStringLiteral("message"), QStringLiteral("m-1")}});
        append(QStringLiteral("message_made"), {{QStringLiteral("message"), QStringLiteral("m-2")}});
        append(QStringLiteral("message_handed_over"), {{QStringLiteral("message"), QStringLiteral("m-1")}});
        auto reading = readTrail(*m_store);
        QVERIFY(reading.ok());
        QVERIFY(reading->holds());
        QCOMPARE(reading->head, *m_store->auditHead());
        QVERIFY(reading->witnessed);
        QCOMPARE(reading->witnessed->head, *sentWith);
        QCOMPARE(reading->witnessed->messageId, QStringLiteral("m-1"));
    }

    // Changed behind the door: the reading says where, holds nothing past it,
    // and its head is the last entry that holds.
    void brokenTrailIsReadAsBroken()
    {
        QVERIFY(m_door->disableAccount(m_cli, QStringLiteral("olga")).ok());
        auto before = readTrail(*m_store);
        QVERIFY(before.ok() && before->holds() && before->rows.size() == 3);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_append_only_u")));
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET entry = entry || x'00' WHERE n = 2")));
        auto reading = readTrail(*m_store);
        QVERIFY(reading.ok());
        QVERIFY(!reading->holds());
        QCOMPARE(reading->failedAt, quint64(2));
        QCOMPARE(reading->head.count, quint64(1));
        QByteArray firstHash;
        QVERIFY(m_store
                    ->readAudit([&](const StoredAuditEntry& e) {
                        firstHash = e.hash;
                        return false;
                    })
                    .ok());
        QCOMPARE(reading->head.hash, firstHash);
        QVERIFY(reading->rows.at(0).holds);
        QVERIFY(!reading->rows.at(1).holds && !reading->rows.at(2).holds);
        // A filter never hides an entry that could not be read.
        TrailFilter filter;
        filter.kind = QStringLiteral("account_added");
        QVERIFY(filter.matches(reading->rows.at(0)));
        QVERIFY(!reading->rows.at(1).decoded);
        QVERIFY(filter.matches(reading->rows.at(1)));
        QVERIFY(!filter.matches(reading->rows.at(2)));
    }
};

QTEST_GUILESS_MAIN(TestAccountChanges)
#include "test_account_changes.moc"
