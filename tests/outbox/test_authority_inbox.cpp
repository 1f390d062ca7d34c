// The authority's side of kpmsg (kp-outbox.md, "At the authority"): what its
// desks send is taken into the ledger, or set aside with its reason and
// changes nothing; repeats are skipped, gaps and repeats of `n` reported;
// a confirmed import reaches the next bundle as `used`, and a desk shows it.
#include "CliRun.h"
#include "TestSupport.h"
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

namespace {

const QDateTime From(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

struct Authority
{
    PrivateKey caKey;
    Certificate ca;
};

struct Desk
{
    PrivateKey key;
    Certificate cert;
};

Authority makeAuthority(const QString& country)
{
    Authority a;
    a.caKey = *PrivateKey::generate(KeyType::EcP256);
    a.ca = *CertificateFactory::makeAuthorityCa(
        a.caKey, {country, QStringLiteral("KP Authority ") + country, {}, From, From.addYears(10), 1});
    return a;
}

Desk makeDesk(const Authority& a, const QString& country, const QString& deskId, const QDateTime& from = From,
              const QDateTime& to = From.addYears(2))
{
    static qint64 serial = 100;
    Desk d;
    d.key = *PrivateKey::generate(KeyType::EcP256);
    d.cert = *CertificateFactory::makeDocumentSigner(a.ca, a.caKey, d.key.publicKey(),
                                                     {country, deskId, {}, from, to, ++serial});
    return d;
}

KpMessage confirmation(quint64 n, const QString& number = QStringLiteral("BW-2026-004711"),
                       const QString& recv = QStringLiteral("2026-11-30"))
{
    KpMessage m;
    m.kind = MessageKind::Confirmation;
    m.id = QUuid::createUuid().toRfc4122();
    m.desk = QStringLiteral("EU-ANR-03");
    m.participant = QStringLiteral("EU");
    m.at = QDateTime(QDate(2026, 11, 30), QTime(9, 15), Qt::UTC);
    m.n = n;
    m.audit = {40 + n, QByteArray(32, char('a' + n))};
    m.body =
        QCborMap{{QStringLiteral("no"), number},
                 {QStringLiteral("iss"), number.left(2)},
                 {QStringLiteral("recv"), recv},
                 {QStringLiteral("np"), 3},
                 {QStringLiteral("cct"), 125050},
                 {QStringLiteral("exp"), QCborMap{{QStringLiteral("n"), QStringLiteral("Debswana")},
                                                  {QStringLiteral("a"), QStringLiteral("Gaborone")}}},
                 {QStringLiteral("imp"), QCborMap{{QStringLiteral("n"), QStringLiteral("Antwerp Rough NV")},
                                                  {QStringLiteral("a"), QStringLiteral("Antwerp")}}},
                 {QStringLiteral("auth"), QStringLiteral("FPS Economy, Antwerp Diamond Office")},
                 {QStringLiteral("officer"), QStringLiteral("olga")}};
    return m;
}

KpMessage doubt(quint64 n)
{
    KpMessage m = confirmation(n);
    m.kind = MessageKind::Doubt;
    const QByteArray image("png bytes");
    m.body = QCborMap{
        {QStringLiteral("case"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("no"), QStringLiteral("BW-2026-000777")},
        {QStringLiteral("kp1"), QCborValue(QCborValue::Null)},
        {QStringLiteral("verdict"), QStringLiteral("doubt")},
        {QStringLiteral("checks"), QCborArray{}},
        {QStringLiteral("physical"), QCborValue(QCborValue::Null)},
        {QStringLiteral("reasons"), QCborArray{QStringLiteral("seal broken")}},
        {QStringLiteral("notes"), QStringLiteral("container 2")},
        {QStringLiteral("decision"), QCborMap{{QStringLiteral("by"), QStringLiteral("sam")},
                                              {QStringLiteral("at"), QStringLiteral("2026-11-30T10:00:00Z")},
                                              {QStringLiteral("outcome"), QStringLiteral("detained")},
                                              {QStringLiteral("reason"), QStringLiteral("seals")}}},
        {QStringLiteral("to"), QCborArray{QStringLiteral("BW"), QStringLiteral("KP-CHAIR")}},
        {QStringLiteral("files"),
         QCborArray{
             QCborMap{{QStringLiteral("name"), QStringLiteral("scan.png")},
                      {QStringLiteral("type"), QStringLiteral("image/png")},
                      {QStringLiteral("sha256"), QCryptographicHash::hash(image, QCryptographicHash::Sha256)},
                      {QStringLiteral("data"), image}}}}};
    return m;
}

QByteArray sign(const KpMessage& m, const Desk& desk)
{
    auto file = KpMessageCodec::sign(m, desk.key, desk.cert);
    return file ? *file : QByteArray();
}

// The file with its payload changed and signed again by `key` (a desk that
// signs what it should not), or left with the old signature.
QByteArray withPayload(const QByteArray& file, const std::function<void(QCborMap&)>& change,
                       const PrivateKey* key)
{
    auto cose = CoseSign1::parse(file, 64 << 20);
    QCborMap payload = parseCbor(cose->payload, {16, 100000, 64 << 20})->toMap();
    change(payload);
    cose->payload = encodeCbor(payload);
    if (key)
        cose->signature = *signData(CoseAlgorithm::ES256, *key, cose->toBeSigned());
    return cose->encode(true);
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(f.write(data), data.size());
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool notRevoked(const Certificate&)
{
    return false;
}

// A trail of `count` entries as `audit export` writes it, and its head after
// each entry (heads[k] after k entries). `changeAt`: that entry says
// something else (a rewritten trail).
QByteArray exportTrail(quint64 count, QList<AuditHead>* heads, quint64 changeAt = 0)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    AuditExportWriter writer(&buffer);
    if (heads)
        *heads = {writer.head()};
    for (quint64 n = 1; n <= count; ++n) {
        AuditEntry e;
        e.n = n;
        e.at = From.addSecs(qint64(n) * 60);
        e.desk = QStringLiteral("EU-ANR-03");
        e.actor = QStringLiteral("olga");
        e.kind = QStringLiteral("verified");
        e.data = QCborMap{{QStringLiteral("no"),
                           n == changeAt ? QStringLiteral("changed") : QStringLiteral("BW-%1").arg(n)}};
        if (!writer.add(e).ok())
            return {};
        if (heads)
            heads->append(writer.head());
    }
    return bytes;
}

using Run = kp::test::CliRun;

Run cli(const QStringList& args)
{
    return kp::test::runCli(args);
}

} // namespace

class TestAuthorityInbox : public QObject
{
    Q_OBJECT

    Authority m_eu = makeAuthority(QStringLiteral("EU"));
    Desk m_desk = makeDesk(m_eu, QStringLiteral("EU"), QStringLiteral("EU-ANR-03"));
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageLedger> m_ledger;
    FixedClock m_clock{QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC)};

    QString intake() const { return m_dir->filePath(QStringLiteral("intake")); }
    QString inIntake(const QString& name) const { return intake() + u'/' + name; }

    Result<InboxRun> take(const MessageInbox::RevokedCheck& revoked = notRevoked)
    {
        MessageInbox inbox(*m_ledger, &m_clock);
        return inbox.take(intake(), {m_eu.ca}, revoked);
    }

    void put(const KpMessage& m, const QByteArray& bytes) { writeFile(inIntake(m.fileName()), bytes); }

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(QDir().mkpath(intake()));
        auto ledger = MessageLedger::open(m_dir->filePath(QStringLiteral("ledger.sqlite")));
        QVERIFY2(ledger.ok(), qPrintable(ledger ? QString() : ledger.error().message));
        m_ledger = std::move(ledger).value();
    }

