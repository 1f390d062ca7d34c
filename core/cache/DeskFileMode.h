#pragma once

// Issue 19 item 8: a desk's database holds every account's password hash and
// the desk's own records, so its folder is made 0700 and its files kept to
// their owner (0600 at most), checked at every open as ssh checks a key.

#include "util/Result.h"

#include <QString>

namespace kp::DeskFileMode {

// Makes `folder` and every missing parent with mode 0700 (folders that exist
// are left as they are: the desk may live in a shared folder).
// Error code: "cache.open".
Status makeFolder(const QString& folder);

// The desk file `path` and its -wal and -shm: a file open to its group or
// others and owned by this user loses those bits (its owner's are kept, so a
// read-only desk stays read-only); owned by another user it is refused, as
// this user cannot make it private. A file that does not exist is fine.
// Only stat and chmod: the files are never opened here.
// Error code: "cache.permissions".
Status restrictToOwner(const QString& path);

} // namespace kp::DeskFileMode
