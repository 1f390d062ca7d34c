#pragma once

// Issue 19 item 8: a sync source's password is never kept in the desk's
// database nor printed. A source given as https://user:password@host/... is
// refused with a clear message; one stored before is shown with its password
// masked.

#include "util/Result.h"

#include <QStringList>

namespace kp::SourceCredentials {

// Success, or "cache.source-credentials" naming the first source (masked)
// that carries a password.
Status refuse(const QStringList& sources);

// The source as it may be shown: a URL's password replaced by "***".
QString masked(const QString& source);

} // namespace kp::SourceCredentials
