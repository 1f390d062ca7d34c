#pragma once

// This machine's own settings (QSettings, per user), as opposed to the
// desk's settings in its database (DeskSettings, changed through the door
// with a trail entry). One table of keys and defaults, typed accessors.

#include <QString>

namespace kp::ui::LocalSettings {

// The 2D imager's serial port; empty: none.
QString serialPort();
void setSerialPort(const QString& port);

// A sound per verdict (VerdictSound); on by default.
bool sounds();
void setSounds(bool on);

} // namespace kp::ui::LocalSettings
