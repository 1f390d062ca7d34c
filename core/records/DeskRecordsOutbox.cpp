// The records door: outbox messages made in its transactions, and their delivery.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "util/Clock.h"

#include <QCryptographicHash>

namespace kp {

using namespace deskrecords;

Status DeskRecords::makeMessage(const Session& session, const MessageMaker& maker, OutboxMessage* made)
{
    auto message = nextMessage(m_store, maker);
    if (!message)
        return message.error();
    if (made)
        *made = *message;
    return storeMessage(session, *message);
}

Status DeskRecords::storeMessage(const Session& session, const OutboxMessage& message)
{
    if (auto i = m_store.insertMessage(message); !i)
        return i;
    return append(
        session.actor(),
        Entry{QStringLiteral("message_made"),
              QCborMap{{QStringLiteral("message"), message.id},
                       {QStringLiteral("n"), qint64(message.n)},
                       {QStringLiteral("kind"), message.kind},
                       {QStringLiteral("file"), message.fileName},
                       {QStringLiteral("sha256"),
                        QString::fromLatin1(
                            QCryptographicHash::hash(message.bytes, QCryptographicHash::Sha256).toHex())},
                       {QStringLiteral("number"), message.number}}});
}

Status DeskRecords::messageGone(const Session& session, const QString& messageId, bool delivered,
                                const QString& where)
{
    return transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = m_store.message(messageId);
        if (!found)
            return found.error();
        if (!found->has_value())
            return notFound(messageId);
        OutboxMessage m = **found;
        const QDateTime now = m_clock.nowUtc();
        if (delivered) {
            m.deliveredAt = now;
            m.deliveredTo = where;
            m.lastAttemptAt = now;
            m.attempts += 1;
            m.lastError.clear();
        } else {
            m.handedOverAt = now;
            m.handedOverTo = where;
        }
        if (auto u = m_store.updateDelivery(m); !u)
            return u.error();
        return Entry{delivered ? QStringLiteral("message_delivered") : QStringLiteral("message_handed_over"),
                     QCborMap{{QStringLiteral("message"), m.id},
                              {QStringLiteral("n"), qint64(m.n)},
                              {QStringLiteral("to"), where}}};
    });
}

Status DeskRecords::messageDelivered(const Session& session, const QString& messageId, const QString& url)
{
    return messageGone(session, messageId, true, url);
}

Status DeskRecords::messageHandedOver(const Session& session, const QString& messageId, const QString& folder)
{
    return messageGone(session, messageId, false, folder);
}

Status DeskRecords::messageAttemptFailed(const QString& messageId, const QString& error)
{
    // Not in the trail: a failed attempt changes nothing but when to try again.
    if (auto b = m_store.begin(); !b)
        return b;
    auto found = m_store.message(messageId);
    if (!found) {
        m_store.rollback();
        return found.error();
    }
    // A message delivered or handed over meanwhile keeps its state.
    if (found->has_value() && !(*found)->deliveredAt.isValid() && !(*found)->handedOverAt.isValid()) {
        OutboxMessage m = **found;
        m.attempts += 1;
        m.lastAttemptAt = m_clock.nowUtc();
        m.lastError = error.left(500);
        if (auto u = m_store.updateDelivery(m); !u) {
            m_store.rollback();
            return u;
        }
    }
    return m_store.commit();
}

} // namespace kp
