// A certificate is released once (issue 18 item 4): two `kpdesk-cli release`
// processes started together on one certificate, again and again, release it
// once and refuse the other clearly; a desk that released a number twice
// before keeps its earlier release at the migration; the store itself
// refuses a second release whoever writes it.
#include "CliRun.h"
#include "TestSupport.h"
#include "authority/AuthorityPki.h"
#include "authority/DemoDesk.h"
#include "authority/RecordSigner.h"
#include "cache/CacheDatabase.h"
#include "format/Kp1.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";

// Plain SQL on a file, as the sqlite3 shell would run it.
bool rawSql(const QString& path, const QStringList& statements, QVariant* last = nullptr)
{
    const QString name = QStringLiteral("raw-") + path;
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString& sql : statements) {
            if (!ok)
                break;
            ok = q.exec(sql);
            if (!ok)
                qWarning() << sql << q.lastError().text();
        }
        if (ok && last && q.next())
            *last = q.value(0);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QVariant rawValue(const QString& path, const QString& sql)
{
    QVariant v;
    rawSql(path, {sql}, &v);
    return v;
}

} // namespace

class TestReleaseOnce : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    std::optional<AuthorityPki> m_pki;
    QDate m_today;

    // A genuine certificate that nobody has presented yet: issued today (so
    // the registry is not expected to hold it yet), signed by the demo PKI.
    QString freshCertificate(int n, QString* number)
    {
        CertificateRecord r;
        r.number = QStringLiteral("BW-%1-9%2").arg(m_today.year()).arg(n, 5, 10, QLatin1Char('0'));
        r.issuer = QStringLiteral("BW");
        r.authority = QStringLiteral("Government Diamond Valuator, Gaborone (DEMO)");
        r.issued = m_today;
        r.expires = m_today.addDays(60);
        r.origins = {QStringLiteral("BW")};
        r.exporter = {QStringLiteral("Demo Rough Exports Ltd"), QStringLiteral("Plot 64, Demo Street")};
        r.importer = {QStringLiteral("Schelde Rough NV (DEMO)"),
                      QStringLiteral("Hoveniersstraat 22, 2018 Antwerpen")};
        r.destination = QStringLiteral("EU");
        r.lots = {Lot{QStringLiteral("7102.31"), 152035, 41200000}};
        r.parcels = 3;
        const IssuerKeys* keys = m_pki->issuer(QStringLiteral("BW"));
        auto cose = signCertificateRecord(r, keys->signerKey, keys->signer);
        if (!cose)
            qFatal("cannot sign: %s", qPrintable(cose.error().message));
        *number = r.number;
        return Kp1::encode(*cose);
    }

    QStringList releaseArgs(const QString& text) const
    {
        return {QStringLiteral("release"),
                QStringLiteral("--db"),
                m_db,
                QStringLiteral("--user"),
                QStringLiteral("olga"),
                QStringLiteral("--text"),
                text,
                QStringLiteral("--parcels"),
                QStringLiteral("3"),
                QStringLiteral("--mass"),
                QStringLiteral("1520.35"),
                QStringLiteral("--seals-intact"),
                QStringLiteral("--importer-matches")};
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        SystemClock clock;
        m_today = clock.nowUtc().date();
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), clock);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.error().message));
        m_db = desk->dbPath;
        auto pki = AuthorityPki::load(desk->pkiDir);
        QVERIFY2(pki.ok(), qPrintable(pki ? QString() : pki.error().message));
        m_pki = *pki;
        // The desk's first account is an administrator; she adds the officer (issue 19 item 10).
        const CliRun admin = runCli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--db"),
                                     m_db, QStringLiteral("--name"), QStringLiteral("ada"),
                                     QStringLiteral("--role"), QStringLiteral("administrator")},
                                    {.input = Password + '\n'});
        QVERIFY2(admin.exitCode == 0, admin.said());
        const CliRun r = runCli({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--user"), QStringLiteral("ada"), QStringLiteral("--name"),
                                 QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("officer")},
                                {.input = Password + '\n' + Password + '\n'});
        QVERIFY2(r.exitCode == 0, r.said());
    }

    void aFreshCertificateIsReleased()
    {
        QString number;
        const QString text = freshCertificate(0, &number);
        const CliRun first = runCli(releaseArgs(text), {.input = Password + '\n'});
        QVERIFY2(first.exitCode == 0, first.said());
        // Released once: the next release of it is refused, naming the first.
        const CliRun again = runCli(releaseArgs(text), {.input = Password + '\n'});
        QVERIFY2(again.exitCode == 1, again.said());
        QVERIFY2(again.err.contains("already released at"), again.said());
        QVERIFY2(again.err.contains("by olga"), again.said());
        QCOMPARE(rawValue(m_db, QStringLiteral("SELECT COUNT(*) FROM releases WHERE no = '%1'").arg(number))
                     .toInt(),
                 1);
    }

    // The issue saw 2 of 8 tries release twice: two processes, 16 times.
    void twoReleasesAtOnceReleaseOnce()
    {
        constexpr int Tries = 16;
        for (int t = 1; t <= Tries; ++t) {
            QString number;
            const QString text = freshCertificate(t, &number);
            QProcess a;
            QProcess b;
            a.start(cliPath(), releaseArgs(text));
            b.start(cliPath(), releaseArgs(text));
            QVERIFY(a.waitForStarted() && b.waitForStarted());
            a.write(Password + '\n');
            b.write(Password + '\n');
            a.closeWriteChannel();
            b.closeWriteChannel();
            const CliRun ra = finishCli(a);
            const CliRun rb = finishCli(b);
            const QByteArray both = "try " + QByteArray::number(t) + "\n--- first:\n" + ra.out + ra.err +
                                    "\n--- second:\n" + rb.out + rb.err;
            // One released, the other refused because of it (not a locked
            // database, not a crash).
            QVERIFY2((ra.exitCode == 0) != (rb.exitCode == 0), both.constData());
            const CliRun& refused = ra.exitCode == 0 ? rb : ra;
            QVERIFY2(refused.exitCode == 1, both.constData());
            QVERIFY2(refused.err.contains("already released at"), both.constData());
            QCOMPARE(
                rawValue(m_db, QStringLiteral("SELECT COUNT(*) FROM releases WHERE no = '%1'").arg(number))
                    .toInt(),
                1);
        }
        // Each refusal is in the trail, which still verifies.
        const CliRun verify =
            runCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), m_db});
        QVERIFY2(verify.exitCode == 0, verify.said());
    }

    // A desk of schema 9 that released a number twice (as the race could)
    // migrates: the earlier release stands, the later is kept and marked.
    void theMigrationKeepsTheEarlierRelease()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.sqlite"));
        {
            auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
            QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().message));
        }
        // The releases table as schema 9 had it (before releases_once), with a number released twice.
        QVERIFY(rawSql(
            path, {QStringLiteral("DROP TABLE releases"),
                   QStringLiteral(
                       "CREATE TABLE releases(id INTEGER PRIMARY KEY, no TEXT NOT NULL, at TEXT NOT NULL, "
                       "inspection TEXT, seen_at TEXT, how TEXT NOT NULL)"),
                   QStringLiteral("CREATE INDEX releases_by_no ON releases(no)"),
                   QStringLiteral("INSERT INTO releases(id, no, at, inspection, seen_at, how) VALUES "
                                  "(1, 'BW-2026-000001', '2026-11-20T10:00:05.000Z', 'i-late', "
                                  "'2026-11-20T09:59:00.000Z', 'officer'), "
                                  "(2, 'BW-2026-000001', '2026-11-20T10:00:04.000Z', 'i-early', "
                                  "'2026-11-20T09:58:00.000Z', 'officer'), "
                                  "(3, 'BW-2026-000002', '2026-11-20T11:00:00.000Z', 'i-other', "
                                  "'2026-11-20T10:58:00.000Z', 'decision'), "
                                  "(4, 'BW-2026-000001', '2026-11-21T08:00:00.000Z', 'i-later', "
                                  "'2026-11-21T07:58:00.000Z', 'decision')"),
                   // and without what later schemas added
                   QStringLiteral("ALTER TABLE accounts DROP COLUMN must_change_password"),
                   QStringLiteral("DROP TABLE inspection_corrections"), QStringLiteral("DROP TABLE desks"),
                   QStringLiteral("PRAGMA user_version = 9")}));
        auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
        QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().message));
        QCOMPARE((*db)->schemaVersion(), CacheDatabase::currentSchemaVersion());
        // Nothing was lost: the duplicate check still sees every release.
        auto all = (*db)->releases(QStringLiteral("BW-2026-000001"));
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        SqliteRecordsStore store(**db);
        auto first = store.releaseOf(QStringLiteral("BW-2026-000001"));
        QVERIFY(first.ok() && first->has_value());
        QCOMPARE((*first)->inspectionId, QStringLiteral("i-early"));
        QCOMPARE((*first)->at, QDateTime(QDate(2026, 11, 20), QTime(10, 0, 4), Qt::UTC));
        auto other = store.releaseOf(QStringLiteral("BW-2026-000002"));
        QVERIFY(other.ok() && other->has_value());
        QCOMPARE((*other)->inspectionId, QStringLiteral("i-other"));
        auto none = store.releaseOf(QStringLiteral("BW-2026-000003"));
        QVERIFY(none.ok() && !none->has_value());
        // The later ones are marked, with the reason.
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id, duplicate_of, duplicate_note FROM releases ORDER BY id")));
        QList<QList<QVariant>> rows;
        while (q.next())
            rows.append({q.value(0), q.value(1), q.value(2)});
        q.finish();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0][1].toInt(), 2);
        QVERIFY(rows[0][2].toString().contains(QLatin1String("earliest release stands")));
        QVERIFY(rows[1][1].isNull());
        QVERIFY(rows[2][1].isNull());
        QCOMPARE(rows[3][1].toInt(), 2);
        // The store refuses another release of the number, whoever writes.
        InspectionRecord again;
        again.id = QStringLiteral("i-again");
        again.number = QStringLiteral("BW-2026-000001");
        again.at = QDateTime(QDate(2026, 11, 22), QTime(9, 0), Qt::UTC);
        const Status refused =
            store.insertRelease(again, again.at, QStringLiteral("officer"), QStringLiteral("x"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("records.already-released"));
        InspectionRecord fresh = again;
        fresh.number = QStringLiteral("BW-2026-000003");
        QVERIFY(store.insertRelease(fresh, fresh.at, QStringLiteral("officer"), QStringLiteral("x")).ok());
    }
};

QTEST_MAIN(TestReleaseOnce)
#include "test_release_once.moc"
