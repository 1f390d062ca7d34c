#pragma once

// Issue 19 item 11: an account's name is one person for four eyes, so two
// names that look alike must not be two accounts. A name is kept in NFKC,
// without invisible or bidirectional characters, and a new name is refused
// when its skeleton (what it looks like) is that of an existing account.

#include "util/Result.h"

#include <QString>

namespace kp::AccountName {

constexpr int MaxLength = 64;

// The name as it is kept: trimmed, NFKC. Refuses ("records.bad-name") an
// empty or too long name, one starting with "cli:", and one with a control,
// format (zero-width, bidi), private-use, unassigned or separator character
// other than the plain space.
Result<QString> normalise(const QString& typed);

// What a name looks like: NFKC, common Cyrillic and Greek homoglyphs mapped
// to the Latin letters they look like (capitals before case folding, as
// "В" looks like "B"), case folded, 0 read as o and 1 as l. Two names with
// the same skeleton are confusable.
QString skeleton(const QString& name);

bool confusable(const QString& a, const QString& b);

} // namespace kp::AccountName
