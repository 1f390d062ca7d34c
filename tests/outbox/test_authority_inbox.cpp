// The authority's side of kpmsg (kp-outbox.md, "At the authority"): what its
// desks send is taken into the ledger, or set aside with its reason and
// changes nothing; repeats are skipped, gaps and repeats of `n` reported; a
// file that is not a regular file, or changes while read, is refused.
#include "InboxFixture.h"

#include "audit/AuditExport.h"
#include "authority/AuthorityPki.h"
#include "authority/DeskRegistry.h"
#include "authority/DeskTrailCheck.h"
#include "authority/MessageInbox.h"
#include "authority/MessageLedger.h"
#include "authority/UsedRevocations.h"
#include "crypto/CertificateRequest.h"
#include "crypto/Signature.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "outbox/KpMessage.h"

#include <QBuffer>
#include <QCborArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>

using namespace kp;
using namespace kp::test::inbox;

class TestAuthorityInbox : public InboxFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void confirmationAndDoubtAreTaken()
    {
        const KpMessage c = confirmation(1);
        const KpMessage d = doubt(2);
        put(c, sign(c, m_desk));
        put(d, sign(d, m_desk));
        const auto run = take();
        QVERIFY2(run.ok(), qPrintable(run ? QString() : run.error().message));
        QCOMPARE(run->items.size(), 2);
        for (const InboxItem& item : run->items) {
            QCOMPARE(item.outcome, InboxItem::Outcome::Taken);
            QVERIFY(item.reports.isEmpty());
            QVERIFY(!QFile::exists(inIntake(item.fileName)));
            QVERIFY(QFile::exists(intake() + QStringLiteral("/taken/") + item.fileName));
        }
        QCOMPARE(run->items.at(0).messageId, c.idText());

        const auto confirmations = m_ledger->confirmations();
        QVERIFY(confirmations.ok());
        QCOMPARE(confirmations->size(), 1);
        QCOMPARE(confirmations->at(0).number, QStringLiteral("BW-2026-004711"));
        QCOMPARE(confirmations->at(0).received, QStringLiteral("2026-11-30"));
        QCOMPARE(confirmations->at(0).participant, QStringLiteral("EU"));
        QCOMPARE(confirmations->at(0).messageId, c.idText());

        const auto doubts = m_ledger->doubts();
        QVERIFY(doubts.ok());
        QCOMPARE(doubts->size(), 1);
        const DoubtEntry& e = doubts->at(0);
        QCOMPARE(e.messageId, d.idText());
        QCOMPARE(e.desk, QStringLiteral("EU-ANR-03"));
        QCOMPARE(e.number, QStringLiteral("BW-2026-000777"));
        QCOMPARE(e.verdict, QStringLiteral("doubt"));
        QCOMPARE(e.decisionOutcome, QStringLiteral("detained"));
        QCOMPARE(e.addressees, (QStringList{QStringLiteral("BW"), QStringLiteral("KP-CHAIR")}));
        QCOMPARE(e.files.size(), 1);
        QCOMPARE(e.files.at(0).name, QStringLiteral("scan.png"));
        QCOMPARE(e.files.at(0).size, 9);

        // Every audit pair is kept for whoever checks the desk's trail.
        const auto pairs = m_ledger->auditPairs(QStringLiteral("EU-ANR-03"));
        QVERIFY(pairs.ok());
        QCOMPARE(pairs->size(), 2);
        QCOMPARE(pairs->at(0).audit, c.audit);
        QCOMPARE(pairs->at(1).audit, d.audit);

        // The ledger, reopened, still knows; used revocations come from it.
        m_ledger.reset();
        m_ledger = std::move(MessageLedger::open(m_dir->filePath(QStringLiteral("ledger.sqlite")))).value();
        const auto used = UsedRevocations::fromLedger(*m_ledger);
        QVERIFY(used.ok());
        QCOMPARE(used->size(), 1);
        QCOMPARE(used->at(0).number, QStringLiteral("BW-2026-004711"));
        QCOMPARE(used->at(0).status, QStringLiteral("used"));
        QCOMPARE(used->at(0).by, QStringLiteral("EU"));
        QCOMPARE(used->at(0).at, QStringLiteral("2026-11-30"));
    }

    void refusedAndNothingChanges_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("revokeDesk");

        const KpMessage m = confirmation(1);
        const QByteArray good = sign(m, m_desk);
        const auto setCct = [](QCborMap& p) {
            QCborMap body = p.value(QStringLiteral("body")).toMap();
            body.insert(QStringLiteral("cct"), 1);
            p.insert(QStringLiteral("body"), body);
        };
        QTest::newRow("tampered") << withPayload(good, setCct, nullptr) << "kpmsg.signature" << false;
        const Authority other = makeAuthority(QStringLiteral("EU"));
        const Desk stranger = makeDesk(other, QStringLiteral("EU"), QStringLiteral("EU-ANR-03"));
        QTest::newRow("unknown CA") << sign(m, stranger) << "inbox.unknown-ca" << false;
        QTest::newRow("revoked desk") << good << "inbox.revoked" << true;
        const auto otherDesk = [](QCborMap& p) {
            p.insert(QStringLiteral("desk"), QStringLiteral("EU-ANR-04"));
        };
        QTest::newRow("desk mismatch")
            << withPayload(good, otherDesk, &m_desk.key) << "kpmsg.certificate" << false;
        const auto otherPt = [](QCborMap& p) {
            p.insert(QStringLiteral("pt"), QStringLiteral("BW"));
        };
        QTest::newRow("pt mismatch") << withPayload(good, otherPt, &m_desk.key) << "kpmsg.certificate"
                                     << false;
        // Our CA issued a desk certificate naming another participant.
        const Desk foreign = makeDesk(m_eu, QStringLiteral("BW"), QStringLiteral("BW-GAB-01"));
        KpMessage fm = m;
        fm.desk = QStringLiteral("BW-GAB-01");
        fm.participant = QStringLiteral("BW");
        QTest::newRow("participant not the CA's") << sign(fm, foreign) << "inbox.participant" << false;
        const Desk expired = makeDesk(m_eu, QStringLiteral("EU"), QStringLiteral("EU-ANR-03"), From,
                                      QDateTime(QDate(2026, 6, 30), QTime(0, 0), Qt::UTC));
        QTest::newRow("expired desk") << sign(m, expired) << "inbox.expired" << false;
        QTest::newRow("garbage") << QByteArray("not a message at all") << "kpmsg.malformed" << false;
        QTest::newRow("20 MiB") << QByteArray(20 * 1024 * 1024, 'x') << "kpmsg.too-large" << false;
    }

    void refusedAndNothingChanges()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(bool, revokeDesk);
        const QString name = QStringLiteral("EU-ANR-03-00000001-confirmation.kpmsg");
        writeFile(inIntake(name), bytes);
        const QByteArray deskSha = m_desk.cert.sha256();
        const auto run = take([&](const Certificate& c) { return revokeDesk && c.sha256() == deskSha; });
        QVERIFY2(run.ok(), qPrintable(run ? QString() : run.error().message));
        QCOMPARE(run->items.size(), 1);
        QCOMPARE(run->items.at(0).outcome, InboxItem::Outcome::Refused);
        QCOMPARE(run->items.at(0).code, code);
        QVERIFY(!run->items.at(0).reason.isEmpty());

        QVERIFY(!QFile::exists(inIntake(name)));
        QCOMPARE(QFileInfo(intake() + QStringLiteral("/refused/") + name).size(), bytes.size());
        const QByteArray reason =
            readFile(intake() + QStringLiteral("/refused/") + name + QStringLiteral(".reason"));
        QVERIFY2(reason.startsWith(QByteArray(code.toUtf8() + ": ")), reason.constData());
        QCOMPARE(reason.count('\n'), 1);
        QCOMPARE(*m_ledger->messageCount(), 0);
        QVERIFY(m_ledger->counterReports()->isEmpty());
        QVERIFY(QDir(intake() + QStringLiteral("/taken")).isEmpty());

        // Refused again later (a resend): the first one set aside is kept.
        writeFile(inIntake(name), bytes);
        QCOMPARE(take([&](const Certificate& c) {
                     return revokeDesk && c.sha256() == deskSha;
                 })->count(InboxItem::Outcome::Refused),
                 1);
        QVERIFY(QFile::exists(intake() + QStringLiteral("/refused/EU-ANR-03-00000001-confirmation.2.kpmsg")));
        QVERIFY(QFile::exists(intake() + QStringLiteral("/refused/") + name));
    }

    void linksAndFoldersAreRefused()
    {
        const KpMessage m = confirmation(1);
        const QString target = m_dir->filePath(QStringLiteral("elsewhere.kpmsg"));
        writeFile(target, sign(m, m_desk));
        QVERIFY(QFile::link(target, inIntake(m.fileName())));
        QVERIFY(QDir().mkpath(inIntake(QStringLiteral("folder.kpmsg"))));
        writeFile(inIntake(QStringLiteral("notes.txt")), "left alone");
        const auto run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->items.size(), 2);
        for (const InboxItem& item : run->items)
            QCOMPARE(item.code, QStringLiteral("inbox.not-a-file"));
        QCOMPARE(*m_ledger->messageCount(), 0);
        QVERIFY(QFile::exists(target)); // the link moved, not what it points to
        QVERIFY(QFileInfo(intake() + QStringLiteral("/refused/") + m.fileName()).isSymLink());
        QVERIFY(QFile::exists(inIntake(QStringLiteral("notes.txt"))));
    }

    void sameMessageTwiceIsSkipped()
    {
        const KpMessage m = confirmation(1);
        const QByteArray bytes = sign(m, m_desk);
        put(m, bytes);
        QCOMPARE(take()->count(InboxItem::Outcome::Taken), 1);

        // Delivered again (the USB stick copied twice): skipped, no report.
        put(m, bytes);
        auto run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->items.size(), 1);
        QCOMPARE(run->items.at(0).outcome, InboxItem::Outcome::Skipped);
        QVERIFY(!QFile::exists(inIntake(m.fileName())));
        QCOMPARE(*m_ledger->messageCount(), 1);
        QVERIFY(m_ledger->counterReports()->isEmpty());

        // The same id with other bytes is not the same message.
        KpMessage changed = m;
        changed.at = m.at.addSecs(60);
        put(changed, sign(changed, m_desk));
        run = take();
        QCOMPARE(run->items.at(0).outcome, InboxItem::Outcome::Refused);
        QCOMPARE(run->items.at(0).code, QStringLiteral("inbox.id-reused"));
        QCOMPARE(*m_ledger->messageCount(), 1);
    }

    // Recorded, then a crash before the move: the next run skips and moves it.
    void crashBetweenRecordAndMove()
    {
        const KpMessage m = confirmation(1);
        const QByteArray bytes = sign(m, m_desk);
        QVERIFY(m_ledger->record(*KpMessageCodec::read(bytes), bytes, m.fileName(), m_clock.nowUtc()).ok());
        put(m, bytes);
        const auto run = take();
        QCOMPARE(run->items.at(0).outcome, InboxItem::Outcome::Skipped);
        QVERIFY(QFile::exists(intake() + QStringLiteral("/taken/") + m.fileName()));
        QCOMPARE(*m_ledger->messageCount(), 1);
    }

    void gapsAndRepeatsAreReportedAndTaken()
    {
        const KpMessage first = confirmation(1);
        const KpMessage third = confirmation(3, QStringLiteral("BW-2026-004713"));
        const KpMessage again = confirmation(3, QStringLiteral("BW-2026-004714"));
        KpMessage rewritten = confirmation(4, QStringLiteral("BW-2026-004715"));
        rewritten.audit = {first.audit.count, QByteArray(32, 'Z')};
        put(first, sign(first, m_desk));
        put(third, sign(third, m_desk));
        auto run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->count(InboxItem::Outcome::Taken), 2);
        QCOMPARE(run->items.at(1).reports.size(), 1);
        const CounterReport gap = run->items.at(1).reports.at(0);
        QCOMPARE(gap.kind, CounterReport::Kind::Gap);
        QCOMPARE(gap.n, quint64(3));
        QCOMPARE(gap.missingFrom, quint64(2));
        QCOMPARE(gap.missingTo, quint64(2));

        // Another message with n = 3 (the same file name: the one in taken/
        // is kept), and an audit pair that contradicts an earlier one.
        put(again, sign(again, m_desk));
        put(rewritten, sign(rewritten, m_desk));
        run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->count(InboxItem::Outcome::Taken), 2);
        const auto reports = m_ledger->counterReports();
        QVERIFY(reports.ok());
        // The rewritten pair also has fewer entries than message 3: gone back too.
        QCOMPARE(reports->size(), 4);
        QCOMPARE(reports->at(0).kind, CounterReport::Kind::Gap);
        QCOMPARE(reports->at(1).kind, CounterReport::Kind::Repeat);
        QCOMPARE(reports->at(1).messageId, again.idText());
        QCOMPARE(reports->at(1).otherMessageId, third.idText());
        QCOMPARE(reports->at(2).kind, CounterReport::Kind::AuditConflict);
        QCOMPARE(reports->at(2).otherMessageId, first.idText());
        QCOMPARE(reports->at(3).kind, CounterReport::Kind::AuditWentBack);
        QCOMPARE(reports->at(3).otherMessageId, third.idText());
        QCOMPARE(*m_ledger->messageCount(), 4);
        QVERIFY(QFile::exists(intake() + QStringLiteral("/taken/") + third.fileName()));
        QVERIFY(QFile::exists(intake() + QStringLiteral("/taken/EU-ANR-03-00000003-confirmation.2.kpmsg")));
    }

    // Issue 19 item 6: the claimed time is bounded by the time of receipt
    // (the clock: 2026-12-01 08:00).
    void claimedTimeIsBoundedByReceipt_data()
    {
        QTest::addColumn<QDateTime>("notAfter");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("code"); // empty: taken
        const QDateTime received(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
        QTest::newRow("backdated into an expired certificate's life")
            << QDateTime(QDate(2026, 6, 30), QTime(0, 0), Qt::UTC)
            << QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC) << QStringLiteral("inbox.late");
        QTest::newRow("made in 2028")
            << From.addYears(3) << QDateTime(QDate(2028, 1, 1), QTime(0, 0), Qt::UTC)
            << QStringLiteral("inbox.future");
        QTest::newRow("an hour ahead")
            << From.addYears(3) << received.addSecs(3600) << QStringLiteral("inbox.future");
        QTest::newRow("a desk clock 4 minutes ahead")
            << From.addYears(3) << received.addSecs(240) << QString();
        QTest::newRow("delivered late from an offline post")
            << received.addDays(-10) << received.addDays(-12) << QString();
    }

    void claimedTimeIsBoundedByReceipt()
    {
        QFETCH(QDateTime, notAfter);
        QFETCH(QDateTime, at);
        QFETCH(QString, code);
        const Desk desk = makeDesk(m_eu, QStringLiteral("EU"), QStringLiteral("EU-ANR-03"), From, notAfter);
        KpMessage m = confirmation(1);
        m.at = at;
        put(m, sign(m, desk));
        const auto run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->items.size(), 1);
        if (code.isEmpty()) {
            QCOMPARE(run->items.at(0).outcome, InboxItem::Outcome::Taken);
            QCOMPARE(m_ledger->confirmations()->size(), 1);
            return;
        }
        QCOMPARE(run->items.at(0).outcome, InboxItem::Outcome::Refused);
        QCOMPARE(run->items.at(0).code, code);
        QCOMPARE(*m_ledger->messageCount(), 0);
        QVERIFY(UsedRevocations::fromLedger(*m_ledger)->isEmpty()); // no "used" reaches any desk
    }

    // Issue 19 item 7: without the list of desks nothing is taken.
    void withoutTheListOfDesksNothingIsTaken()
    {
        const KpMessage m = confirmation(1);
        put(m, sign(m, m_desk));
        const auto run = take({});
        QVERIFY(run.ok());
        QCOMPARE(run->items.at(0).outcome, InboxItem::Outcome::Refused);
        QCOMPARE(run->items.at(0).code, QStringLiteral("inbox.no-desk-list"));
        QCOMPARE(*m_ledger->messageCount(), 0);
    }

    // Issue 18 item 2: a pipe or a link to a device is refused at once (never
    // waited on or read without end).
    void pipesAndDevicesAreRefusedWithoutWaiting()
    {
        QCOMPARE(::mkfifo(QFile::encodeName(inIntake(QStringLiteral("a-pipe.kpmsg"))).constData(), 0600), 0);
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), inIntake(QStringLiteral("b-zero.kpmsg"))));
        const KpMessage m = confirmation(1);
        put(m, sign(m, m_desk));
        const auto run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->items.size(), 3);
        for (const InboxItem& item : run->items) {
            if (item.fileName == m.fileName())
                QCOMPARE(item.outcome, InboxItem::Outcome::Taken);
            else
                QCOMPARE(item.code, QStringLiteral("inbox.not-a-file"));
        }
        QCOMPARE(*m_ledger->messageCount(), 1);
    }

    // Issue 18 item 2: the file is read once; what taken/ keeps is what was
    // checked and recorded, even when the name is given another file while
    // the inbox works (here: when it asks the time of receipt).
    void whatIsKeptIsWhatWasChecked()
    {
        const KpMessage a = confirmation(1);
        const KpMessage b = confirmation(2, QStringLiteral("BW-2026-004712"));
        const QString spare = m_dir->filePath(QStringLiteral("spare"));
        writeFile(spare, sign(b, m_desk));
        put(a, sign(a, m_desk));
        struct SwappingClock final : Clock
        {
            QString from, to;
            QDateTime nowUtc() const override
            {
                if (!from.isEmpty() && QFile::exists(from)) {
                    QFile::remove(to);
                    QFile::rename(from, to);
                }
                return QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
            }
        } clock;
        clock.from = spare;
        clock.to = inIntake(a.fileName());
        MessageInbox inbox(*m_ledger, &clock);
        const auto run = inbox.take(intake(), {m_eu.ca}, notRevoked);
        QVERIFY(run.ok());
        const QDir taken(intake() + QStringLiteral("/taken"));
        const QStringList kept = taken.entryList(QDir::Files);
        QVERIFY(!kept.isEmpty());
        for (const QString& name : kept) {
            const QByteArray bytes = readFile(taken.filePath(name));
            const auto read = KpMessageCodec::read(bytes);
            QVERIFY(read.ok());
            const auto recorded = m_ledger->takenFileSha256(read->message.id);
            QVERIFY(recorded.ok());
            QVERIFY2(recorded->has_value(),
                     qPrintable(name + QStringLiteral(" is not the message recorded")));
            QCOMPARE(**recorded, QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));
        }
    }
};

QTEST_GUILESS_MAIN(TestAuthorityInbox)
#include "test_authority_inbox.moc"
