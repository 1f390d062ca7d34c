// The desk's use-cases in core, as the window, kpdesk-cli and the timer call
// them (issue 20, item 3): scan and record (ScanRecording), releasing a
// shipment (ShipmentRelease) and sending the outbox (OutboxSending).
#include "TestSupport.h"
#include "cache/CacheDatabase.h"
#include "outbox/OutboxSending.h"
#include "outbox/ShipmentRelease.h"
#include "records/DeskRecords.h"
#include "records/InspectionRows.h"
#include "records/ScanRecording.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kp;

namespace {

const QString Password = QStringLiteral("correct horse battery");
const QString Number = QStringLiteral("BW-2026-004711");

} // namespace

class TestDeskUseCases : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<DeskRecords> m_door;
    Session m_olga;

    QString path() const { return m_dir.filePath(QStringLiteral("desk.sqlite")); }

    int presentations(const QString& number)
    {
        const auto list = m_db->presentations(number);
        return list ? int(list->size()) : -1;
    }

    // An inspection the officer may release: accepted, its physical check matching.
    QString acceptedAndChecked(const QString& number)
    {
        CertificateRecord c;
        c.number = number;
        c.issuer = QStringLiteral("BW");
        c.issued = QDate(2026, 11, 20);
        c.expires = QDate(2027, 1, 20);
        c.importer = {QStringLiteral("Antwerp Rough NV"), QStringLiteral("Antwerp")};
        c.lots = {{QStringLiteral("7102.10"), 125050, 90000000}};
        c.parcels = 3;
        Inspection insp;
        insp.number = number;
        insp.certificate = c;
        insp.source = SourceKind::Kp1;
        insp.verdict = Verdict::Accept;
        insp.checks = {{CheckName::Signature, CheckStatus::Pass, QStringLiteral("ES256")}};
        insp.verifiedAt = m_clock.nowUtc();
        auto id = m_door->recordVerification(m_olga, insp, QByteArray("png"));
        PhysicalCheck check;
        check.parcelsCounted = 3;
        check.massCarats = 1250.5;
        check.sealsIntact = true;
        check.importerMatches = true;
        auto final = m_door->recordPhysicalCheck(m_olga, *id, check);
        return final && *final == Verdict::Accept ? *id : QString();
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        auto db = CacheDatabase::open(path(), CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(*db);
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_door = std::make_unique<DeskRecords>(*m_store, m_clock);
        QVERIFY(m_door
                    ->addAccount(Session::forCommandLine(QStringLiteral("root")), QStringLiteral("olga"),
                                 Role::Officer, Password)
                    .ok());
        m_olga = *m_door->signIn(QStringLiteral("olga"), Password);
    }

    void scanRecordsTheInspectionAndItsPresentation()
    {
        ScanRecording scans(*m_db, *m_door, m_clock);
        const RecordedScan scan =
            scans.scan(m_olga, ScanInput{QStringLiteral(" BW-2026-000001 "), {}, {}}, "png");
        QVERIFY(scan.inspection.isCertificate());
        QVERIFY2(!scan.notSaved, qPrintable(scan.notSaved ? scan.notSaved->message : QString()));
        QVERIFY(!scan.inspectionId.isEmpty());
        const auto saved = m_store->inspection(scan.inspectionId);
        QVERIFY(saved && saved->has_value());
        QCOMPARE((*saved)->number, QStringLiteral("BW-2026-000001"));
        QCOMPARE((*saved)->officer, QStringLiteral("olga"));
        QCOMPARE((*saved)->image, QByteArray("png"));
        QCOMPARE(presentations(QStringLiteral("BW-2026-000001")), 1);
        // The window's handle for it, and back.
        InspectionRows rows(*m_db);
        const auto row = rows.rowOf(scan.inspectionId);
        QVERIFY(row && row->has_value());
        const auto id = rows.idOf(**row);
        QVERIFY(id && id->has_value());
        QCOMPARE(**id, scan.inspectionId);
    }

    void aTypingMistakeRecordsNothing()
    {
        const auto before = m_store->findInspections({});
        QVERIFY(before.ok());
        const RecordedScan scan = ScanRecording(*m_db, *m_door, m_clock)
                                      .scan(m_olga, ScanInput{QStringLiteral("hello"), {}, {}}, {});
        QVERIFY(!scan.inspection.isCertificate());
        QVERIFY(scan.inspectionId.isEmpty());
        QCOMPARE(m_store->findInspections({})->size(), before->size());
    }

    void aScanDuringTheSyncIsRecordedLater()
    {
        ScanRecording scans(*m_db, *m_door, m_clock);
        const QString number = QStringLiteral("BW-2026-000002");
        const RecordedScan scan =
            scans.scan(m_olga, ScanInput{number, {}, {}}, "png", ScanRecording::When::Later);
        QVERIFY(scan.inspection.isCertificate());
        QVERIFY(scan.inspectionId.isEmpty());
        QCOMPARE(presentations(number), 0);
        QString problem;
        const auto id = scans.recordLater(m_olga, scan.inspection, "png", &problem);
        QVERIFY2(id.ok(), qPrintable(id ? QString() : id.error().message));
        QVERIFY(problem.isEmpty());
        QCOMPARE(presentations(number), 1);
        QVERIFY(m_store->inspection(*id)->has_value());
        // Listed among the day's inspections, no case yet.
        const auto today =
            InspectionRows(*m_db).between(m_clock.nowUtc().addDays(-1), m_clock.nowUtc().addDays(1));
        QVERIFY(today.ok());
        bool listed = false;
        for (const InspectionRow& r : *today)
            listed = listed || (r.id == *id && r.number == number && !r.hasCase);
        QVERIFY(listed);
    }

    void releaseOfADeskNotEnrolled()
    {
        const QString id = acceptedAndChecked(Number);
        QVERIFY(!id.isEmpty());
        ShipmentRelease::Stage stage = ShipmentRelease::Stage::Read;
        const auto released = ShipmentRelease(*m_db, m_clock, *m_door).release(m_olga, id, &stage);
        QVERIFY2(released.ok(), qPrintable(released ? QString() : released.error().message));
        QCOMPARE(released->number, Number);
        QVERIFY(!released->confirmationQueued);
        QVERIFY(!released->noConfirmation.isEmpty()); // says why no confirmation was made
        const auto release = m_store->releaseOf(Number);
        QVERIFY(release && release->has_value());
        QCOMPARE((*release)->inspectionId, id);
        QVERIFY(m_store->messages(false, false)->isEmpty());

        // Released once: the door refuses the second (and says where it stopped).
        const QString again = acceptedAndChecked(Number);
        const auto twice = ShipmentRelease(*m_db, m_clock, *m_door).release(m_olga, again, &stage);
        QVERIFY(!twice.ok());
        QCOMPARE(stage, ShipmentRelease::Stage::Door);
    }

    void releaseOfNoInspection()
    {
        ShipmentRelease::Stage stage = ShipmentRelease::Stage::Door;
        const auto released =
            ShipmentRelease(*m_db, m_clock, *m_door)
                .release(m_olga, QStringLiteral("00000000-0000-0000-0000-000000000000"), &stage);
        QVERIFY(!released.ok());
        QCOMPARE(released.error().code, QStringLiteral("records.not-found"));
        QCOMPARE(stage, ShipmentRelease::Stage::Read);
    }

    void sendingTheOutboxOfADeskNotEnrolled()
    {
        // On the caller's connection and on one of its own: the same answer,
        // never "delivered".
        const auto here = OutboxSending::send(*m_db, *m_door, m_olga);
        QVERIFY(!here.ok());
        QCOMPARE(here.error().code, QStringLiteral("outbox.not-enrolled"));
        const auto there = OutboxSending::sendFrom(path(), m_olga);
        QVERIFY(!there.ok());
        QCOMPARE(there.error().code, here.error().code);
        // A desk file that is not there is an error, not an empty outbox.
        const auto missing = OutboxSending::sendFrom(m_dir.filePath(QStringLiteral("none.sqlite")), m_olga);
        QVERIFY(!missing.ok());
    }
};

QTEST_GUILESS_MAIN(TestDeskUseCases)
#include "test_desk_use_cases.moc"
