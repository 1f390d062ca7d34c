#pragma once

// A file the officer keeps with a flag, as the window holds it before the
// records door hashes and stores it (an EventAttachment once recorded).

#include <QByteArray>
#include <QString>

namespace kp {

struct Attachment
{
    QString name; // e.g. "certificate.jpg", "container.jpg"
    QByteArray data;
};

} // namespace kp
