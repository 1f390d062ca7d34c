#pragma once

// A main window's dock tab bar takes Tab only while it is on the window.
// Qt does not hide the bar of a dock group left with one shown dock: it
// moves it off the window, where it stays "visible" and so keeps a stop of
// its own in Tab order, an invisible one (the officer's Tab went from
// today's list to nothing, then to Sync now, after a supervisor had opened
// Cases beside it).

#include <QObject>

class QMainWindow;
class QTabBar;

namespace kp::ui {

class DockTabBarFocus : public QObject
{
    Q_OBJECT

public:
    // Watches the window's tab bars (owned by it) for as long as it lives.
    static void install(QMainWindow* window);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit DockTabBarFocus(QMainWindow* window);
    void watch(QTabBar* bar);
    void settle(QTabBar* bar) const;
    QMainWindow* m_window;
};

} // namespace kp::ui
