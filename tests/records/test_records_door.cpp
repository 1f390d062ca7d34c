// The records door (core/records/DeskRecords): roles enforced where records
// are written, four eyes, sign-in and lockout, and a trail with no secret.
#include "TestSupport.h"
#include "audit/AuditExport.h"
#include "cache/CacheDatabase.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "records/TrailReading.h"
#include "util/Clock.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;

namespace {

const QString Password = QStringLiteral("correct horse battery");

// The error code, or "ok": a test that expects a refusal must not throw on a success.
template <typename T>
QString code(const Result<T>& r)
{
    return r.ok() ? QStringLiteral("ok") : r.error().code;
}

} // namespace

class TestRecordsDoor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<DeskRecords> m_door;
    Session m_cli = Session::forCommandLine(QStringLiteral("root"));

    Session signIn(const QString& name)
    {
        auto s = m_door->signIn(name, Password);
        if (!s)
            qWarning() << s.error().code << s.error().message;
        return s ? *s : Session{};
    }

    QString inspection(const Session& who, Verdict verdict = Verdict::Doubt,
                       const QString& number = QStringLiteral("BW-2026-004711"))
    {
        Inspection insp;
        insp.number = number;
        insp.verdict = verdict;
        insp.verifiedAt = m_clock.nowUtc();
        auto id = m_door->recordVerification(who, insp);
        return id ? *id : QString();
    }

    QString flagged(const Session& who)
    {
        FlagInput f;
        f.reasons = {QStringLiteral("seal broken")};
        f.held = true;
        auto id = m_door->flag(who, inspection(who), f);
        return id ? *id : QString();
    }

    QByteArray exported()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        auto head = m_door->exportTrail(&buffer);
        if (!head)
            return {};
        return bytes;
    }

