#pragma once

// What every part of the records door shares (DeskRecords*.cpp): new ids, the
// refusals worded once, the text limit, attachments sealed for the trail.

#include "cases/PhysicalCheck.h"
#include "records/DeskRecords.h"
#include "records/RecordsStore.h"
#include "util/Result.h"

#include <QCborArray>
#include <QList>
#include <QString>

namespace kp::deskrecords {

QString newId();
Error notFound(const QString& what);
// The inspection with this id: a read error as itself, none as records.not-found.
Result<InspectionRecord> existingInspection(RecordsStore& store, const QString& id);
// A certificate is released once: the refusal of a second release names the first.
Error alreadyReleased(const QString& number, const ReleaseRecord& first);
// Text people type into a record: the entry must fit in the trail's 64 KiB.
Status checkText(const QString& text);
// The attachments as the trail lists them: name, SHA-256 and size.
QCborArray attachmentList(const QList<EventAttachment>& files);
// Gives each attachment its id, size and SHA-256.
QList<EventAttachment> sealAttachments(QList<EventAttachment> files);
// Checks each against the case rules' limits, then seals them.
Result<QList<EventAttachment>> prepareAttachments(const QList<EventAttachment>& files);

// The next outbox message: numbered after the last, made over the trail's
// head as it is now. Inside the door's transaction.
Result<OutboxMessage> nextMessage(RecordsStore& store, const MessageMaker& maker);

} // namespace kp::deskrecords
