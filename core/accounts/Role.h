#pragma once

#include "util/Result.h"

#include <QString>

namespace kp {

// The roles of kp-cases.md. Their names are stable (stored, exported, in
// the audit trail); Role::title() is what people read.
enum class Role { Officer, Supervisor, Administrator };

// "officer", "supervisor", "administrator".
QString roleName(Role role);
// The stable name back; error code "accounts.unknown-role".
Result<Role> parseRole(const QString& name);
// The translated word for people ("Officer", ...).
QString roleTitle(Role role);

} // namespace kp