    void cleanup()
    {
        m_ledger.reset();
        m_dir.reset();
    }

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

    // Issue 19 item 5: a trail count lower than that of a message the desk
    // made before is reported, in whatever order the two arrive.
    void trailGoingBackIsReported()
    {
        KpMessage second = confirmation(2, QStringLiteral("BW-2026-004712"));
        second.audit = {120, QByteArray(32, 'b')};
        KpMessage first = confirmation(1);
        first.audit = {100, QByteArray(32, 'a')};
        KpMessage restored = confirmation(3, QStringLiteral("BW-2026-004713"));
        restored.audit = {90, QByteArray(32, 'c')}; // fewer entries than message 2
        put(second, sign(second, m_desk));
        QVERIFY(take().ok());
        put(first, sign(first, m_desk)); // arrives late, in order for its trail: no report
        auto run = take();
        QVERIFY(run.ok());
        for (const CounterReport& r : run->items.at(0).reports)
            QVERIFY(r.kind != CounterReport::Kind::AuditWentBack);
        put(restored, sign(restored, m_desk));
        run = take();
        QVERIFY(run.ok());
        QCOMPARE(run->count(InboxItem::Outcome::Taken), 1);
        QCOMPARE(run->items.at(0).reports.size(), 1);
        QCOMPARE(run->items.at(0).reports.at(0).kind, CounterReport::Kind::AuditWentBack);
        QCOMPARE(run->items.at(0).reports.at(0).otherMessageId, second.idText());

        // Out of order: message 5 said 300 entries, message 4 arrives saying 310.
        KpMessage five = confirmation(5, QStringLiteral("BW-2026-004715"));
        five.audit = {300, QByteArray(32, 'e')};
        KpMessage four = confirmation(4, QStringLiteral("BW-2026-004714"));
        four.audit = {310, QByteArray(32, 'd')};
        put(five, sign(five, m_desk));
        QVERIFY(take().ok());
        put(four, sign(four, m_desk));
        run = take();
        QCOMPARE(run->items.at(0).reports.size(), 1);
        QCOMPARE(run->items.at(0).reports.at(0).kind, CounterReport::Kind::AuditWentBack);
        QCOMPARE(run->items.at(0).reports.at(0).otherMessageId, five.idText());
        const auto stored = m_ledger->counterReports();
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 4); // a gap before 2 and one before 5, and the two
        QCOMPARE(counterReportKindName(stored->at(1).kind), QStringLiteral("audit-went-back"));
        QCOMPARE(counterReportKindName(stored->at(3).kind), QStringLiteral("audit-went-back"));
    }

    // Issue 19 item 5: an exported trail against every head received.
    void trailIsCheckedAgainstEveryHead()
    {
        QList<AuditHead> heads;
        QByteArray trail = exportTrail(6, &heads);
        QVERIFY(!trail.isEmpty());
        QList<AuditPair> pairs;
        const QList<quint64> counts{0, 2, 4, 4, 6};
        for (const quint64 count : counts)
            pairs.append({QStringLiteral("EU-ANR-03"), count + 1, heads.at(qsizetype(count)),
                          QStringLiteral("m%1").arg(count)});
        QBuffer good(&trail);
        QVERIFY(good.open(QIODevice::ReadOnly));
        auto report = DeskTrailCheck::check(&good, pairs);
        QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->checked, qsizetype(5));
        QVERIFY(report->mismatches.isEmpty());
        QCOMPARE(report->trail, heads.at(6));

        // Rewritten from entry 3, and cut after entry 5: every head after
        // the change is reported, not only the first.
        QByteArray rewritten = exportTrail(5, nullptr, 3);
        QBuffer bad(&rewritten);
        QVERIFY(bad.open(QIODevice::ReadOnly));
        report = DeskTrailCheck::check(&bad, pairs);
        QVERIFY(report.ok());
        QCOMPARE(report->checked, qsizetype(5));
        QCOMPARE(report->mismatches.size(), qsizetype(3));
        QCOMPARE(report->mismatches.at(0).kind, TrailMismatch::Kind::Different);
        QCOMPARE(report->mismatches.at(0).pair.audit.count, quint64(4));
        QCOMPARE(report->mismatches.at(1).kind, TrailMismatch::Kind::Different);
        QCOMPARE(report->mismatches.at(2).kind, TrailMismatch::Kind::Missing);
        QCOMPARE(report->mismatches.at(2).pair.audit.count, quint64(6));
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

    // Issue 19 item 5, at the command line.
    void cliAuditCheck()
    {
        QList<AuditHead> heads;
        const QByteArray trail = exportTrail(8, &heads);
        KpMessage one = confirmation(1);
        one.audit = heads.at(3);
        KpMessage two = confirmation(2, QStringLiteral("BW-2026-004712"));
        two.audit = heads.at(7);
        put(one, sign(one, m_desk));
        put(two, sign(two, m_desk));
        QCOMPARE(take()->count(InboxItem::Outcome::Taken), 2);
        const QString ledger = m_ledger->path();
        const auto check = [&](const QByteArray& bytes, const QStringList& more = {}) {
            const QString path = m_dir->filePath(QStringLiteral("trail.cbor"));
            QFile::remove(path);
            writeFile(path, bytes);
            return cli(QStringList{QStringLiteral("authority"), QStringLiteral("audit-check"),
                                   QStringLiteral("--ledger"), ledger, QStringLiteral("--desk"),
                                   QStringLiteral("EU-ANR-03")} +
                       more + QStringList{path});
        };
        Run r = check(trail);
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY2(r.out.contains("holds every one of the 2"), r.out.constData());

        // Restored from a backup of 5 entries: the head of message 2 is missing.
        r = check(exportTrail(5, nullptr), {QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(), false);
        const QJsonArray mismatches = r.json().value(QStringLiteral("mismatches")).toArray();
        QCOMPARE(mismatches.size(), 1);
        QCOMPARE(mismatches.at(0)[QStringLiteral("kind")].toString(), QStringLiteral("missing"));
        QCOMPARE(mismatches.at(0)[QStringLiteral("entry")].toInt(), 7);
        QCOMPARE(mismatches.at(0)[QStringLiteral("id")].toString(), two.idText());

        // Rewritten at entry 2: both heads differ, both are named.
        r = check(exportTrail(8, nullptr, 2));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("MISMATCH at entry 3") && r.out.contains("MISMATCH at entry 7"),
                 r.out.constData());

        // A trail whose own chain does not hold, a desk never heard of, no ledger.
        r = check(trail.chopped(2));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("does not hold"), r.out.constData());
        QCOMPARE(cli({QStringLiteral("authority"), QStringLiteral("audit-check"), QStringLiteral("--ledger"),
                      ledger, QStringLiteral("--desk"), QStringLiteral("EU-ANR-09"),
                      m_dir->filePath(QStringLiteral("trail.cbor"))})
                     .exitCode,
                 1);
        QCOMPARE(cli({QStringLiteral("authority"), QStringLiteral("audit-check"), QStringLiteral("--ledger"),
                      m_dir->filePath(QStringLiteral("none.sqlite")), QStringLiteral("--desk"),
                      QStringLiteral("EU-ANR-03"), m_dir->filePath(QStringLiteral("trail.cbor"))})
                     .exitCode,
                 4);
    }

    void explicitRevocationsWin()
    {
        const QList<RevocationEntry> used{{QStringLiteral("BW-2026-000001"),
                                           QStringLiteral("used"),
                                           QStringLiteral("2026-11-30"),
                                           QStringLiteral("EU"),
                                           {}},
                                          {QStringLiteral("BW-2026-000002"),
                                           QStringLiteral("used"),
                                           QStringLiteral("2026-11-30"),
                                           QStringLiteral("EU"),
                                           {}}};
        const QList<RevocationEntry> explicitOnes{{QStringLiteral("BW-2026-000002"),
                                                   QStringLiteral("stolen"),
                                                   QStringLiteral("2026-11-01"),
                                                   QStringLiteral("BW"),
                                                   {}}};
        const auto merged = UsedRevocations::merge(used, explicitOnes);
        QCOMPARE(merged.size(), 2);
        QCOMPARE(merged.at(0).status, QStringLiteral("used"));
        QCOMPARE(merged.at(1).status, QStringLiteral("stolen"));
    }

    // End to end: the authority takes a desk's confirmation, publishes a bundle
    // with --ledger, and another desk sees the certificate as already imported.
    void cliInboxBundleAndDesk()
    {
        QVERIFY2(QFile::exists(test::cliPath()), qPrintable(test::cliPath()));
        const QString pkiDir = m_dir->filePath(QStringLiteral("pki"));
        Run r = cli({QStringLiteral("authority"), QStringLiteral("pki"), QStringLiteral("--out"), pkiDir,
                     QStringLiteral("--home"), QStringLiteral("EU"), QStringLiteral("--issuer"),
                     QStringLiteral("BW"), QStringLiteral("--issuer"), QStringLiteral("EU")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QDate today = QDate::currentDate();
        const QJsonObject record{
            {QStringLiteral("v"), 1},
            {QStringLiteral("no"), QStringLiteral("BW-2026-000001")},
            {QStringLiteral("iss"), QStringLiteral("BW")},
            {QStringLiteral("auth"), QStringLiteral("Government Diamond Valuator, Gaborone")},
            {QStringLiteral("di"), today.addDays(-1).toString(Qt::ISODate)},
            {QStringLiteral("de"), today.addDays(59).toString(Qt::ISODate)},
            {QStringLiteral("org"), QJsonArray{QStringLiteral("BW")}},
            {QStringLiteral("exp"),
             QJsonObject{{QStringLiteral("n"), QStringLiteral("Okavango Rough Exports")},
                         {QStringLiteral("a"), QStringLiteral("Plot 64, Gaborone")}}},
            {QStringLiteral("imp"), QJsonObject{{QStringLiteral("n"), QStringLiteral("Schelde Rough NV")},
                                                {QStringLiteral("a"), QStringLiteral("Antwerpen")}}},
            {QStringLiteral("dst"), QStringLiteral("EU")},
            {QStringLiteral("lots"), QJsonArray{QJsonObject{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                                            {QStringLiteral("cct"), 152035},
                                                            {QStringLiteral("usd"), 41200000}}}},
            {QStringLiteral("np"), 3},
            {QStringLiteral("seals"), QJsonArray{QStringLiteral("GDV-88231")}}};
        writeFile(m_dir->filePath(QStringLiteral("good.json")), QJsonDocument(record).toJson());
        r = cli({QStringLiteral("authority"), QStringLiteral("issue"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--in"), m_dir->filePath(QStringLiteral("good.json")),
                 QStringLiteral("--out"), m_dir->filePath(QStringLiteral("good.cose"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // A desk of EU, enrolled with EU's authority CA, confirms the import.
        const auto pki = AuthorityPki::load(pkiDir);
        QVERIFY(pki.ok());
        const IssuerKeys* eu = pki->issuer(QStringLiteral("EU"));
        QVERIFY(eu);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Desk desk;
        desk.key = *PrivateKey::generate(KeyType::EcP256);
        {
            auto registry = DeskRegistry::open(pkiDir);
            QVERIFY(registry.ok());
            const auto pem = registry->enrol(
                *CertificateRequest::makePem(desk.key, QStringLiteral("EU"), QStringLiteral("EU-ANR-03")),
                730);
            QVERIFY2(pem.ok(), qPrintable(pem ? QString() : pem.error().message));
            desk.cert = *Certificate::fromPem(*pem);
        }
        KpMessage c = confirmation(1, QStringLiteral("BW-2026-000001"), today.toString(Qt::ISODate));
        c.at = now.addSecs(-60);
        KpMessage d = doubt(2);
        d.at = now.addSecs(-30);
        const QString inbox = m_dir->filePath(QStringLiteral("cli-intake"));
        QVERIFY(QDir().mkpath(inbox));
        writeFile(inbox + u'/' + c.fileName(), sign(c, desk));
        writeFile(inbox + u'/' + d.fileName(), sign(d, desk));
        const QString ledger = m_dir->filePath(QStringLiteral("cli-ledger.sqlite"));
        const QString caPem = pkiDir + QStringLiteral("/issuers/EU/ca-cert.pem");
        // The PKI folder gives the list of desks and the CA.
        r = cli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--ledger"), ledger, QStringLiteral("--json"), inbox});
        QVERIFY2(r.exitCode == 0, QByteArray(r.err + r.out).constData());
        QCOMPARE(r.json().value(QStringLiteral("taken")).toInt(), 2);
        QCOMPARE(
            r.json().value(QStringLiteral("files")).toArray().at(0)[QStringLiteral("outcome")].toString(),
            QStringLiteral("taken"));

        // Issue 19 item 7: the desk is revoked; the form without --pki takes
        // nothing (it cannot know), with it the message is refused.
        r = cli({QStringLiteral("authority"), QStringLiteral("revoke-desk"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--desk"), QStringLiteral("EU-ANR-03")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        KpMessage late = confirmation(3, QStringLiteral("BW-2026-000003"), today.toString(Qt::ISODate));
        late.at = now;
        writeFile(inbox + u'/' + late.fileName(), sign(late, desk));
        writeFile(inbox + QStringLiteral("/zz.kpmsg"), "garbage");
        r = cli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--ca"), caPem,
                 QStringLiteral("--ledger"), ledger, inbox});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("--pki"), r.err.constData());
        QVERIFY(QFile::exists(inbox + u'/' + late.fileName()));
        r = cli({QStringLiteral("authority"), QStringLiteral("inbox"), QStringLiteral("--ca"), caPem,
                 QStringLiteral("--pki"), pkiDir, QStringLiteral("--ledger"), ledger, inbox});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("revoked"), r.out.constData());
        QVERIFY(r.out.contains("0 messages taken") || r.out.contains("0 message(s) taken"));
        QVERIFY(
            QFile::exists(inbox + QStringLiteral("/refused/") + late.fileName() + QStringLiteral(".reason")));
        QVERIFY(QFile::exists(inbox + QStringLiteral("/refused/zz.kpmsg.reason")));

        r = cli({QStringLiteral("authority"), QStringLiteral("cases"), QStringLiteral("--ledger"), ledger,
                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray cases = r.json().value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases.at(0)[QStringLiteral("id")].toString(), d.idText());
        QCOMPARE(cases.at(0)[QStringLiteral("decision")].toString(), QStringLiteral("detained"));
        QCOMPARE(cases.at(0)[QStringLiteral("files")].toArray().at(0)[QStringLiteral("name")].toString(),
                 QStringLiteral("scan.png"));

        // The next bundle marks the number used; a desk that syncs it sees a
        // possible re-use (the `duplicate` check), not a revocation.
        const QString bundle = m_dir->filePath(QStringLiteral("full-1.kpsync"));
        r = cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pkiDir,
                 QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--participants"),
                 QStringLiteral("demo"), QStringLiteral("--keys"), QStringLiteral("--cert"),
                 m_dir->filePath(QStringLiteral("good.cose")), QStringLiteral("--ledger"), ledger,
                 QStringLiteral("--out"), bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(cli({QStringLiteral("authority"), QStringLiteral("bundle"), QStringLiteral("--pki"), pkiDir,
                      QStringLiteral("--seq"), QStringLiteral("1"), QStringLiteral("--ledger"),
                      m_dir->filePath(QStringLiteral("no-such-ledger.sqlite")), QStringLiteral("--out"),
                      m_dir->filePath(QStringLiteral("x.kpsync"))})
                     .exitCode,
                 4);
        const QString db = m_dir->filePath(QStringLiteral("desk.sqlite"));
        r = cli({QStringLiteral("init"), QStringLiteral("--db"), db, QStringLiteral("--participant"),
                 QStringLiteral("EU"), QStringLiteral("--bundle-key"),
                 pkiDir + QStringLiteral("/bundle-cert.pem")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("sync"), QStringLiteral("--db"), db, bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                 QStringLiteral("--text"), QStringLiteral("BW-2026-000001")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("doubt"));
        QJsonObject duplicate;
        QJsonObject revocation;
        for (const QJsonValue& v : r.json().value(QStringLiteral("checks")).toArray()) {
            if (v[QStringLiteral("check")].toString() == QLatin1String("duplicate"))
                duplicate = v.toObject();
            if (v[QStringLiteral("check")].toString() == QLatin1String("revocation"))
                revocation = v.toObject();
        }
        QCOMPARE(duplicate.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
        const QString detail = duplicate.value(QStringLiteral("detail")).toString();
        QVERIFY2(detail.contains(QStringLiteral("already imported elsewhere")) &&
                     detail.contains(QStringLiteral("EU")) && detail.contains(today.toString(Qt::ISODate)),
                 qPrintable(detail));
        QCOMPARE(revocation.value(QStringLiteral("status")).toString(), QStringLiteral("pass"));
    }
};

QTEST_GUILESS_MAIN(TestAuthorityInbox)
#include "test_authority_inbox.moc"
