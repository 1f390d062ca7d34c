// The desk cache: lookups of the authority data that bundles bring.

#include "cache/CacheDatabase.h"

#include "cache/CacheDatabase_p.h"

#include <QCborValue>

namespace kp {

Result<std::optional<QByteArray>> CacheDatabase::certificateRecord(const QString& number) const
{
    std::optional<QByteArray> out;
    if (auto s = d->read(QStringLiteral("SELECT cose FROM certs WHERE no = ?"), {number},
                         [&](const QSqlQuery& q) { out = q.value(0).toByteArray(); });
        !s)
        return s.error();
    return out;
}

Result<QList<SignerEntry>> CacheDatabase::signersByKid(const QByteArray& kid) const
{
    QList<SignerEntry> out;
    if (auto s = d->read(
            QStringLiteral("SELECT der, revoked, why FROM signers WHERE kid = ? ORDER BY sha256"), {kid},
            [&](const QSqlQuery& q) {
                out.append({q.value(0).toByteArray(), parseDate(q.value(1)), q.value(2).toString()});
            });
        !s)
        return s.error();
    return out;
}

Result<QList<AuthorityCaEntry>> CacheDatabase::authorityCas(const QString& country) const
{
    QList<AuthorityCaEntry> out;
    if (auto s = d->read(QStringLiteral("SELECT der, revoked FROM cas WHERE subject_c = ? ORDER BY sha256"),
                         {country},
                         [&](const QSqlQuery& q) {
                             out.append({q.value(0).toByteArray(), parseDate(q.value(1))});
                         });
        !s)
        return s.error();
    return out;
}

Result<std::optional<RevocationEntry>> CacheDatabase::revocation(const QString& number) const
{
    std::optional<RevocationEntry> out;
    if (auto s = d->read(QStringLiteral("SELECT st, at, by, note FROM revoked WHERE no = ?"), {number},
                         [&](const QSqlQuery& q) {
                             out = RevocationEntry{number, q.value(0).toString(), q.value(1).toString(),
                                                   q.value(2).toString(), q.value(3).toString()};
                         });
        !s)
        return s.error();
    return out;
}

Result<std::optional<DeskCertificateEntry>> CacheDatabase::deskCertificate(const QByteArray& sha256) const
{
    std::optional<DeskCertificateEntry> out;
    if (auto s = d->read(QStringLiteral("SELECT desk, revoked FROM desks WHERE sha256 = ?"), {sha256},
                         [&](const QSqlQuery& q) {
                             out = DeskCertificateEntry{sha256, q.value(0).toString(), parseDate(q.value(1))};
                         });
        !s)
        return s.error();
    return out;
}

Result<QList<ParticipantPeriod>> CacheDatabase::participantPeriods(const QString& code) const
{
    QList<ParticipantPeriod> out;
    if (auto s = d->read(
            QStringLiteral(
                "SELECT name, st, from_date, to_date, note FROM participants WHERE c = ? ORDER BY from_date"),
            {code},
            [&](const QSqlQuery& q) {
                out.append({code, q.value(0).toString(), q.value(1).toString(), parseDate(q.value(2)),
                            parseDate(q.value(3)), q.value(4).toString()});
            });
        !s)
        return s.error();
    return out;
}

Result<bool> CacheDatabase::hasParticipantData() const
{
    bool any = false;
    if (auto s = d->read(QStringLiteral("SELECT 1 FROM participants LIMIT 1"), {},
                         [&](const QSqlQuery&) { any = true; });
        !s)
        return s.error();
    // "No participant data yet" is only true of a desk never synced.
    if (!any) {
        if (auto synced = d->checkSyncedData(); !synced)
            return synced.error();
    }
    return any;
}

Result<std::optional<QCborValue>> CacheDatabase::rule(const QString& key) const
{
    std::optional<QCborValue> out;
    if (auto s = d->read(QStringLiteral("SELECT val FROM rules WHERE key = ?"), {key},
                         [&](const QSqlQuery& q) { out = QCborValue::fromCbor(q.value(0).toByteArray()); });
        !s)
        return s.error();
    return out;
}

Result<QList<ContactEntry>> CacheDatabase::contacts(const QString& participant) const
{
    QList<ContactEntry> out;
    const auto row = [&](const QSqlQuery& q) {
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    };
    const Status s =
        participant.isEmpty()
            ? d->read(
                  QStringLiteral("SELECT c, role, name, email, phone, addr FROM contacts ORDER BY c, role"),
                  {}, row)
            : d->read(QStringLiteral("SELECT c, role, name, email, phone, addr FROM contacts WHERE c = ? "
                                     "ORDER BY role"),
                      {participant}, row);
    if (!s)
        return s.error();
    return out;
}

Result<CacheCounts> CacheDatabase::counts() const
{
    CacheCounts c;
    for (const auto& [table, n] : c.tables()) {
        // Table names come from CacheCounts, never from outside.
        if (auto s = d->read(QStringLiteral("SELECT COUNT(*) FROM ") + table, {},
                             [n = n](const QSqlQuery& q) { *n = q.value(0).toLongLong(); });
            !s)
            return s.error();
    }
    return c;
}

} // namespace kp
