#pragma once

// Which office a desk replicates with (docs/office.md). The URL, without its
// password, is desk configuration in the desk's file (meta 'office_url');
// the password is in a file beside it, "<desk file>.office-password", made
// readable and writable by the desk's user only (0600), so it is never in the
// desk's file, its backups, the trail or any output.

#include "office/OfficeUrl.h"

#include <optional>

namespace kp {

class CacheDatabase;

class OfficeLink
{
public:
    static QString passwordPath(const QString& deskPath);
    // Saves the link; a new office starts pulling from its beginning.
    // Error codes "office.desk" (the desk's file), "office.secret" (the password file).
    static Status save(CacheDatabase& desk, const OfficeUrl& url);
    // Unlinks the desk: no office URL, no password file. Error codes as save().
    static Status remove(CacheDatabase& desk);
    // The link with its password; nullopt when the desk has none.
    static Result<std::optional<OfficeUrl>> load(CacheDatabase& desk);
};

} // namespace kp
