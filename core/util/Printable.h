#pragma once

// Issue 19 item 11: text from outside (flag reasons, notes, attachment
// names, names, messages from other desks) is printed to a terminal as it
// reads, never as the terminal's commands: C0 and C1 controls (ESC, CR, LF,
// ...), line and paragraph separators and bidirectional controls are shown
// escaped, so none clears the screen, moves the cursor, fakes a line or
// reorders what follows.

#include <QString>

namespace kp {

// "\n", "\t", "\r", "\e"-free: each such character as \xHH (controls below
// U+0100) or \u{HHHH} (separators, bidi controls). Backslashes are kept as
// they are. Everything else, including every script, stays.
QString printable(QStringView text);

} // namespace kp
