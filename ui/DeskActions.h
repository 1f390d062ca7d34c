#pragma once

// The window's menus and toolbar: every menu item and the MainWindow (or
// piece) method it calls, in one place (DEVELOPERS.md lists them). The
// desk's actions work only while the desk is shown; Settings... and
// Cases... are shown only to the roles that use them.

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QToolBar;

namespace kp::ui {

class MainWindow;

class DeskActions : public QObject
{
    Q_OBJECT

public:
    explicit DeskActions(MainWindow& window);

    // The desk shown or not; admin/supervisor: the role's own actions shown.
    void setDeskShown(bool desk, bool administrator, bool supervisor);

    QAction* settingsAction() const { return m_settings; }
    QAction* usersAction() const { return m_users; }
    QAction* auditTrailAction() const { return m_auditTrail; }
    QAction* casesAction() const { return m_cases; }
    QToolBar* toolBar() const { return m_bar; }

private:
    // A File menu action (and on the toolbar when onBar), usable only with the desk.
    template <typename Slot>
    QAction* add(const QString& text, const QKeySequence& key, Slot slot, bool onBar);
    void buildFileMenu();
    void chooseSerialScanner();
    void buildLanguageMenu();
    void buildHelpMenu();

    MainWindow& m_window;
    QMenu* m_file = nullptr;
    QToolBar* m_bar = nullptr;
    QList<QAction*> m_deskActions;
    QAction* m_settings = nullptr;
    QAction* m_users = nullptr;
    QAction* m_auditTrail = nullptr;
    QAction* m_cases = nullptr;
};

} // namespace kp::ui
