#pragma once

// Desks for the office's tests: a desk file with its door, and cases written
// as the door writes them, many in one transaction.

#include "cache/CacheDatabase.h"
#include "cache/CacheWriter.h"
#include "crypto/CertificateRequest.h"
#include "office/EventSignature.h"
#include "outbox/DeskIdentity.h"
#include "records/DeskRecords.h"
#include "records/FlaggedEvent.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QUuid>

#include <memory>

namespace kp::test {

inline const QString Password = QStringLiteral("correct horse battery");

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The tests' home authority (EU): one authority CA that enrols every desk.
struct TestAuthority
{
    PrivateKey key;
    Certificate ca;

    static const TestAuthority& instance()
    {
        static const TestAuthority authority = [] {
            TestAuthority a;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            auto caKey = PrivateKey::generate(KeyType::EcP256);
            auto caCert = caKey ? CertificateFactory::makeAuthorityCa(
                                      *caKey, {QStringLiteral("EU"), QStringLiteral("EU test authority CA"),
                                               QStringLiteral("Test"), now.addDays(-30), now.addDays(365), 1})
                                : Result<Certificate>(caKey.error());
            if (caCert) {
                a.key = *caKey;
                a.ca = *caCert;
            }
            return a;
        }();
        return authority;
    }
};

// Enrols a desk of the EU with `authority` as `deskId` (its CA in the desk's
// cache, its key file, its desk certificate), as `kpdesk-cli enrol` does
// (`--force`: a desk already enrolled elsewhere, such as the demo desk).
inline bool enrolDesk(CacheDatabase& db, const QString& deskId,
                      const TestAuthority& authority = TestAuthority::instance(), bool force = false)
{
    static qint64 serial = 100;
    if (!db.setParticipant(QStringLiteral("EU")))
        return false;
    auto writer = CacheWriter::begin(db);
    if (!writer || !(*writer)->upsertAuthorityCa(authority.ca.der(), QStringLiteral("EU"), {}) ||
        !(*writer)->commit())
        return false;
    auto csr = DeskEnrolment::request(db, deskId, force);
    auto request = csr ? CertificateRequest::fromPem(*csr) : Result<CertificateRequest>(csr.error());
    if (!request)
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto cert = CertificateFactory::makeDeskCertificate(
        authority.ca, authority.key, request->publicKey(),
        {QStringLiteral("EU"), deskId, QStringLiteral("Test"), now.addDays(-3), now.addDays(30), ++serial});
    return cert && DeskEnrolment::install(db, cert->toPem()).ok();
}

// The desk's signer for the office, as the window and the command line take it.
inline std::optional<OfficeSigner> signerOf(CacheDatabase& db)
{
    auto identity = DeskIdentity::load(db);
    if (!identity)
        return std::nullopt;
    return OfficeSigner{identity->deskId, identity->key, identity->certificate};
}

inline Result<std::optional<OfficeSigner>> signerSource(CacheDatabase& db)
{
    return signerOf(db);
}

// A desk: its file, store, door and accounts (olga officer, sam supervisor).
struct Desk
{
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<SqliteRecordsStore> store;
    FixedClock clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<DeskRecords> door;
    QString path;

    QString id() { return door->settings()->deskId; }
};

// Enrolled with the tests' authority unless `enrolled` is false; its desk id
// EU-OFF-<the name's letters and digits>.
inline std::unique_ptr<Desk> makeDesk(const QString& path, const QString& name, qint64 clockOffsetSecs = 0,
                                      bool enrolled = true)
{
    auto d = std::make_unique<Desk>();
    d->path = path;
    auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::CreateIfMissing);
    if (!db)
        return nullptr;
    d->db = std::move(*db);
    d->store = std::make_unique<SqliteRecordsStore>(*d->db);
    d->clock.set(QDateTime::currentDateTimeUtc().addSecs(clockOffsetSecs));
    d->door = std::make_unique<DeskRecords>(*d->store, d->clock);
    const Session cli = Session::forCommandLine(QStringLiteral("root"));
    auto s = d->door->settings();
    if (!s)
        return nullptr;
    DeskSettings settings = *s;
    settings.deskName = name;
    if (!d->door->changeSettings(cli, settings))
        return nullptr;
    QString deskId = QStringLiteral("EU-OFF-");
    for (const QChar c : name.toUpper())
        if ((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9'))
            deskId += c;
    if (enrolled && !enrolDesk(*d->db, deskId))
        return nullptr;
    return d;
}

// n cases written as the door writes them (inspection, case, `flagged` with
// its case row and inspection bound, index), in one transaction, flagged by
// `flagger` (an account of the desk with `role`: the office's checks need it).
inline bool writeCases(Desk& desk, int n, const QString& flagger = QStringLiteral("olga"),
                       Role role = Role::Officer)
{
    const QString deskId = desk.id();
    const QString deskName = desk.door->settings()->deskName;
    QString olgaId;
    {
        // A failed read is a failed fixture, never "no such account".
        QSqlQuery q(desk.db->connection());
        if (!q.prepare(QStringLiteral("SELECT id FROM accounts WHERE name = ?")))
            return false;
        q.addBindValue(flagger);
        if (!q.exec())
            return false;
        if (q.next())
            olgaId = q.value(0).toString();
    }
    if (olgaId.isEmpty()) {
        auto olga =
            desk.door->addAccount(Session::forCommandLine(QStringLiteral("root")), flagger, role, Password);
        if (!olga)
            return false;
        olgaId = olga->id;
    }
    if (!desk.store->begin())
        return false;
    for (int i = 0; i < n; ++i) {
        InspectionRecord r;
        r.id = newId();
        r.at = desk.clock.nowUtc();
        r.officer = flagger;
        r.number = QStringLiteral("BW-2026-%1").arg(i, 6, 10, QLatin1Char('0'));
        r.participant = QStringLiteral("BW");
        r.verdict = r.finalVerdict = Verdict::Doubt;
        CaseRecord c{newId(), r.id, r.at, deskId, QString()};
        CaseEvent e;
        e.id = newId();
        e.caseId = c.id;
        e.seq = 1;
        e.at = r.at;
        e.actor = flagger;
        e.actorId = olgaId;
        e.kind = CaseEventKind::Flagged;
        e.data = FlaggedEvent::withInspection(
            FlaggedEvent::withCaseRow({{QStringLiteral("reasons"), QJsonArray{QStringLiteral("seal broken")}},
                                       {QStringLiteral("held"), true}},
                                      {r.id, r.number, r.participant, deskName}),
            r);
        auto facts = CaseLife::replay({e});
        if (!desk.store->insertInspection(r) || !desk.store->insertCase(c) || !desk.store->appendEvent(e) ||
            !facts || !desk.store->indexCase({c, *facts, r.number, r.participant, 1})) {
            desk.store->rollback();
            return false;
        }
    }
    return desk.store->commit().ok();
}

inline qint64 localCount(Desk& desk, const QString& sql)
{
    QSqlQuery q(desk.db->connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace kp::test
