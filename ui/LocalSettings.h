#pragma once

// This machine's own settings (QSettings, per user), as opposed to the
// desk's settings in its database (DeskSettings, changed through the door
// with a trail entry). The only place that knows their keys: one table of
// keys and defaults, typed accessors. The keys are those the desks already
// have ("scan/serialPort", ...): renaming one loses what a desk has set.

#include <QByteArray>
#include <QString>

namespace kp::ui::LocalSettings {

// The 2D imager's serial port; empty: none.
QString serialPort();
void setSerialPort(const QString& port);

// The folder a document scanner saves into, watched for new images; empty: none.
QString watchedFolder();
void setWatchedFolder(const QString& folder);

// A sound per verdict (VerdictSound); on by default.
bool sounds();
void setSounds(bool on);

// The interface language chosen in the window ("fr"); empty: the system's.
QString language();
void setLanguage(const QString& language);

// Where the last file dialog was (FileDialogs); empty: never used.
QString lastFolder();
void setLastFolder(const QString& folder);

// The window's place and its docks (QMainWindow::saveGeometry/saveState);
// empty: never closed.
QByteArray windowGeometry();
void setWindowGeometry(const QByteArray& geometry);
QByteArray windowState();
void setWindowState(const QByteArray& state);

// The supervisor's cases dock (issue 21 item 10): its height when docked
// (0: never set, the window chooses) and the queue's columns
// (QHeaderView::saveState; empty: never changed).
int casesDockHeight();
void setCasesDockHeight(int height);
QByteArray caseColumns();
void setCaseColumns(const QByteArray& state);

} // namespace kp::ui::LocalSettings
