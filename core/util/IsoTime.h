#pragma once

// Times as the desk's files, messages and exports write them: ISO 8601 in
// UTC with a 'Z'. The one spelling for all of core (the audit trail's own
// deterministic encoder, AuditChain::formatTime, writes the same form).

#include <QDateTime>
#include <QString>

namespace kp {

enum class IsoPrecision { Seconds, Milliseconds };

// "2026-11-30T07:21:00.000Z" (Milliseconds) or "2026-11-30T07:21:00Z"
// (Seconds); empty for an invalid time.
QString isoTime(const QDateTime& time, IsoPrecision precision = IsoPrecision::Milliseconds);
// Either form (or another offset), as UTC; invalid when empty or unreadable.
QDateTime parseIsoTime(const QString& text);

// A time as a person reads it in a message or on paper, in UTC and saying
// so (a record may be read in another zone): "2026-11-30 07:21:00 UTC", or
// "2026-11-30 07:21 UTC" for Minutes. Empty for an invalid time.
enum class ShownPrecision { Seconds, Minutes };
QString shownUtc(const QDateTime& time, ShownPrecision precision = ShownPrecision::Seconds);

} // namespace kp
