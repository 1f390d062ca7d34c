#pragma once

#include <QString>

namespace kp {

// The words shown for the status codes of kp-sync.md, in the officer's
// language; an unknown code is shown as it came.
QString participantStatusText(const QString& status);
QString revocationStatusText(const QString& status);

} // namespace kp
