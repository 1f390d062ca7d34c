// What every part of the records door shares (DeskRecordsRules_p.h).

#include "records/DeskRecordsRules_p.h"

#include "cases/CaseLife.h"
#include "util/IsoTime.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

namespace kp::deskrecords {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

// Text people type into a record: the entry must fit in the trail's 64 KiB.
constexpr int MaxText = 16 * 1024;

} // namespace

// A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then random
// bits. Ids made later sort after those made before, so the desk's and the
// office's indexes on them grow at their end instead of at random pages.
QString newId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    QByteArray bytes(reinterpret_cast<const char*>(words), sizeof words);
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i)
        bytes[i] = char(ms >> (40 - 8 * i));
    bytes[6] = char(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = char(0x80 | (bytes[8] & 0x3f)); // variant 10
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

Error signInError()
{
    return makeError(QStringLiteral("records.sign-in"), Tr::tr("Wrong name or password."));
}

Error notFound(const QString& what)
{
    return makeError(QStringLiteral("records.not-found"), Tr::tr("No such record: %1.").arg(what));
}

Result<InspectionRecord> existingInspection(RecordsStore& store, const QString& id)
{
    auto found = store.inspection(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return notFound(id);
    return **found;
}

// A certificate is released once: the refusal of a second release names the first.
Error alreadyReleased(const QString& number, const ReleaseRecord& first)
{
    const QString at = shownUtc(first.at);
    const QString message =
        first.by.isEmpty()
            ? Tr::tr("Certificate %1 was already released at %2 (inspection %3): a certificate is released "
                     "once.")
                  .arg(number, at, first.inspectionId)
            : Tr::tr("Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is "
                     "released once.")
                  .arg(number, at, first.by, first.inspectionId);
    return makeError(QStringLiteral("records.already-released"), message);
}

Status checkText(const QString& text)
{
    if (text.size() > MaxText)
        return makeError(
            QStringLiteral("records.too-long"),
            Tr::tr("The text is too long (%1 characters; at most %2).").arg(text.size()).arg(MaxText));
    return success();
}

QCborArray attachmentList(const QList<EventAttachment>& files)
{
    QCborArray list;
    for (const EventAttachment& a : files)
        list.append(QCborMap{{QStringLiteral("name"), a.name},
                             {QStringLiteral("sha256"), QString::fromLatin1(a.sha256.toHex())},
                             {QStringLiteral("size"), a.size}});
    return list;
}

// Gives each attachment its id, size and SHA-256.
QList<EventAttachment> sealAttachments(QList<EventAttachment> files)
{
    for (EventAttachment& a : files) {
        a.id = newId();
        a.size = a.data.size();
        a.sha256 = QCryptographicHash::hash(a.data, QCryptographicHash::Sha256);
    }
    return files;
}

Result<QList<EventAttachment>> prepareAttachments(const QList<EventAttachment>& files)
{
    for (const EventAttachment& a : files)
        if (auto s = CaseLife::checkAttachment(a.name, a.data.size()); !s)
            return s.error();
    return sealAttachments(files);
}

Result<OutboxMessage> nextMessage(RecordsStore& store, const MessageMaker& maker)
{
    auto n = store.lastMessageNumber();
    if (!n)
        return n.error();
    auto head = store.auditHead();
    if (!head)
        return head.error();
    return maker(*n + 1, *head);
}

} // namespace kp::deskrecords
