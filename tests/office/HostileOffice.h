#pragma once

// The office that test_office_trust attacks: a fresh office database per
// test function with three enrolled desks (B and C honest, A hostile), a
// login role for A with exactly the grants of packaging/office.md, and rows
// written straight into the office by that role or by the superuser.

#include "OfficeFixture.h"

#include "office/EventBatch.h"
#include "office/EventSignature.h"
#include "office/OfficeDatabase.h"
#include "office/Replicator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace kp::test {

// This desk's own cases, oldest first.
inline QStringList ownCases(Desk& d)
{
    QStringList ids;
    QSqlQuery q(d.db->connection());
    if (q.exec(QStringLiteral("SELECT id FROM cases WHERE desk_name IS NULL ORDER BY rowid")))
        while (q.next())
            ids << q.value(0).toString();
    return ids;
}

inline QString firstCase(Desk& d)
{
    QSqlQuery q(d.db->connection());
    return q.exec(QStringLiteral("SELECT id FROM cases WHERE desk_name IS NULL ORDER BY rowid")) && q.next()
               ? q.value(0).toString()
               : QString();
}

inline QStringList setAsideCodes(Desk& d)
{
    QStringList codes;
    QSqlQuery q(d.db->connection());
    if (q.exec(QStringLiteral("SELECT code FROM office_set_aside ORDER BY n")))
        while (q.next())
            codes << q.value(0).toString();
    return codes;
}

inline qint64 trailEntries(Desk& d, const QString& kind)
{
    auto check = d.door->verifyTrail();
    if (!check || check->failure)
        return -1;
    QSqlQuery q(d.db->connection());
    qint64 n = 0;
    if (q.exec(QStringLiteral("SELECT entry FROM audit")))
        while (q.next())
            n += q.value(0).toByteArray().contains(kind.toUtf8());
    return n;
}

class HostileOfficeFixture : public OfficeFixture
{
protected:
    std::unique_ptr<Desk> m_a, m_b, m_c;

    // A fresh office, its schema made by its owner, and a login role for the
    // hostile desk A with exactly the grants of packaging/office.md.
    bool freshOffice()
    {
        if (freshDatabase(QStringLiteral("trust")).isEmpty())
            return false;
        if (!connect())
            return false;
        const QString role = QStringLiteral("desk_a%1").arg(m_databases);
        return m_pg->exec({QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'a-pw'").arg(role)}) &&
               m_pg->exec({QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(m_db, role),
                           QStringLiteral("GRANT USAGE ON SCHEMA public TO %1").arg(role),
                           QStringLiteral("GRANT SELECT ON office_meta TO %1").arg(role),
                           QStringLiteral("GRANT SELECT, INSERT ON desks, cases, case_events, "
                                          "event_attachments, event_batches, audit, "
                                          "inspections TO %1")
                               .arg(role),
                           QStringLiteral("GRANT UPDATE (name, last_push) ON desks TO %1").arg(role),
                           QStringLiteral("GRANT UPDATE (physical_json, final_verdict) ON inspections TO %1")
                               .arg(role),
                           QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1").arg(role)},
                          m_db);
    }

    QString hostileUrl() const
    {
        return QStringLiteral("postgresql://desk_a%1:a-pw@127.0.0.1:%2/%3")
            .arg(m_databases)
            .arg(m_pg->port())
            .arg(m_db);
    }

    // Rows written straight into the office, by A's login role or by the superuser.
    bool insertEvent(OfficeDatabase& office, const SignedEventFields& f, const QByteArray& signer = {},
                     const QByteArray& sig = {}, const QString& batch = {})
    {
        QSqlQuery q(office.connection());
        if (!q.prepare(QStringLiteral(
                "INSERT INTO case_events(id, case_id, desk_id, seq, at, actor, actor_id, kind, data, role, "
                "signer, sig, batch) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
            return false;
        for (const QVariant& v :
             {QVariant(f.id), QVariant(f.caseId), QVariant(f.deskId), QVariant(f.seq), QVariant(f.at),
              QVariant(f.actor),
              f.actorId.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(f.actorId),
              QVariant(f.kind), QVariant(f.data), QVariant(f.role),
              signer.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(signer),
              sig.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(sig),
              batch.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(batch)})
            q.addBindValue(v);
        if (!q.exec())
            qWarning() << q.lastError().text();
        return !q.lastError().isValid();
    }

    // A batch row written straight into the office.
    static bool insertBatch(OfficeDatabase& office, const EventBatch& batch, const QByteArray& signer,
                            const QByteArray& sig)
    {
        return rowsChanged(office,
                           QStringLiteral("INSERT INTO event_batches(id, desk_id, signer, sig, events) "
                                          "VALUES(?, ?, ?, ?, ?)"),
                           {batch.id, batch.deskId, signer, sig, batch.packedHashes}) == 1;
    }

    // A case row written straight into the office.
    static bool insertCase(OfficeDatabase& office, const QString& id, const QString& deskId,
                           const QString& number)
    {
        return rowsChanged(office,
                           QStringLiteral("INSERT INTO cases(id, desk_id, inspection_id, opened_at, number, "
                                          "participant) VALUES(?, ?, ?, ?, ?, 'BW')"),
                           {id, deskId, newId(), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                            number}) == 1;
    }

    // Rows a statement changed, -1 when it was refused.
    static int rowsChanged(OfficeDatabase& office, const QString& sql, const QVariantList& values)
    {
        QSqlQuery q(office.connection());
        if (!q.prepare(sql))
            return -1;
        for (const QVariant& v : values)
            q.addBindValue(v);
        return q.exec() ? q.numRowsAffected() : -1;
    }

    static SignedEventFields event(const QString& caseId, const QString& deskId, const QString& kind,
                                   const QString& actor, const QString& role, const QString& data)
    {
        return {newId(), caseId,    deskId, 7,    QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                actor,   QString(), role,   kind, data,
                {}};
    }

    static QString released(const QString& basis = QStringLiteral("independent"))
    {
        return QStringLiteral("{\"four_eyes\":\"%1\",\"outcome\":\"released\",\"reason\":\"fine\"}")
            .arg(basis);
    }

    Result<ReplicationCount> sync(Desk& d, const QString& url = {})
    {
        auto office = connect(url);
        if (!office)
            return makeError(QStringLiteral("test"), QStringLiteral("no office"));
        Replicator r(*d.db, *office);
        r.setSigner(signerOf(*d.db));
        return r.sync();
    }
};

} // namespace kp::test
