#pragma once

// What a desk did not take from the office, and why (issue 19,
// docs/office.md "What a desk trusts"): the desk's table office_set_aside.
// A pulled row that fails its checks is set aside and replication goes on;
// an entry of this desk's trail whose place at the office another row holds
// is set aside as an alarm (kind "audit"). Each row once: recording it again
// changes nothing.

#include "util/Result.h"

#include <QString>

namespace kp {

class CacheDatabase;

struct SetAsideCount
{
    qint64 pulled = 0;    // rows of the office this desk did not apply
    qint64 conflicts = 0; // places of this desk's trail held by another row
};

namespace SetAside {

// Whether it was new. Error code "office.desk".
Result<bool> record(CacheDatabase& desk, const QString& kind, const QString& ref, const QString& deskId,
                    const QString& code, const QString& reason);
Result<SetAsideCount> count(CacheDatabase& desk);
// A row set aside that came right later (a case row pulled before its desk
// pushed its flag): no longer reported. Error code "office.desk".
Status forget(CacheDatabase& desk, const QString& kind, const QString& ref);

} // namespace SetAside

} // namespace kp
