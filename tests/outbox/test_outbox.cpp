// The outbox through the records door: a release makes the import
// confirmation, an escalation the doubt, each in the transaction of the
// record it comes from, numbered without gaps, in the trail, never deleted.
#include "TestSupport.h"
#include "audit/AuditChain.h"
#include "cache/CacheDatabase.h"
#include "outbox/MessageFactory.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QCborArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;

namespace {

const QString Password = QStringLiteral("correct horse battery");

CertificateRecord certificate()
{
    CertificateRecord c;
    c.number = QStringLiteral("BW-2026-004711");
    c.issuer = QStringLiteral("BW");
    c.authority = QStringLiteral("Ministry of Minerals, Botswana");
    c.issued = QDate(2026, 11, 20);
    c.expires = QDate(2027, 1, 20);
    c.origins = {QStringLiteral("BW")};
    c.exporter = {QStringLiteral("Debswana"), QStringLiteral("Gaborone")};
    c.importer = {QStringLiteral("Antwerp Rough NV"), QStringLiteral("Antwerp")};
    c.destination = QStringLiteral("EU");
    c.lots = {{QStringLiteral("7102.10"), 125050, 90000000}};
    c.parcels = 3;
    return c;
}

QStringList trailKinds(RecordsStore& store)
{
    QStringList kinds;
    (void)store.readAudit([&](const StoredAuditEntry& e) {
        const auto entry = AuditChain::decode(e.entry);
        kinds << (entry ? entry->kind : QStringLiteral("?"));
        return true;
    });
    return kinds;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;
    std::unique_ptr<SqliteRecordsStore> m_store;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<DeskRecords> m_door;
    std::unique_ptr<MessageFactory> m_factory;
    Session m_olga, m_sam, m_sue;

    QString acceptedAndChecked(const QString& number = certificate().number)
    {
        Inspection insp;
        insp.number = number;
        insp.certificate = certificate();
        insp.certificate->number = number;
        insp.source = SourceKind::Kp1;
        insp.verdict = Verdict::Accept;
        insp.checks = {{CheckName::Signature, CheckStatus::Pass, QStringLiteral("ES256")}};
        insp.verifiedAt = m_clock.nowUtc();
        auto id = m_door->recordVerification(m_olga, insp, QByteArray("png of the scan"));
        PhysicalCheck check;
        check.parcelsCounted = 3;
        check.massCarats = 1250.4;
        check.sealsIntact = true;
        check.importerMatches = true;
        (void)m_door->recordPhysicalCheck(m_olga, *id, check);
        return *id;
    }

    InspectionRecord record(const QString& id) { return **m_store->inspection(id); }

    QList<OutboxMessage> outbox(bool waitingOnly = false)
    {
        auto all = m_store->messages(waitingOnly, true);
        return all ? *all : QList<OutboxMessage>{};
    }

private slots:
    void initTestCase()
    {
        test::isolateFromUserMachine();
        auto db = CacheDatabase::open(m_dir.filePath(QStringLiteral("desk.sqlite")),
                                      CacheDatabase::OpenMode::CreateIfMissing);
        QVERIFY(db.ok());
        m_db = std::move(*db);
        m_store = std::make_unique<SqliteRecordsStore>(*m_db);
        m_door = std::make_unique<DeskRecords>(*m_store, m_clock);
        const Session cli = Session::forCommandLine(QStringLiteral("root"));
        for (const auto& [name, role] : {std::pair{QStringLiteral("olga"), Role::Officer},
                                         std::pair{QStringLiteral("sam"), Role::Supervisor},
                                         std::pair{QStringLiteral("sue"), Role::Supervisor}})
            QVERIFY(m_door->addAccount(cli, name, role, Password).ok());
        m_olga = *m_door->signIn(QStringLiteral("olga"), Password);
        m_sam = *m_door->signIn(QStringLiteral("sam"), Password);
        m_sue = *m_door->signIn(QStringLiteral("sue"), Password);

        MessageSigner signer;
        signer.deskId = QStringLiteral("EU-ANR-03");
        signer.participant = QStringLiteral("EU");
        auto caKey = *PrivateKey::generate(KeyType::EcP256);
        const QDateTime from(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        const auto ca = *CertificateFactory::makeAuthorityCa(
            caKey, {QStringLiteral("EU"), QStringLiteral("EU KP Authority"), {}, from, from.addYears(10), 1});
        signer.key = *PrivateKey::generate(KeyType::EcP256);
        signer.certificate = *CertificateFactory::makeDocumentSigner(
            ca, caKey, signer.key.publicKey(),
            {QStringLiteral("EU"), signer.deskId, {}, from, from.addYears(2), 2});
        m_factory = std::make_unique<MessageFactory>(signer, m_clock);
    }

    void releaseMakesTheConfirmation()
    {
        const QString id = acceptedAndChecked();
        const auto before = *m_store->auditHead();
        const Status released = m_door->release(
            m_olga, id,
            m_factory->confirmation(record(id), m_olga.actor(), QStringLiteral("Antwerp Diamond Office")));
        QVERIFY2(released.ok(), qPrintable(released ? QString() : released.error().message));

        const auto all = outbox();
        QCOMPARE(all.size(), 1);
        const OutboxMessage& m = all.first();
        QCOMPARE(m.n, quint64(1));
        QCOMPARE(m.kind, QStringLiteral("confirmation"));
        QCOMPARE(m.fileName, QStringLiteral("EU-ANR-03-00000001-confirmation.kpmsg"));
        QCOMPARE(m.inspectionId, id);
        QVERIFY(m.waiting());

        const auto read = KpMessageCodec::read(m.bytes);
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        const QCborMap body = read->message.body;
        QCOMPARE(body.value(QStringLiteral("no")).toString(), QStringLiteral("BW-2026-004711"));
        QCOMPARE(body.value(QStringLiteral("np")).toInteger(), 3);
        QCOMPARE(body.value(QStringLiteral("cct")).toInteger(), 125040); // as weighed
        QCOMPARE(body.value(QStringLiteral("recv")).toString(), QStringLiteral("2026-11-30"));
        QCOMPARE(body.value(QStringLiteral("officer")).toString(), QStringLiteral("olga"));
        QCOMPARE(body.value(QStringLiteral("imp")).toMap().value(QStringLiteral("n")).toString(),
                 QStringLiteral("Antwerp Rough NV"));
        // The trail as it was when the message was made: the release was its last entry.
        QCOMPARE(read->message.audit.count, before.count + 1);
        QCOMPARE(trailKinds(*m_store).mid(int(before.count)),
                 (QStringList{QStringLiteral("release"), QStringLiteral("message_made")}));
        const auto trail = m_door->verifyTrail();
        QVERIFY(trail.ok() && !trail->failure);
    }

    // A confirmation that cannot be made keeps the release from being
    // recorded: the two go together or not at all.
    void aFailedConfirmationRecordsNothing()
    {
        // Another certificate: the first was released, and a certificate is released once.
        const QString id = acceptedAndChecked(QStringLiteral("BW-2026-004712"));
        const auto before = *m_store->auditHead();
        const MessageMaker broken = [](quint64, const AuditHead&) -> Result<OutboxMessage> {
            return makeError(QStringLiteral("test.broken"), QStringLiteral("no key"));
        };
        QCOMPARE(m_door->release(m_olga, id, broken).error().code, QStringLiteral("test.broken"));
        QCOMPARE(m_store->auditHead()->count, before.count);
        QCOMPARE(outbox().size(), 1);
    }

    void escalationMakesTheDoubt()
    {
        const QString id = acceptedAndChecked();
        FlagInput flag;
        flag.reasons = {QStringLiteral("seal 4 cut")};
        flag.notes = QStringLiteral("container 2");
        flag.attachments = {{{}, QStringLiteral("seal.jpg"), {}, 0, QByteArray("\xff\xd8\xff jpeg")}};
        const QString caseId = *m_door->flag(m_olga, id, flag);
        QVERIFY(m_door->take(m_sam, caseId).ok());
        QVERIFY(m_door->decide(m_sam, caseId, Outcome::Detained, QStringLiteral("seals do not match")).ok());
        const auto kase = *m_door->caseView(caseId, true);
        const QStringList to{QStringLiteral("BW"), QStringLiteral("KP-CHAIR"), QStringLiteral("KP-WGM")};

        // An officer cannot escalate, whatever the window shows.
        QCOMPARE(m_door->escalate(m_olga, caseId, to, m_factory->doubt(kase, record(id), to, "%PDF-"))
                     .error()
                     .code,
                 QStringLiteral("accounts.not-permitted"));
        QCOMPARE(outbox().size(), 1);

        const auto messageId =
            m_door->escalate(m_sam, caseId, to, m_factory->doubt(kase, record(id), to, "%PDF-1.4"));
        QVERIFY2(messageId.ok(), qPrintable(messageId ? QString() : messageId.error().message));
        const auto all = outbox();
        QCOMPARE(all.size(), 2);
        const OutboxMessage& m = all.last();
        QCOMPARE(m.n, quint64(2)); // no gap
        QCOMPARE(m.id, *messageId);
        QCOMPARE(m.kind, QStringLiteral("doubt"));
        QCOMPARE(m.caseId, caseId);
        QCOMPARE(m.pdf, QByteArray("%PDF-1.4"));

        const auto after = *m_door->caseView(caseId);
        QCOMPARE(after.facts.state, CaseState::Escalated);
        const CaseEvent& escalated = after.events.last();
        QCOMPARE(escalated.kind, CaseEventKind::Escalated);
        QCOMPARE(escalated.data.value(QStringLiteral("message")).toString(), *messageId);

        const auto read = KpMessageCodec::read(m.bytes);
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        const QCborMap body = read->message.body;
        QCOMPARE(body.value(QStringLiteral("case")).toString(), caseId);
        QCOMPARE(body.value(QStringLiteral("reasons")).toArray().at(0).toString(),
                 QStringLiteral("seal 4 cut"));
        QCOMPARE(body.value(QStringLiteral("decision")).toMap().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("detained"));
        QCOMPARE(body.value(QStringLiteral("to")).toArray().size(), 3);
        const QCborArray files = body.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 2); // the scan and the seal's photo
        QCOMPARE(files.at(1).toMap().value(QStringLiteral("type")).toString(), QStringLiteral("image/jpeg"));
    }

    void deliveryIsRecordedAndNothingIsDeleted()
    {
        const auto waiting = outbox(true);
        QCOMPARE(waiting.size(), 2);
        QVERIFY(m_door->messageAttemptFailed(waiting[0].id, QStringLiteral("connection refused")).ok());
        auto first = outbox(true).first();
        QCOMPARE(first.attempts, 1);
        QCOMPARE(first.lastError, QStringLiteral("connection refused"));

        QVERIFY(m_door->messageDelivered(m_olga, waiting[0].id, QStringLiteral("https://intake/")).ok());
        QVERIFY(m_door->messageHandedOver(m_olga, waiting[1].id, QStringLiteral("/media/usb")).ok());
        QCOMPARE(outbox(true).size(), 0);
        const auto all = outbox();
        QCOMPARE(all.size(), 2);
        QVERIFY(all[0].deliveredAt.isValid());
        QCOMPARE(all[0].attempts, 2);
        QVERIFY(all[0].lastError.isEmpty());
        QCOMPARE(all[1].handedOverTo, QStringLiteral("/media/usb"));
        const QStringList kinds = trailKinds(*m_store);
        QVERIFY(kinds.contains(QStringLiteral("message_delivered")));
        QVERIFY(kinds.contains(QStringLiteral("message_handed_over")));

        QSqlQuery q(m_db->connection());
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM outbox")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE outbox SET bytes = x'00'")));
        QCOMPARE(outbox().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "test_outbox.moc"
