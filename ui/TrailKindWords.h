#pragma once

// What a person reads for an audit trail entry's kind ("Account added" for
// `account_added`), in the interface's language. The stable kind stays in
// the trail, its export and the command line's machine output; an unknown
// kind (from a newer desk) is shown as it is.

#include <QString>

namespace kp::ui {

QString trailKindTitle(const QString& kind);

} // namespace kp::ui
