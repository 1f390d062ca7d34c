#pragma once

// A file an officer attaches to a case event (a photo of the container, a
// scan of a declaration), read once: only a regular file, never more than
// CaseLife::MaxAttachmentBytes, and the bytes whose size was checked are the
// bytes that are hashed, stored and later put into the outbox message.

#include "cases/CaseLife.h"
#include "util/Result.h"

namespace kp {

// Error codes: "cases.attachment-too-large", "cases.attachment-unreadable"
// (missing, unreadable, not a regular file: a FIFO, a device, a folder).
Result<EventAttachment> readAttachmentFile(const QString& path);

} // namespace kp