private slots:
    void initTestCase()
    {
        kp::test::isolateFromUserMachine();
        QVERIFY(m_dir.isValid());
        auto db = CacheDatabase::open(m_dir.filePath(QStringLiteral("desk.sqlite")),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(*db);
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_door = std::make_unique<DeskRecords>(*m_store, m_clock);
        for (const auto& [name, role] : {std::pair{QStringLiteral("olga"), Role::Officer},
                                         std::pair{QStringLiteral("sam"), Role::Supervisor},
                                         std::pair{QStringLiteral("sue"), Role::Supervisor},
                                         std::pair{QStringLiteral("ada"), Role::Administrator}}) {
            auto added = m_door->addAccount(m_cli, name, role, Password);
            QVERIFY2(added.ok(), qPrintable(added ? QString() : added.error().message));
        }
    }

    void namesAreUniqueIgnoringCase()
    {
        const auto again = m_door->addAccount(m_cli, QStringLiteral("OLGA"), Role::Officer, Password);
        QCOMPARE(code(again), QStringLiteral("records.name-taken"));
        QCOMPARE(m_door->addAccount(m_cli, QStringLiteral("x"), Role::Officer, QStringLiteral("short"))
                     .error()
                     .code,
                 QStringLiteral("accounts.password-too-short"));
    }

    void officerCannotWorkACaseWhateverItCalls()
    {
        const Session olga = signIn(QStringLiteral("olga"));
        QCOMPARE(olga.role, Role::Officer);
        const QString caseId = flagged(olga);
        QVERIFY(!caseId.isEmpty());
        QVERIFY(m_door->addNote(olga, caseId, QStringLiteral("container 2 resealed")).ok());
        const auto before = m_store->auditHead();

        QCOMPARE(code(m_door->take(olga, caseId)), QStringLiteral("accounts.not-permitted"));
        QCOMPARE(code(m_door->decide(olga, caseId, Outcome::Released, QStringLiteral("fine"))),
                 QStringLiteral("accounts.not-permitted"));
        QCOMPARE(code(m_door->close(olga, caseId, QStringLiteral("done"))),
                 QStringLiteral("accounts.not-permitted"));
        QCOMPARE(code(m_door->reopen(olga, caseId, QStringLiteral("again"))),
                 QStringLiteral("accounts.not-permitted"));
        // A session is plain data: filling in a supervisor's role changes nothing,
        // the door reads the account's role as stored.
        Session forged = olga;
        forged.role = Role::Supervisor;
        QCOMPARE(code(m_door->take(forged, caseId)), QStringLiteral("accounts.not-permitted"));
        QCOMPARE(code(m_door->decide(forged, caseId, Outcome::Released, QStringLiteral("x"))),
                 QStringLiteral("accounts.not-permitted"));
        // Another person's name without their account id is nobody.
        Session impostor = olga;
        impostor.name = QStringLiteral("sam");
        QCOMPARE(code(m_door->take(impostor, caseId)), QStringLiteral("records.no-session"));
        // The command line has an administrator's rights: no case decisions either.
        QCOMPARE(code(m_door->decide(m_cli, caseId, Outcome::Released, QStringLiteral("x"))),
                 QStringLiteral("accounts.not-permitted"));
        // Nothing was written by any refusal.
        QCOMPARE(m_store->auditHead()->count, before->count);
        auto view = m_door->caseView(caseId);
        QCOMPARE(view->facts.state, CaseState::Open);
        QCOMPARE(view->events.size(), 2);
    }

    void fourEyes()
    {
        const Session sam = signIn(QStringLiteral("sam"));
        const Session sue = signIn(QStringLiteral("sue"));
        const QString caseId = flagged(sam);
        // Who flagged it neither takes it (issue 21 item 10) nor decides it.
        const auto head = m_store->auditHead();
        QCOMPARE(code(m_door->take(sam, caseId)), QStringLiteral("accounts.four-eyes"));
        QCOMPARE(m_store->auditHead()->count, head->count);
        QCOMPARE(m_door->caseView(caseId)->facts.state, CaseState::Open);
        QVERIFY(m_door->take(sue, caseId).ok());
        const Status own = m_door->decide(sam, caseId, Outcome::Seized, QStringLiteral("mine"));
        QCOMPARE(code(own), QStringLiteral("accounts.four-eyes"));
        QCOMPARE(code(m_door->decide(sue, caseId, Outcome::Seized, QString())),
                 QStringLiteral("records.no-reason"));
        QVERIFY(m_door->decide(sue, caseId, Outcome::Seized, QStringLiteral("carats do not match")).ok());
        auto view = m_door->caseView(caseId);
        QCOMPARE(view->facts.state, CaseState::Decided);
        QCOMPARE(view->facts.outcome, Outcome::Seized);
        const CaseEvent& decision = view->events.last();
        QCOMPARE(decision.actor, QStringLiteral("sue"));
        QCOMPARE(decision.data.value(QStringLiteral("four_eyes")).toString(), QStringLiteral("independent"));
        // Not decided twice; closed, reopened, decided again.
        QCOMPARE(code(m_door->decide(sue, caseId, Outcome::Released, QStringLiteral("x"))),
                 QStringLiteral("cases.transition"));
        QVERIFY(m_door->close(sue, caseId, QStringLiteral("done")).ok());
        QVERIFY(m_door->reopen(sam, caseId, QStringLiteral("new papers")).ok());
        QCOMPARE(m_door->caseView(caseId)->facts.state, CaseState::InReview);
    }

    void onePersonPostIsRecordedOnTheDecision()
    {
        const Session ada = signIn(QStringLiteral("ada"));
        auto settings = m_door->settings();
        DeskSettings s = *settings;
        s.onePersonPost = true;
        const Session olga = signIn(QStringLiteral("olga"));
        QCOMPARE(code(m_door->changeSettings(olga, s)), QStringLiteral("accounts.not-permitted"));
        QVERIFY(m_door->changeSettings(ada, s).ok());
        const Session sam = signIn(QStringLiteral("sam"));
        const QString caseId = flagged(sam);
        QVERIFY(m_door->take(sam, caseId).ok());
        // The review by who flagged it says so too.
        QCOMPARE(m_door->caseView(caseId)->events.last().data.value(QStringLiteral("four_eyes")).toString(),
                 QStringLiteral("one_person_post"));
        QVERIFY(m_door->decide(sam, caseId, Outcome::Released, QStringLiteral("papers in order")).ok());
        const CaseEvent decision = m_door->caseView(caseId)->events.last();
        QCOMPARE(decision.data.value(QStringLiteral("four_eyes")).toString(),
                 QStringLiteral("one_person_post"));
        // ... and in its audit entry.
        bool found = false;
        QVERIFY(m_store
                    ->readAudit([&](const StoredAuditEntry& row) {
                        const auto e = AuditChain::decode(row.entry);
                        if (e && e->kind == QLatin1String("decision") &&
                            e->data.value(QStringLiteral("case")).toString() == caseId) {
                            found = e->data.value(QStringLiteral("four_eyes")).toString() ==
                                    QLatin1String("one_person_post");
                            return false;
                        }
                        return true;
                    })
                    .ok());
        QVERIFY(found);
        s.onePersonPost = false;
        QVERIFY(m_door->changeSettings(ada, s).ok());
    }

    void signInFailuresSayTheSameAndLock()
    {
        const auto unknown = m_door->signIn(QStringLiteral("nobody"), Password);
        const auto wrong = m_door->signIn(QStringLiteral("olga"), QStringLiteral("wrong password!"));
        QCOMPARE(code(unknown), QStringLiteral("records.sign-in"));
        QCOMPARE(code(wrong), QStringLiteral("records.sign-in"));
        QCOMPARE(unknown.error().message, wrong.error().message);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(code(m_door->signIn(QStringLiteral("olga"), QStringLiteral("wrong password!"))),
                     QStringLiteral("records.sign-in"));
        // The fifth failure locked it: even the right password is refused, unchecked.
        const auto locked = m_door->signIn(QStringLiteral("olga"), Password);
        QCOMPARE(code(locked), QStringLiteral("accounts.locked"));
        // Once the lock is over, five more failures (no success between) lock it for longer (2 minutes).
        m_clock.set(m_clock.nowUtc().addSecs(61));
        for (int i = 0; i < 5; ++i)
            QVERIFY(!m_door->signIn(QStringLiteral("olga"), QStringLiteral("wrong password!")).ok());
        m_clock.set(m_clock.nowUtc().addSecs(61));
        QCOMPARE(code(m_door->signIn(QStringLiteral("olga"), Password)), QStringLiteral("accounts.locked"));
        m_clock.set(m_clock.nowUtc().addSecs(60));
        QVERIFY(m_door->signIn(QStringLiteral("olga"), Password).ok()); // and a success resets it all
        // Every failure is in the trail.
        int failures = 0;
        QVERIFY(m_store
                    ->readAudit([&](const StoredAuditEntry& row) {
                        failures += AuditChain::decode(row.entry)->kind == QLatin1String("signin_failed");
                        return true;
                    })
                    .ok());
        QCOMPARE(failures, 13);
    }

    void disabledAccount()
    {
        QVERIFY(m_door->addAccount(m_cli, QStringLiteral("dora"), Role::Officer, Password).ok());
        const Session dora = signIn(QStringLiteral("dora"));
        QVERIFY(!dora.accountId.isEmpty());
        QVERIFY(m_door->disableAccount(m_cli, QStringLiteral("dora")).ok());
        // A wrong password says nothing about the account.
        QCOMPARE(code(m_door->signIn(QStringLiteral("dora"), QStringLiteral("wrong password!"))),
                 QStringLiteral("records.sign-in"));
        QCOMPARE(code(m_door->signIn(QStringLiteral("dora"), Password)), QStringLiteral("records.disabled"));
        // A session opened before it was disabled can no longer write.
        QCOMPARE(code(m_door->recordVerification(dora, Inspection{})), QStringLiteral("records.disabled"));
    }

    void attachmentsOverTheLimitAreRefused()
    {
        const Session olga = signIn(QStringLiteral("olga"));
        FlagInput f;
        f.reasons = {QStringLiteral("photos")};
        f.attachments.append(
            {{}, QStringLiteral("big.jpg"), {}, 0, QByteArray(int(CaseLife::MaxAttachmentBytes + 1), 'x')});
        const auto refused = m_door->flag(olga, inspection(olga), f);
        QCOMPARE(code(refused), QStringLiteral("cases.attachment-too-large"));
        f.attachments = {{{}, QStringLiteral("seal.jpg"), {}, 0, QByteArray("jpeg bytes")}};
        const auto ok = m_door->flag(olga, inspection(olga), f);
        QVERIFY(ok.ok());
        const auto view = m_door->caseView(*ok, true);
        QCOMPARE(view->events.first().attachments.size(), 1);
        QCOMPARE(view->events.first().attachments.first().sha256,
                 QCryptographicHash::hash("jpeg bytes", QCryptographicHash::Sha256));
        QCOMPARE(view->events.first().attachments.first().data, QByteArray("jpeg bytes"));
    }

    void releaseNeedsAnAcceptAndAMatchingCheck()
    {
        const Session olga = signIn(QStringLiteral("olga"));
        // A certificate not yet released (BW-2026-004711 was, by a decision above).
        const QString number = QStringLiteral("BW-2026-004712");
        const QString doubt = inspection(olga, Verdict::Doubt, number);
        PhysicalCheck check;
        check.parcelsCounted = 3;
        QVERIFY(m_door->recordPhysicalCheck(olga, doubt, check).ok());
        QCOMPARE(code(m_door->release(olga, doubt)), QStringLiteral("records.not-releasable"));
        const QString accept = inspection(olga, Verdict::Accept, number);
        QCOMPARE(code(m_door->release(olga, accept)), QStringLiteral("records.not-releasable"));
        QCOMPARE(*m_door->recordPhysicalCheck(olga, accept, check), Verdict::Accept);
        QVERIFY(m_door->release(olga, accept).ok());
        const Session ada = signIn(QStringLiteral("ada"));
        QCOMPARE(code(m_door->release(ada, accept)), QStringLiteral("accounts.not-permitted"));
        // Released once: the next release of the certificate names the first.
        QCOMPARE(code(m_door->release(olga, accept)), QStringLiteral("records.already-released"));
    }

    void queueAndSearch()
    {
        auto all = m_store->cases({});
        QVERIFY(all.ok());
        QVERIFY(all->size() >= 4);
        // Held first, then oldest.
        for (int i = 1; i < all->size(); ++i)
            QVERIFY(int(all->at(i - 1).facts.held) >= int(all->at(i).facts.held));
        CaseFilter decided;
        decided.state = CaseState::Decided;
        const auto decidedCases = m_store->cases(decided);
        for (const CaseSummary& c : *decidedCases)
            QCOMPARE(c.facts.state, CaseState::Decided);
        const auto counts = m_store->caseCounts();
        int total = 0;
        for (int n : *counts)
            total += n;
        QCOMPARE(total, int(all->size()));
        CaseFilter byOfficer;
        byOfficer.officer = QStringLiteral("OLGA");
        const auto olgas = m_store->cases(byOfficer);
        QVERIFY(!olgas->isEmpty());
        for (const CaseSummary& c : *olgas)
            QCOMPARE(c.facts.flaggedBy, QStringLiteral("olga"));
        InspectionFilter f;
        f.number = QStringLiteral("BW-2026-004712");
        f.verdict = Verdict::Accept;
        const auto found = m_store->findInspections(f);
        QVERIFY(!found->isEmpty());
        for (const InspectionRecord& r : *found)
            QCOMPARE(r.finalVerdict, Verdict::Accept);
    }

    // A desk upgraded from before cases: its old flags become cases, once,
    // keeping their time, the name typed then and their attachments.
    void flagsFromBeforeCasesAreAdopted()
    {
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO inspections(at, officer, no, verdict, final_verdict, inspection_json) VALUES("
            "'2026-03-01T09:00:00.000Z', 'J. Moyo', 'ZA-2026-000123', 'doubt', 'doubt', "
            "'{\"number\":\"ZA-2026-000123\",\"certificate\":{\"iss\":\"ZA\"}}')")));
        const qint64 row = q.lastInsertId().toLongLong();
        QVERIFY(q.prepare(
            QStringLiteral("INSERT INTO flags(inspection_id, at, officer, reasons, notes, held) "
                           "VALUES(?, '2026-03-01T09:05:00.000Z', 'J. Moyo', ?, 'seal 4 cut', 1)")));
        q.addBindValue(row);
        q.addBindValue(QStringLiteral("[\"seal broken\",\"mass\"]"));
        QVERIFY(q.exec());
        const qint64 flagRow = q.lastInsertId().toLongLong();
        QVERIFY(q.prepare(
            QStringLiteral("INSERT INTO attachments(flag_id, name, data) VALUES(?, 'seal.jpg', ?)")));
        q.addBindValue(flagRow);
        q.addBindValue(QByteArray("jpeg bytes"));
        QVERIFY(q.exec());

        const auto adopted = m_door->adoptLegacy(*m_store);
        QVERIFY2(adopted.ok(), qPrintable(adopted ? QString() : adopted.error().message));
        QCOMPARE(*adopted, 1);
        QCOMPARE(*m_door->adoptLegacy(*m_store), 0); // once

        CaseFilter filter;
        filter.participant = QStringLiteral("ZA");
        const auto cases = m_store->cases(filter);
        QVERIFY(cases.ok());
        QCOMPARE(cases->size(), 1);
        const CaseSummary& c = cases->first();
        QCOMPARE(c.number, QStringLiteral("ZA-2026-000123"));
        QCOMPARE(c.facts.state, CaseState::Open);
        QVERIFY(c.facts.held);
        QCOMPARE(c.facts.reasons, (QStringList{QStringLiteral("seal broken"), QStringLiteral("mass")}));
        QCOMPARE(c.record.openedAt, QDateTime(QDate(2026, 3, 1), QTime(9, 5), Qt::UTC));

        const auto view = m_door->caseView(c.record.id, true);
        QVERIFY(view.ok());
        const CaseEvent& flagged = view->events.first();
        QCOMPARE(flagged.actor, QStringLiteral("J. Moyo"));
        QVERIFY(flagged.actorId.isEmpty()); // nobody was signed in then
        QCOMPARE(flagged.data.value(QStringLiteral("adopted")).toBool(), true);
        QCOMPARE(flagged.attachments.size(), 1);
        QCOMPARE(flagged.attachments.first().data, QByteArray("jpeg bytes"));

        // The old inspection is found like any other, and the trail holds.
        InspectionFilter byNumber;
        byNumber.number = QStringLiteral("ZA-2026-000123");
        const auto found = m_store->findInspections(byNumber);
        QVERIFY(found.ok());
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().id, c.record.inspectionId);
        const auto trail = m_door->verifyTrail();
        QVERIFY(trail.ok());
        QVERIFY(!trail->failure);
    }

    // Issue 21 item 4: a recorded physical check is never changed in place.
    // A correction is asked for on purpose, with its reason; it is a new
    // entry that keeps what it replaced, and a case stays its supervisor's.
    void aCorrectionIsANewLinkedEntry()
    {
        const Session olga = signIn(QStringLiteral("olga"));
        Inspection insp;
        insp.number = QStringLiteral("BW-2026-004799");
        insp.verdict = Verdict::Accept;
        insp.verifiedAt = m_clock.nowUtc();
        CertificateRecord cert;
        cert.number = insp.number;
        cert.issuer = QStringLiteral("BW");
        cert.authority = QStringLiteral("Government Diamond Valuator, Gaborone");
        cert.issued = QDate(2026, 11, 15);
        cert.expires = QDate(2027, 1, 14);
        cert.origins = {cert.issuer};
        cert.exporter = {QStringLiteral("Okavango Rough Exports (Pty) Ltd"),
                         QStringLiteral("Plot 64, Gaborone")};
        cert.importer = {QStringLiteral("Schelde Rough NV"), QStringLiteral("Hoveniersstraat 22, Antwerpen")};
        cert.destination = QStringLiteral("EU");
        cert.lots = {Lot{QStringLiteral("7102.31"), 152035, 41200000}};
        cert.parcels = 3;
        insp.certificate = cert;
        const auto id = m_door->recordVerification(olga, insp);
        QVERIFY(id.ok());
        PhysicalCheck miscounted;
        miscounted.parcelsCounted = 2;
        QCOMPARE(*m_door->recordPhysicalCheck(olga, *id, miscounted), Verdict::Doubt);
        FlagInput f;
        f.reasons = {QStringLiteral("2 parcels counted; the certificate says 3.")};
        f.held = true;
        const auto caseId = m_door->flag(olga, *id, f);
        QVERIFY(caseId.ok());

        // Recording it again is refused and changes nothing.
        PhysicalCheck counted;
        counted.parcelsCounted = 3;
        QCOMPARE(code(m_door->recordPhysicalCheck(olga, *id, counted)),
                 QStringLiteral("records.already-checked"));
        QCOMPARE(m_store->inspection(*id)->value().physical->parcelsCounted, std::optional<quint64>(2));
        QCOMPARE(m_store->inspection(*id)->value().finalVerdict, Verdict::Doubt);
        // A correction needs a reason, a change and a person who may record checks.
        QCOMPARE(code(m_door->correctPhysicalCheck(olga, *id, counted, QStringLiteral("  "))),
                 QStringLiteral("records.no-reason"));
        QCOMPARE(code(m_door->correctPhysicalCheck(olga, *id, miscounted, QStringLiteral("again"))),
                 QStringLiteral("records.no-change"));
        const Session ada = signIn(QStringLiteral("ada"));
        QCOMPARE(code(m_door->correctPhysicalCheck(ada, *id, counted, QStringLiteral("recount"))),
                 QStringLiteral("accounts.not-permitted"));
        QCOMPARE(code(m_door->correctPhysicalCheck(olga, inspection(olga), counted, QStringLiteral("x"))),
                 QStringLiteral("records.not-checked"));

        const QString reason = QStringLiteral("The third parcel was behind the scale.");
        QCOMPARE(*m_door->correctPhysicalCheck(olga, *id, counted, reason), Verdict::Accept);
        const InspectionRecord after = m_store->inspection(*id)->value();
        QCOMPARE(after.finalVerdict, Verdict::Accept);
        QCOMPARE(after.physical->parcelsCounted, std::optional<quint64>(3));
        QCOMPARE(after.corrections.size(), 1);
        const InspectionCorrection& c = after.corrections.first();
        QCOMPARE(c.previous.parcelsCounted, std::optional<quint64>(2)); // the original, still readable
        QCOMPARE(c.previousVerdict, Verdict::Doubt);
        QCOMPARE(c.finalVerdict, Verdict::Accept);
        QCOMPARE(c.reason, reason);
        QCOMPARE(c.officer, QStringLiteral("olga"));
        InspectionFilter byNumber;
        byNumber.number = insp.number;
        QCOMPARE(m_store->findInspections(byNumber)->first().corrected, 1);

        // The trail's newest entry is the correction, with both sides.
        const auto trail = readTrail(*m_store);
        QVERIFY(trail.ok() && trail->holds());
        const AuditEntry& e = trail->rows.last().entry;
        QCOMPARE(e.kind, QStringLiteral("inspection_corrected"));
        QCOMPARE(e.actor, QStringLiteral("olga"));
        QCOMPARE(e.data.value(QStringLiteral("inspection")).toString(), *id);
        QCOMPARE(e.data.value(QStringLiteral("correction")).toString(), c.id);
        QCOMPARE(e.data.value(QStringLiteral("reason")).toString(), reason);
        QCOMPARE(e.data.value(QStringLiteral("previous_verdict")).toString(), QStringLiteral("doubt"));
        QCOMPARE(e.data.value(QStringLiteral("final_verdict")).toString(), QStringLiteral("accept"));
        QCOMPARE(e.data.value(QStringLiteral("previous_check"))
                     .toMap()
                     .value(QStringLiteral("parcels"))
                     .toInteger(),
                 2);
        QCOMPARE(e.data.value(QStringLiteral("check")).toMap().value(QStringLiteral("parcels")).toInteger(),
                 3);

        // The case is untouched, and it still holds the shipment.
        const auto kase = m_door->caseView(*caseId);
        QVERIFY(kase.ok());
        QCOMPARE(kase->facts.state, CaseState::Open);
        QVERIFY(kase->facts.held);
        QCOMPARE(code(m_door->release(olga, *id)), QStringLiteral("records.not-releasable"));

        // Corrections are appended only.
        QSqlQuery q(m_db->connection());
        QVERIFY(!q.exec(QStringLiteral("UPDATE inspection_corrections SET reason = 'x'")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM inspection_corrections")));
    }

    void trailHoldsAndHasNoSecret()
    {
        QVERIFY(
            m_door->setPassword(m_cli, QStringLiteral("olga"), QStringLiteral("another long secret")).ok());
        const auto check = m_door->verifyTrail();
        QVERIFY(check.ok());
        QVERIFY2(!check->failure, qPrintable(check->failure ? check->failure->message : QString()));
        QCOMPARE(check->head, *m_store->auditHead());
        const QByteArray bytes = exported();
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(Password.toUtf8()));
        QVERIFY(!bytes.contains("another long secret"));
        QVERIFY(!bytes.contains("wrong password!"));
        QVERIFY(!bytes.contains("scrypt$"));
        const auto accounts = m_store->accounts();
        for (const AccountRecord& a : *accounts)
            QVERIFY(!bytes.contains(a.passwordHash.toUtf8()));
        QBuffer in;
        in.setData(bytes);
        in.open(QIODevice::ReadOnly);
        const auto read = readAuditExport(&in);
        QVERIFY(read.ok());
        QCOMPARE(*read, check->head);
    }

    void eventsAndTrailAreAppendOnly()
    {
        QSqlQuery q(m_db->connection());
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM audit WHERE n = 1")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE case_events SET actor = 'x'")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM event_attachments")));
    }
};

QTEST_GUILESS_MAIN(TestRecordsDoor)
#include "test_records_door.moc"
