#pragma once

// What the officer's window shows, laid out: the pages (sign-in, the desk,
// the lock) as the central widget, and the docks around the desk (the
// physical check and the flag at the right, today's inspections below, the
// camera). Widgets only: what they do is wired by MainWindow.

#include <QStackedWidget>

class QDockWidget;
class QLineEdit;
class QMainWindow;
class QPushButton;

namespace kp::ui {

class CameraPanel;
class DeskStatusPanel;
class FlagBox;
class HealthMonitor;
class InspectionView;
class LockPage;
class NewPasswordPage;
class PhysicalCheckPanel;
class SignInPage;
class TodayList;
class TrailPanel;

class DeskWidget : public QStackedWidget
{
    Q_OBJECT

public:
    // Becomes the window's central widget and adds the docks to it.
    explicit DeskWidget(QMainWindow* window);

    // Which page; the docks only with the desk.
    void showPage(QWidget* page);
    bool deskShown() const { return currentWidget() == m_deskPage; }

    SignInPage* signInPage() const { return m_signIn; }
    LockPage* lockPage() const { return m_lock; }
    // After a sign-in with a password someone else set (issue 21 item 7).
    NewPasswordPage* newPasswordPage() const { return m_newPassword; }
    QWidget* deskPage() const { return m_deskPage; }
    QLineEdit* scanField() const { return m_scanField; }
    QPushButton* flagButton() const { return m_flagButton; }
    InspectionView* view() const { return m_view; }
    PhysicalCheckPanel* physical() const { return m_physical; }
    FlagBox* flagBox() const { return m_flagBox; }
    TodayList* today() const { return m_today; }
    DeskStatusPanel* status() const { return m_status; }
    HealthMonitor* health() const { return m_health; }
    TrailPanel* trail() const { return m_trail; }
    CameraPanel* camera() const { return m_camera; }
    QDockWidget* todayDock() const { return m_todayDock; }

private:
    QWidget* buildShipmentColumn();
    void buildDocks(QMainWindow* window, QWidget* shipmentColumn);

    SignInPage* m_signIn;
    LockPage* m_lock;
    NewPasswordPage* m_newPassword;
    QWidget* m_deskPage;
    QLineEdit* m_scanField;
    QPushButton* m_flagButton = nullptr;
    InspectionView* m_view;
    PhysicalCheckPanel* m_physical;
    FlagBox* m_flagBox = nullptr;
    TodayList* m_today;
    DeskStatusPanel* m_status;
    HealthMonitor* m_health;
    TrailPanel* m_trail;
    CameraPanel* m_camera;
    QDockWidget* m_todayDock = nullptr;
    QDockWidget* m_shipmentDock = nullptr; // the physical check and the flag, at the right
    QDockWidget* m_cameraDock = nullptr;
};

} // namespace kp::ui
