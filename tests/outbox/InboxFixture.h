#pragma once

// The authority's inbox tests (test_authority_inbox, test_authority_ledger):
// an EU authority, its desk EU-ANR-03, kpmsg files signed by it, an intake
// folder and a ledger made fresh for each test function.

#include "CliRun.h"
#include "TestSupport.h"
#include "audit/AuditExport.h"
#include "authority/AuthorityPki.h"
#include "authority/MessageInbox.h"
#include "authority/MessageLedger.h"
#include "crypto/CertificateRequest.h"
#include "crypto/Signature.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "outbox/KpMessage.h"
#include "util/Clock.h"

#include <QBuffer>
#include <QCborArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace kp::test::inbox {

inline const QDateTime From(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

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

inline Authority makeAuthority(const QString& country)
{
    Authority a;
    a.caKey = *PrivateKey::generate(KeyType::EcP256);
    a.ca = *CertificateFactory::makeAuthorityCa(
        a.caKey, {country, QStringLiteral("KP Authority ") + country, {}, From, From.addYears(10), 1});
    return a;
}

inline Desk makeDesk(const Authority& a, const QString& country, const QString& deskId,
                     const QDateTime& from = From, const QDateTime& to = From.addYears(2))
{
    static qint64 serial = 100;
    Desk d;
    d.key = *PrivateKey::generate(KeyType::EcP256);
    d.cert = *CertificateFactory::makeDocumentSigner(a.ca, a.caKey, d.key.publicKey(),
                                                     {country, deskId, {}, from, to, ++serial});
    return d;
}

inline KpMessage confirmation(quint64 n, const QString& number = QStringLiteral("BW-2026-004711"),
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

inline KpMessage doubt(quint64 n)
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

inline QByteArray sign(const KpMessage& m, const Desk& desk)
{
    auto file = KpMessageCodec::sign(m, desk.key, desk.cert);
    return file ? *file : QByteArray();
}

// The file with its payload changed and signed again by `key` (a desk that
// signs what it should not), or left with the old signature.
inline QByteArray withPayload(const QByteArray& file, const std::function<void(QCborMap&)>& change,
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

inline void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(f.write(data), data.size());
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool notRevoked(const Certificate&)
{
    return false;
}

// A trail of `count` entries as `audit export` writes it, and its head after
// each entry (heads[k] after k entries). `changeAt`: that entry says
// something else (a rewritten trail).
inline QByteArray exportTrail(quint64 count, QList<AuditHead>* heads, quint64 changeAt = 0)
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

inline Run cli(const QStringList& args)
{
    return kp::test::runCli(args);
}

class InboxFixture : public QObject
{
protected:
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

    // init(): a fresh intake folder and ledger for each test function.
    void setUp()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(QDir().mkpath(intake()));
        auto ledger = MessageLedger::open(m_dir->filePath(QStringLiteral("ledger.sqlite")));
        QVERIFY2(ledger.ok(), qPrintable(ledger ? QString() : ledger.error().message));
        m_ledger = std::move(ledger).value();
    }

    void tearDown()
    {
        m_ledger.reset();
        m_dir.reset();
    }
};

} // namespace kp::test::inbox
