#include "DockTabBarFocus.h"

#include <QChildEvent>
#include <QMainWindow>
#include <QTabBar>

namespace kp::ui {

void DockTabBarFocus::install(QMainWindow* window)
{
    new DockTabBarFocus(window);
}

DockTabBarFocus::DockTabBarFocus(QMainWindow* window) : QObject(window), m_window(window)
{
    window->installEventFilter(this);
    for (QTabBar* bar : window->findChildren<QTabBar*>(Qt::FindDirectChildrenOnly))
        watch(bar);
}

void DockTabBarFocus::watch(QTabBar* bar)
{
    bar->installEventFilter(this);
    settle(bar);
}

void DockTabBarFocus::settle(QTabBar* bar) const
{
    const bool onWindow = bar->count() > 1 && m_window->rect().intersects(bar->geometry());
    bar->setFocusPolicy(onWindow ? Qt::TabFocus : Qt::NoFocus);
}

bool DockTabBarFocus::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::ChildPolished) {
        if (auto* bar = qobject_cast<QTabBar*>(static_cast<QChildEvent*>(event)->child()))
            watch(bar);
    } else if (auto* bar = qobject_cast<QTabBar*>(watched)) {
        if (event->type() == QEvent::Move || event->type() == QEvent::Resize || event->type() == QEvent::Show)
            settle(bar);
    }
    return QObject::eventFilter(watched, event);
}

} // namespace kp::ui
