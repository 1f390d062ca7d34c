// The records store: the outbox's messages and how far each has gone.

#include "records/SqliteRecordsStore.h"
#include "records/SqliteRecordsStore_p.h"

#include "cache/CacheDatabase.h"

#include <QSqlError>

namespace kp {

using namespace sqlstore;

namespace {

const QString OutboxColumns = QStringLiteral(
    "id, n, kind, file_name, case_id, inspection_id, number, made_at, handed_over_at, handed_over_to, "
    "delivered_at, delivered_to, attempts, last_attempt_at, last_error, pdf IS NOT NULL");

OutboxMessage outboxMessage(const QSqlQuery& q, bool withBytes)
{
    OutboxMessage m;
    m.id = q.value(0).toString();
    m.n = q.value(1).toULongLong();
    m.kind = q.value(2).toString();
    m.fileName = q.value(3).toString();
    m.caseId = q.value(4).toString();
    m.inspectionId = q.value(5).toString();
    m.number = q.value(6).toString();
    m.madeAt = parseIsoTime(q.value(7).toString());
    m.handedOverAt = parseIsoTime(q.value(8).toString());
    m.handedOverTo = q.value(9).toString();
    m.deliveredAt = parseIsoTime(q.value(10).toString());
    m.deliveredTo = q.value(11).toString();
    m.attempts = q.value(12).toInt();
    m.lastAttemptAt = parseIsoTime(q.value(13).toString());
    m.lastError = q.value(14).toString();
    m.hasPdf = q.value(15).toBool();
    if (withBytes) {
        m.bytes = q.value(16).toByteArray();
        m.pdf = q.value(17).toByteArray();
    }
    return m;
}

} // namespace

Result<quint64> SqliteRecordsStore::lastMessageNumber()
{
    quint64 n = 0;
    const Status st = read(m_db, QStringLiteral("SELECT max(n) FROM outbox"), {}, [&](const QSqlQuery& q) {
        n = q.value(0).toULongLong();
        return false;
    });
    if (!st)
        return st.error();
    return n;
}

Status SqliteRecordsStore::insertMessage(const OutboxMessage& m)
{
    const auto textOrNull = [](const QString& t) {
        return t.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(t);
    };
    return write(
        m_db,
        QStringLiteral("INSERT INTO outbox(id, n, kind, file_name, bytes, pdf, case_id, inspection_id, "
                       "number, made_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {m.id, qint64(m.n), m.kind, m.fileName, m.bytes,
         m.pdf.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(m.pdf),
         textOrNull(m.caseId), textOrNull(m.inspectionId), textOrNull(m.number), isoTime(m.madeAt)});
}

Result<QList<OutboxMessage>> SqliteRecordsStore::messages(bool waitingOnly, bool withBytes)
{
    QList<OutboxMessage> out;
    const QString sql =
        QStringLiteral("SELECT %1%2 FROM outbox%3 ORDER BY n")
            .arg(OutboxColumns, withBytes ? QStringLiteral(", bytes, pdf") : QString(),
                 waitingOnly ? QStringLiteral(" WHERE delivered_at IS NULL AND handed_over_at IS NULL")
                             : QString());
    const Status st = read(m_db, sql, {}, [&](const QSqlQuery& q) {
        out.append(outboxMessage(q, withBytes));
        return true;
    });
    if (!st)
        return st.error();
    return out;
}

Result<std::optional<OutboxMessage>> SqliteRecordsStore::message(const QString& id)
{
    std::optional<OutboxMessage> found;
    const Status st = read(m_db, QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(OutboxColumns),
                           {id}, [&](const QSqlQuery& q) {
                               found = outboxMessage(q, false);
                               return false;
                           });
    if (!st)
        return st.error();
    return found;
}

Status SqliteRecordsStore::updateDelivery(const OutboxMessage& m)
{
    const auto textOrNull = [](const QString& t) {
        return t.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(t);
    };
    return write(
        m_db,
        QStringLiteral("UPDATE outbox SET handed_over_at = ?, handed_over_to = ?, delivered_at = ?, "
                       "delivered_to = ?, attempts = ?, last_attempt_at = ?, last_error = ? WHERE id = ?"),
        {isoOrNull(m.handedOverAt), textOrNull(m.handedOverTo), isoOrNull(m.deliveredAt),
         textOrNull(m.deliveredTo), m.attempts, isoOrNull(m.lastAttemptAt), textOrNull(m.lastError), m.id});
}

} // namespace kp
