// What a desk trusts of the office (issue 19 items 1, 3 and 4), on a REAL
// PostgreSQL (tests/support/Postgres.h) with three enrolled desks: B and C
// honest, A hostile, writing rows with its own login role (the grants of
// packaging/office.md) and with the database's superuser. A desk applies only
// case events an enrolled desk signed, whose actor's role and four eyes hold;
// any other row is set aside and reported while the rest replicates; another
// role in this desk's places of the trail is an alarm, never a success.
#include "HostileOffice.h"

#include "cache/CacheWriter.h"
#include "crypto/Sha256.h"
#include "office/EventBatch.h"
#include "office/EventSignature.h"
#include "office/OfficeDatabase.h"
#include "office/OfficeLink.h"
#include "office/Replicator.h"
#include "office/SetAside.h"
#include "records/FlaggedEvent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

class TestOfficeTrust : public HostileOfficeFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        kp::test::isolateFromUserMachine();
        if (!kp::test::Postgres::available())
            QFAIL("postgresql-15 or Qt's QPSQL driver is not installed: ./dev.sh installs them, and the "
                  "office tests need them");
        QVERIFY(startServer());
    }

    void init()
    {
        QVERIFY(freshOffice());
        const QString n = QString::number(m_databases);
        m_a = makeDesk(m_dir.filePath(QStringLiteral("a%1.sqlite").arg(n)), QStringLiteral("Gate A"));
        m_b = makeDesk(m_dir.filePath(QStringLiteral("b%1.sqlite").arg(n)), QStringLiteral("Gate B"));
        m_c = makeDesk(m_dir.filePath(QStringLiteral("c%1.sqlite").arg(n)), QStringLiteral("Gate C"));
        QVERIFY(m_a && m_b && m_c);
    }

    // Item 1: decisions written into B's held case by A's role and by the
    // superuser, unsigned, signed by nobody's key, signed by A as B, by an
    // officer, against four eyes: no desk applies any, each is set aside and
    // reported, and a supervisor's real decision still goes through.
    void onlyWhatAnEnrolledDeskSignedIsApplied()
    {
        QVERIFY(writeCases(*m_b, 1));
        const QString kase = firstCase(*m_b);
        QVERIFY(!kase.isEmpty());
        QVERIFY(sync(*m_b).ok());
        QVERIFY(sync(*m_c).ok());
        QVERIFY(sync(*m_a, hostileUrl()).ok());
        auto before = m_c->door->caseView(kase);
        QVERIFY(before && before->facts.held && before->facts.state == CaseState::Open);

        auto hostile = connect(hostileUrl());
        auto superuser = connect();
        QVERIFY(hostile && superuser);
        const auto aSigner = signerOf(*m_a->db);
        QVERIFY(aSigner);
        // The second wall: A's role writes no row of a desk it does not own,
        // and changes no other desk's rows.
        QVERIFY(!insertEvent(*hostile, event(kase, QStringLiteral("nowhere"), QStringLiteral("review"),
                                             QStringLiteral("mallory"), QStringLiteral("supervisor"),
                                             QStringLiteral("{}"))));
        QCOMPARE(rowsChanged(*hostile, QStringLiteral("UPDATE desks SET name = 'pwned' WHERE id = ?"),
                             {m_b->id()}),
                 0);
        QCOMPARE(
            rowsChanged(*hostile,
                        QStringLiteral("UPDATE inspections SET final_verdict = 'accept' WHERE desk_id = ?"),
                        {m_b->id()}),
            0);
        QCOMPARE(m_pg->number(QStringLiteral("SELECT count(*) FROM desks WHERE name = 'pwned'"), m_db), 0);
        QCOMPARE(m_pg->number(
                     QStringLiteral("SELECT count(*) FROM inspections WHERE final_verdict = 'accept'"), m_db),
                 0);
        // 1. A's role claims a desk id nobody has, and writes as an account that exists nowhere.
        QCOMPARE(
            rowsChanged(*hostile, QStringLiteral("INSERT INTO desks(id, name) VALUES('nowhere', 'X')"), {}),
            1);
        QVERIFY(insertEvent(*hostile, event(kase, QStringLiteral("nowhere"), QStringLiteral("review"),
                                            QStringLiteral("mallory"), QStringLiteral("supervisor"),
                                            QStringLiteral("{}"))));
        QVERIFY(insertEvent(*hostile,
                            event(kase, QStringLiteral("nowhere"), QStringLiteral("decision"),
                                  QStringLiteral("mallory"), QStringLiteral("supervisor"), released())));
        // 2. Writing as desk B (B's id), unsigned: A's role cannot, the superuser can.
        const auto asB = event(kase, m_b->id(), QStringLiteral("decision"), QStringLiteral("sam"),
                               QStringLiteral("supervisor"), released());
        QVERIFY(!insertEvent(*hostile, asB));
        QVERIFY(insertEvent(*superuser, asB));
        // 3. A signs a decision as itself but claims to be desk B.
        {
            auto f = event(kase, m_b->id(), QStringLiteral("decision"), QStringLiteral("sam"),
                           QStringLiteral("supervisor"), released());
            auto sig = EventSignature::sign(f, *aSigner);
            QVERIFY(sig);
            QVERIFY(!insertEvent(*hostile, f, aSigner->certificate.der(), *sig));
            QVERIFY(insertEvent(*superuser, f, aSigner->certificate.der(), *sig));
        }
        // 4. The superuser copies B's signature onto a decision.
        {
            QSqlQuery q(superuser->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT signer, sig FROM case_events WHERE kind = 'flagged'")) &&
                    q.next());
            QVERIFY(!q.value(1).toByteArray().isEmpty()); // B signed its flag
            QVERIFY(insertEvent(*superuser,
                                event(kase, m_b->id(), QStringLiteral("decision"), QStringLiteral("sam"),
                                      QStringLiteral("supervisor"), released()),
                                q.value(0).toByteArray(), q.value(1).toByteArray()));
        }
        // 5. A signs, as itself, a decision by an officer; 6. one by the flagger herself.
        for (const auto& [actor, role] : {std::pair{QStringLiteral("otto"), QStringLiteral("officer")},
                                          std::pair{QStringLiteral("olga"), QStringLiteral("supervisor")}}) {
            auto f = event(kase, m_a->id(), QStringLiteral("decision"), actor, role, released());
            auto sig = EventSignature::sign(f, *aSigner);
            QVERIFY(sig);
            QVERIFY(insertEvent(*hostile, f, aSigner->certificate.der(), *sig));
        }
        // 7. A certificate of an authority the desks do not hold, signing as a new desk.
        {
            const TestAuthority other = [] {
                TestAuthority a;
                a.key = *PrivateKey::generate(KeyType::EcP256);
                const QDateTime now = QDateTime::currentDateTimeUtc();
                a.ca = *CertificateFactory::makeAuthorityCa(
                    a.key, {QStringLiteral("EU"), QStringLiteral("Rogue CA"), QStringLiteral("X"),
                            now.addDays(-1), now.addDays(9), 5});
                return a;
            }();
            auto rogueDb =
                CacheDatabase::open(m_dir.filePath(QStringLiteral("rogue%1.sqlite").arg(m_databases)),
                                    CacheDatabase::OpenMode::CreateIfMissing);
            QVERIFY(rogueDb);
            QVERIFY(enrolDesk(**rogueDb, QStringLiteral("EU-OFF-ROGUE"), other));
            const auto rogue = signerOf(**rogueDb);
            QVERIFY(rogue);
            auto f = event(kase, QStringLiteral("rogue-desk"), QStringLiteral("decision"),
                           QStringLiteral("sam"), QStringLiteral("supervisor"), released());
            auto sig = EventSignature::sign(f, *rogue);
            QVERIFY(sig);
            QVERIFY(insertEvent(*superuser, f, rogue->certificate.der(), *sig));
        }

        for (Desk* d : {m_b.get(), m_c.get()}) {
            auto count = sync(*d);
            QVERIFY2(count, count ? "" : qPrintable(count.error().message));
            auto view = d->door->caseView(kase);
            QVERIFY(view);
            QCOMPARE(view->facts.state, CaseState::Open);
            QVERIFY(view->facts.held);
            QCOMPARE(view->events.size(), 1);
            QVERIFY(d->door->verifyTrail()->failure == std::nullopt);
        }
        // C read all eight and set each aside with its reason; B reads the rows not claiming B.
        QCOMPARE(setAsideCodes(*m_c),
                 QStringList({QStringLiteral("office.unsigned"), QStringLiteral("office.unsigned"),
                              QStringLiteral("office.unsigned"), QStringLiteral("office.signer"),
                              QStringLiteral("office.signature"), QStringLiteral("office.role"),
                              QStringLiteral("office.four-eyes"), QStringLiteral("office.signer")}));
        QCOMPARE(setAsideCodes(*m_b).size(), 5);
        QVERIFY(trailEntries(*m_c, QStringLiteral("office_set_aside")) >= 1);
        QVERIFY(OfficeLink::save(*m_c->db, *OfficeUrl::parse(m_pg->url(m_db))).ok());
        Cli status = cli({QStringLiteral("office"), QStringLiteral("--db"), m_c->path,
                          QStringLiteral("--status"), QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("set_aside")).toInt(), 8);

        // A real decision, made at C by its supervisor and signed by C, reaches B.
        const Session root = Session::forCommandLine(QStringLiteral("root"));
        QVERIFY(m_c->door->addAccount(root, QStringLiteral("sam"), Role::Supervisor, Password).ok());
        auto sam = m_c->door->signIn(QStringLiteral("sam"), Password);
        QVERIFY(sam);
        QVERIFY(m_c->door->take(*sam, kase).ok());
        QVERIFY(m_c->door->decide(*sam, kase, Outcome::Detained, QStringLiteral("seal forged")).ok());
        QVERIFY(sync(*m_c).ok());
        QVERIFY(sync(*m_b).ok());
        auto view = m_b->door->caseView(kase);
        QVERIFY(view);
        QCOMPARE(view->facts.state, CaseState::Decided);
        QCOMPARE(view->facts.outcome, Outcome::Detained);
        QCOMPARE(setAsideCodes(*m_b).size(), 5);
    }

    // Item 1, case rows: a case of another desk comes only with its signed
    // flag, and every field the desk shows or decides on is the flag's. Case
    // rows with no flag (by A's role and by the superuser), a certificate
    // number changed by the superuser, a flag signed by A for B's case to make
    // someone else its flagger (so that its supervisor-flagger could decide
    // it), a flag with no case row: none is listed, each is set aside and
    // reported; a real case still replicates and its decision still applies.
    void aCaseComesOnlyWithItsSignedFlag()
    {
        QVERIFY(writeCases(*m_b, 2));
        QVERIFY(writeCases(*m_b, 1, QStringLiteral("sam"), Role::Supervisor));
        const QStringList own = ownCases(*m_b);
        QCOMPARE(own.size(), 3);
        const QString real = own.at(0), renumbered = own.at(1), samsFlag = own.at(2);
        QVERIFY(sync(*m_b).ok());
        QVERIFY(sync(*m_a, hostileUrl()).ok());
        auto hostile = connect(hostileUrl());
        auto superuser = connect();
        QVERIFY(hostile && superuser);
        const auto aSigner = signerOf(*m_a->db);
        QVERIFY(aSigner);

        // Case rows with no flag: A's role as B (refused: the second wall), as
        // itself; the superuser as B.
        QVERIFY(!insertCase(*hostile, newId(), m_b->id(), QStringLiteral("BW-2026-000777")));
        QVERIFY(insertCase(*hostile, newId(), m_a->id(), QStringLiteral("BW-2026-000777")));
        QVERIFY(insertCase(*superuser, newId(), m_b->id(), QStringLiteral("BW-2026-000778")));
        // Another certificate on B's real case.
        QCOMPARE(rowsChanged(*superuser,
                             QStringLiteral("UPDATE cases SET number = 'BW-2026-999999' WHERE id = ?"),
                             {renumbered}),
                 1);
        // Sam (a supervisor) flagged his case at B. A signs a flag of it by
        // olga and the superuser puts B's own flag after it.
        {
            QSqlQuery q(superuser->connection());
            QVERIFY(
                q.prepare(QStringLiteral("SELECT id, desk_id, seq, at, actor, actor_id, kind, data, role, "
                                         "signer, sig FROM case_events WHERE case_id = ?")));
            q.addBindValue(samsFlag);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(4).toString(), QStringLiteral("sam"));
            const SignedEventFields bs{q.value(0).toString(),
                                       samsFlag,
                                       q.value(1).toString(),
                                       q.value(2).toInt(),
                                       q.value(3).toString(),
                                       q.value(4).toString(),
                                       q.value(5).toString(),
                                       q.value(8).toString(),
                                       q.value(6).toString(),
                                       q.value(7).toString(),
                                       {}};
            const QByteArray bSigner = q.value(9).toByteArray(), bSig = q.value(10).toByteArray();
            QCOMPARE(rowsChanged(*superuser, QStringLiteral("DELETE FROM case_events WHERE id = ?"), {bs.id}),
                     1);
            SignedEventFields fake = bs;
            fake.id = newId();
            fake.deskId = m_a->id();
            fake.actor = QStringLiteral("olga");
            fake.actorId = QString();
            fake.role = QStringLiteral("officer");
            auto sig = EventSignature::sign(fake, *aSigner);
            QVERIFY(sig);
            QVERIFY(insertEvent(*hostile, fake, aSigner->certificate.der(), *sig));
            QVERIFY(insertEvent(*superuser, bs, bSigner, bSig));
            // A signed flag of a case the office does not hold.
            fake.id = newId();
            fake.caseId = newId();
            sig = EventSignature::sign(fake, *aSigner);
            QVERIFY(sig);
            QVERIFY(insertEvent(*hostile, fake, aSigner->certificate.der(), *sig));
        }

        auto count = sync(*m_c);
        QVERIFY2(count, count ? "" : qPrintable(count.error().message));
        // C lists B's real case and Sam's, nothing else.
        QCOMPARE(localCount(*m_c, QStringLiteral("SELECT count(*) FROM cases")), 2);
        QCOMPARE(count->cases, 2);
        auto view = m_c->door->caseView(real);
        QVERIFY(view);
        QCOMPARE(view->record.deskName, QStringLiteral("Gate B"));
        QCOMPARE(view->facts.flaggedBy, QStringLiteral("olga"));
        QVERIFY(!m_c->door->caseView(renumbered));
        auto sams = m_c->door->caseView(samsFlag);
        QVERIFY(sams);
        QCOMPARE(sams->facts.flaggedBy, QStringLiteral("sam"));
        QCOMPARE(sams->events.size(), 1);
        {
            QSqlQuery q(m_c->db->connection());
            QVERIFY(q.prepare(QStringLiteral("SELECT number, participant FROM cases WHERE id = ?")));
            q.addBindValue(real);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("BW-2026-000000"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("BW"));
        }
        // The inspection behind it, as B signed it.
        const auto inspection = FlaggedEvent::inspection(view->events);
        QVERIFY(inspection);
        QCOMPARE(inspection->officer, QStringLiteral("olga"));
        QCOMPARE(inspection->verdict, Verdict::Doubt);
        QCOMPARE(inspection->number, QStringLiteral("BW-2026-000000"));
        QCOMPARE(view->record.inspectionId, inspection->inspectionId);

        QCOMPARE(setAsideCodes(*m_c), QStringList(5, QStringLiteral("office.case")));
        // The reason says what the row changed.
        QCOMPARE(localCount(*m_c, QStringLiteral("SELECT count(*) FROM office_set_aside WHERE reason LIKE "
                                                 "'%BW-2026-000001 signed, BW-2026-999999 in the row%'")),
                 1);
        QVERIFY(trailEntries(*m_c, QStringLiteral("office_set_aside")) >= 1);
        QVERIFY(OfficeLink::save(*m_c->db, *OfficeUrl::parse(m_pg->url(m_db))).ok());
        Cli status = cli({QStringLiteral("office"), QStringLiteral("--db"), m_c->path,
                          QStringLiteral("--status"), QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("set_aside")).toInt(), 5);

        // Sam, a supervisor at C too, may not take or decide his own flag there; he
        // decides B's real case, and B applies it.
        const Session root = Session::forCommandLine(QStringLiteral("root"));
        QVERIFY(m_c->door->addAccount(root, QStringLiteral("sam"), Role::Supervisor, Password).ok());
        auto sam = m_c->door->signIn(QStringLiteral("sam"), Password);
        QVERIFY(sam);
        // Four eyes from the review on (docs/spec-notes.md): he may not even take it.
        const Status ownTake = m_c->door->take(*sam, samsFlag);
        QVERIFY(!ownTake);
        QCOMPARE(ownTake.error().code, QStringLiteral("accounts.four-eyes"));
        const Status own4 = m_c->door->decide(*sam, samsFlag, Outcome::Released, QStringLiteral("mine"));
        QVERIFY(!own4);
        QVERIFY(m_c->door->take(*sam, real).ok());
        QVERIFY(m_c->door->decide(*sam, real, Outcome::Detained, QStringLiteral("seal forged")).ok());
        QVERIFY(sync(*m_c).ok());
        QVERIFY(sync(*m_b).ok());
        auto atB = m_b->door->caseView(real);
        QVERIFY(atB);
        QCOMPARE(atB->facts.state, CaseState::Decided);
        QCOMPARE(atB->facts.outcome, Outcome::Detained);
        // Again: nothing new set aside, nothing new listed.
        QVERIFY(sync(*m_c).ok());
        QCOMPARE(SetAside::count(*m_c->db)->pulled, 5);
        QCOMPARE(localCount(*m_c, QStringLiteral("SELECT count(*) FROM cases")), 2);
    }

    // A push goes up in batches, so a desk may pull a case's row before its
    // flag: the row is set aside then, and when the flag comes the case opens
    // and the row is no longer reported.
    void aCaseRowBeforeItsFlagOpensWhenTheFlagComes()
    {
        QVERIFY(sync(*m_b).ok()); // B's queue empty: then its inspection, case, flag
        QVERIFY(writeCases(*m_b, 1));
        const QString kase = firstCase(*m_b);
        auto office = connect();
        QVERIFY(office);
        Replicator rb(*m_b->db, *office);
        rb.setSigner(signerOf(*m_b->db));
        int batches = 0;
        bool pulled = false;
        qint64 casesBetween = -1, setAsideBetween = -1;
        rb.setAfterOfficeCommit([&] {
            if (++batches != 1)
                return;
            pulled = sync(*m_c).ok();
            casesBetween = localCount(*m_c, QStringLiteral("SELECT count(*) FROM cases"));
            setAsideBetween = SetAside::count(*m_c->db)->pulled;
        });
        // The first batch ends with the case row: its flag goes in the next.
        QStringList queued;
        {
            QSqlQuery q(m_b->db->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT kind FROM office_queue ORDER BY n")));
            while (q.next())
                queued << q.value(0).toString();
        }
        const int firstBatch = int(queued.indexOf(QStringLiteral("case"))) + 1;
        QVERIFY(firstBatch > 0 && queued.indexOf(QStringLiteral("event")) >= firstBatch);
        QVERIFY(rb.push(firstBatch).ok());
        QVERIFY(batches >= 2);
        QVERIFY(pulled);
        QCOMPARE(casesBetween, 0);
        QCOMPARE(setAsideBetween, 1);
        QCOMPARE(setAsideCodes(*m_c), QStringList{QStringLiteral("office.case")});
        auto count = sync(*m_c);
        QVERIFY(count);
        QCOMPARE(count->cases, 1);
        QCOMPARE(SetAside::count(*m_c->db)->pulled, 0);
        auto view = m_c->door->caseView(kase);
        QVERIFY(view);
        QCOMPARE(view->facts.flaggedBy, QStringLiteral("olga"));
        QCOMPARE(view->record.deskName, QStringLiteral("Gate B"));
    }

    // Item 4: one row of a case nobody holds, written before everything
    // else, stops nothing: it is set aside, the rest comes down.
    void aJunkRowIsSetAsideAndTheRestGoesOn()
    {
        auto superuser = connect();
        QVERIFY(superuser);
        QVERIFY(insertEvent(*superuser,
                            event(newId(), QStringLiteral("nowhere"), QStringLiteral("note"),
                                  QStringLiteral("x"), QStringLiteral("officer"), QStringLiteral("{}"))));
        QVERIFY(writeCases(*m_b, 3));
        QVERIFY(sync(*m_b).ok());
        auto count = sync(*m_c);
        QVERIFY2(count, count ? "" : qPrintable(count.error().message));
        QCOMPARE(count->cases, 3);
        QCOMPARE(count->events, 3);
        QCOMPARE(count->setAside, 1);
        QCOMPARE(setAsideCodes(*m_c), QStringList{QStringLiteral("office.unknown-case")});
        // The trail's note of it went up in the same sync: nothing of C waits.
        QCOMPARE(trailEntries(*m_c, QStringLiteral("office_set_aside")), 1);
        QCOMPARE(*Replicator::waiting(*m_c->db), 0);
        // Later rows keep coming, and the junk row is reported once.
        QVERIFY(writeCases(*m_b, 2));
        QVERIFY(sync(*m_b).ok());
        count = sync(*m_c);
        QVERIFY(count);
        QCOMPARE(count->cases, 2);
        QCOMPARE(count->setAside, 0);
        QCOMPARE(localCount(*m_c, QStringLiteral("SELECT count(*) FROM cases")), 5);
        QCOMPARE(SetAside::count(*m_c->db)->pulled, 1);
    }

    // Item 1, the list of desks: once the authority's bundle lists B's
    // certificate as revoked, C takes nothing more B signed (whatever time
    // its events claim), keeps what it applied before, and still takes what
    // A signed, listed and not revoked.
    void aRevokedDesksEventsAreSetAside()
    {
        QVERIFY(writeCases(*m_b, 1));
        QVERIFY(sync(*m_b).ok());
        auto count = sync(*m_c);
        QVERIFY(count);
        QCOMPARE(count->cases, 1);

        const auto bSigner = signerOf(*m_b->db);
        const auto aSigner = signerOf(*m_a->db);
        QVERIFY(bSigner && aSigner);
        {
            auto writer = CacheWriter::begin(*m_c->db);
            QVERIFY(writer);
            QVERIFY((*writer)->upsertDeskCertificate(
                {Sha256::hash(bSigner->certificate.der()), m_b->id(), QDate::currentDate()}));
            QVERIFY((*writer)->upsertDeskCertificate(
                {Sha256::hash(aSigner->certificate.der()), m_a->id(), QDate()}));
            QVERIFY((*writer)->commit());
        }
        QVERIFY(writeCases(*m_b, 2));
        QVERIFY(sync(*m_b).ok());
        QVERIFY(writeCases(*m_a, 1));
        QVERIFY(sync(*m_a, hostileUrl()).ok());
        count = sync(*m_c);
        QVERIFY2(count, count ? "" : qPrintable(count.error().message));
        QCOMPARE(count->cases, 1); // A's
        QCOMPARE(setAsideCodes(*m_c),
                 QStringList({QStringLiteral("office.revoked-desk"), QStringLiteral("office.revoked-desk")}));
        QCOMPARE(localCount(*m_c, QStringLiteral("SELECT count(*) FROM cases")), 2);
        QCOMPARE(trailEntries(*m_c, QStringLiteral("office_set_aside")), 1); // one a pull
    }

    // Issue 22 goal 4: a push's events are also signed once as a batch, and a
    // desk takes an event on its batch's word only when the batch is signed
    // with the certificate the event names, for the desk it claims, and lists
    // the event as the office holds it. The rows below name B's certificate
    // and carry no signature of their own: what applies, the batch alone proved.
    void aBatchVouchesOnlyForTheEventsItLists()
    {
        QVERIFY(writeCases(*m_b, 1));
        const QString kase = firstCase(*m_b);
        QVERIFY(sync(*m_b).ok());
        QVERIFY(sync(*m_a, hostileUrl()).ok()); // A's role owns A's desk id
        // B's push: one batch, signed by B, that its events name; C takes them.
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM event_batches")), 1);
        QCOMPARE(office(QStringLiteral("SELECT count(*) FROM case_events e JOIN event_batches b ON b.id = "
                                       "e.batch AND b.desk_id = e.desk_id AND b.signer = e.signer")),
                 1);
        auto count = sync(*m_c);
        QVERIFY(count);
        QCOMPARE(count->cases, 1);
        QCOMPARE(count->setAside, 0);

        auto hostile = connect(hostileUrl());
        auto superuser = connect();
        QVERIFY(hostile && superuser);
        const auto aSigner = signerOf(*m_a->db), bSigner = signerOf(*m_b->db);
        QVERIFY(aSigner && bSigner);
        const QByteArray bDer = bSigner->certificate.der(), aDer = aSigner->certificate.der();
        const auto note = [&](const QString& deskId, const QString& text) {
            return event(kase, deskId, QStringLiteral("note"), QStringLiteral("sam"),
                         QStringLiteral("supervisor"), QStringLiteral("{\"text\":\"%1\"}").arg(text));
        };
        const auto hashOf = [](const SignedEventFields& f) {
            return Sha256::hash(EventSignature::canonical(f));
        };
        const auto signedBatch = [&](const QString& deskId, const QByteArray& hashes,
                                     const OfficeSigner& by) {
            const EventBatch b{newId(), deskId, hashes};
            auto sig = b.sign(by);
            return std::pair{b, sig ? *sig : QByteArray()};
        };

        // 1. Listed in B's batch as it is: applied, its data the very text
        //    that was signed (not the same object written again by this desk).
        auto listed = note(m_b->id(), QStringLiteral("listed"));
        listed.data = QStringLiteral("{\"text\": \"listed\", \"by\": \"hand\"}");
        {
            const auto [b, sig] = signedBatch(m_b->id(), hashOf(listed), *bSigner);
            QVERIFY(insertBatch(*superuser, b, bDer, sig));
            QVERIFY(insertEvent(*superuser, listed, bDer, {}, b.id));
        }
        // 2. Not in its batch: B signed the note as it was; the office holds another text.
        {
            auto altered = note(m_b->id(), QStringLiteral("as signed"));
            const auto [b, sig] = signedBatch(m_b->id(), hashOf(altered), *bSigner);
            QVERIFY(insertBatch(*superuser, b, bDer, sig));
            altered.data = QStringLiteral("{\"text\":\"altered\"}");
            QVERIFY(insertEvent(*superuser, altered, bDer, {}, b.id));
        }
        // 3. Another desk's batch: A lists a note that names B's certificate.
        //    A's role cannot write a batch as B; as itself it can.
        {
            const auto asB = note(m_b->id(), QStringLiteral("A's batch"));
            const auto [forB, forBSig] = signedBatch(m_b->id(), hashOf(asB), *aSigner);
            QVERIFY(!insertBatch(*hostile, forB, aDer, forBSig));
            const auto [b, sig] = signedBatch(m_a->id(), hashOf(asB), *aSigner);
            QVERIFY(insertBatch(*hostile, b, aDer, sig));
            QVERIFY(insertEvent(*superuser, asB, bDer, {}, b.id));
            // The superuser writes A's batch as B: still not B's certificate's.
            const auto asBAgain = note(m_b->id(), QStringLiteral("A's batch as B"));
            const auto [b1, sig1] = signedBatch(m_b->id(), hashOf(asBAgain), *aSigner);
            QVERIFY(insertBatch(*superuser, b1, aDer, sig1));
            QVERIFY(insertEvent(*superuser, asBAgain, bDer, {}, b1.id));
            // 4. A's batch for desk B, its note naming A's certificate: the batch
            //    holds, but desk B is B's certificate's to sign for.
            const auto byA = note(m_b->id(), QStringLiteral("A as B"));
            const auto [b2, sig2] = signedBatch(m_b->id(), hashOf(byA), *aSigner);
            QVERIFY(insertBatch(*superuser, b2, aDer, sig2));
            QVERIFY(insertEvent(*superuser, byA, aDer, {}, b2.id));
        }
        // 5. A list altered: one more note added to a list B signed.
        {
            const auto first = note(m_b->id(), QStringLiteral("first")),
                       added = note(m_b->id(), QStringLiteral("added"));
            auto [b, sig] = signedBatch(m_b->id(), hashOf(first), *bSigner);
            b.packedHashes += hashOf(added);
            QVERIFY(insertBatch(*superuser, b, bDer, sig));
            QVERIFY(insertEvent(*superuser, first, bDer, {}, b.id));
            QVERIFY(insertEvent(*superuser, added, bDer, {}, b.id));
        }
        // 6. A list that is not whole hashes, and a batch that is not there.
        {
            const auto ragged = note(m_b->id(), QStringLiteral("ragged"));
            const EventBatch b{newId(), m_b->id(), hashOf(ragged) + QByteArray(1, 'x')};
            QVERIFY(insertBatch(*superuser, b, bDer, QByteArray(64, 'x')));
            QVERIFY(insertEvent(*superuser, ragged, bDer, {}, b.id));
            QVERIFY(insertEvent(*superuser, note(m_b->id(), QStringLiteral("nowhere")), bDer, {}, newId()));
        }

        // 7. Signed alone, naming a batch the office does not hold: its own signature holds.
        const auto alone = note(m_b->id(), QStringLiteral("signed alone"));
        {
            auto sig = EventSignature::sign(alone, *bSigner);
            QVERIFY(sig);
            QVERIFY(insertEvent(*superuser, alone, bDer, *sig, newId()));
        }

        count = sync(*m_c);
        QVERIFY2(count, count ? "" : qPrintable(count.error().message));
        QCOMPARE(count->events, 2);
        auto view = m_c->door->caseView(kase);
        QVERIFY(view);
        QCOMPARE(view->events.size(), 3);
        QCOMPARE(view->events.at(1).id, listed.id);
        QCOMPARE(view->events.at(2).id, alone.id);
        {
            QSqlQuery q(m_c->db->connection());
            QVERIFY(q.prepare(QStringLiteral("SELECT data FROM case_events WHERE id = ?")));
            q.addBindValue(listed.id);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toString(), listed.data);
        }
        QCOMPARE(setAsideCodes(*m_c),
                 QStringList({QStringLiteral("office.signature"), QStringLiteral("office.signature"),
                              QStringLiteral("office.signature"), QStringLiteral("office.signer"),
                              QStringLiteral("office.signature"), QStringLiteral("office.signature"),
                              QStringLiteral("office.signature"), QStringLiteral("office.signature")}));
        QVERIFY(m_c->door->verifyTrail()->failure == std::nullopt);
    }

    // Item 3: A's role takes places 1..3 of B's trail before B pushes. B's
    // push says so: --sync fails, --status raises the alarm, B's trail says it.
    void anotherRoleInThisDesksPlacesIsAnAlarm()
    {
        auto hostile = connect(hostileUrl());
        auto superuser = connect();
        QVERIFY(hostile && superuser);
        // A's role cannot take B's places (the second wall); the superuser can.
        QCOMPARE(
            rowsChanged(*hostile,
                        QStringLiteral("INSERT INTO audit(desk_id, n, entry, hash) VALUES(?, 1, 'x', 'x')"),
                        {m_b->id()}),
            -1);
        for (int n = 1; n <= 3; ++n) {
            QSqlQuery q(superuser->connection());
            QVERIFY(
                q.prepare(QStringLiteral("INSERT INTO audit(desk_id, n, entry, hash) VALUES(?, ?, ?, ?)")));
            q.addBindValue(m_b->id());
            q.addBindValue(n);
            q.addBindValue(QByteArray("forged"));
            q.addBindValue(QByteArray(32, char(n)));
            QVERIFY(q.exec());
        }
        QVERIFY(writeCases(*m_b, 1));
        QVERIFY(OfficeLink::save(*m_b->db, *OfficeUrl::parse(m_pg->url(m_db))).ok());
        Cli s = cli({QStringLiteral("office"), QStringLiteral("--db"), m_b->path, QStringLiteral("--sync")});
        QCOMPARE(s.exitCode, 1);
        QVERIFY2(s.err.contains("ALARM"), s.err.constData());
        Cli status =
            cli({QStringLiteral("office"), QStringLiteral("--db"), m_b->path, QStringLiteral("--status")});
        QCOMPARE(status.exitCode, 1);
        QVERIFY2(status.out.contains("ALARM"), status.out.constData());
        status = cli({QStringLiteral("office"), QStringLiteral("--db"), m_b->path, QStringLiteral("--status"),
                      QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("conflicts")).toInt(), 3);
        QCOMPARE(trailEntries(*m_b, QStringLiteral("office_conflict")), 3);
        // Entries the office holds the same are no alarm: a resend adds none.
        s = cli({QStringLiteral("office"), QStringLiteral("--db"), m_b->path, QStringLiteral("--sync"),
                 QStringLiteral("--resend")});
        QCOMPARE(s.exitCode, 1);
        QCOMPARE(SetAside::count(*m_b->db)->conflicts, 3);
        QCOMPARE(trailEntries(*m_b, QStringLiteral("office_conflict")), 3);
    }

    void cleanup()
    {
        m_a.reset();
        m_b.reset();
        m_c.reset();
    }

    void cleanupTestCase() { m_pg.reset(); }
};

QTEST_GUILESS_MAIN(TestOfficeTrust)
#include "test_office_trust.moc"
