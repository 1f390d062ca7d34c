#include "cases/AttachmentFile.h"

#include "util/RegularFile.h"

#include <QFileInfo>

namespace kp {

Result<EventAttachment> readAttachmentFile(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    auto file = RegularFile::open(path);
    if (!file)
        return makeError(QStringLiteral("cases.attachment-unreadable"), file.error().message);
    // The size on disk tells an obvious case early; the read's own limit
    // holds whatever the file does meanwhile.
    if (auto s = CaseLife::checkAttachment(name, file->size()); !s)
        return s.error();
    auto data = file->readAll(CaseLife::MaxAttachmentBytes);
    if (!data) {
        if (data.error().code == QLatin1String("file.too-large"))
            return CaseLife::checkAttachment(name, CaseLife::MaxAttachmentBytes + 1).error();
        return makeError(QStringLiteral("cases.attachment-unreadable"), data.error().message);
    }
    EventAttachment a;
    a.name = name;
    a.data = std::move(*data);
    return a;
}

} // namespace kp
