#include "DeskWidget.h"

#include "CameraPanel.h"
#include "DeskStatusPanel.h"
#include "DownToList.h"
#include "FlagBox.h"
#include "HealthMonitor.h"
#include "InspectionView.h"
#include "LockPage.h"
#include "NewPasswordPage.h"
#include "PhysicalCheckPanel.h"
#include "SignInPage.h"
#include "TodayList.h"
#include "TrailPanel.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

// The window's strings keep the window's context: the French catalogue has them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::MainWindow)
};

} // namespace

namespace {

// A column that scrolls up and down only, as wide as what it holds needs
// (in every language), never cut at its side.
class ColumnScrollArea : public QScrollArea
{
public:
    using QScrollArea::QScrollArea;
    QSize minimumSizeHint() const override { return fit(widget() ? widget()->minimumSizeHint() : QSize()); }
    QSize sizeHint() const override { return fit(widget() ? widget()->sizeHint() : QSize()); }

private:
    QSize fit(QSize inside) const
    {
        return {inside.width() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
                QScrollArea::minimumSizeHint().height()};
    }
};

} // namespace

DeskWidget::DeskWidget(QMainWindow* window)
    : QStackedWidget(window), m_signIn(new SignInPage), m_lock(new LockPage),
      m_newPassword(new NewPasswordPage), m_deskPage(new QWidget), m_scanField(new QLineEdit),
      m_view(new InspectionView), m_physical(new PhysicalCheckPanel), m_today(new TodayList),
      m_status(new DeskStatusPanel), m_health(new HealthMonitor), m_trail(new TrailPanel),
      m_camera(new CameraPanel)
{
    m_scanField->setObjectName(QStringLiteral("scanField"));
    m_scanField->setPlaceholderText(Tr::tr("Scan, or type a certificate number, then Enter"));
    m_scanField->setAccessibleName(Tr::tr("Certificate number or barcode text"));
    m_scanField->setClearButtonEnabled(true);
    DownToList::install(m_scanField, m_today->table()); // Down, then Enter: a row of today's list opened
    auto* verifyButton = new QPushButton(Tr::tr("&Verify"));
    verifyButton->setObjectName(QStringLiteral("verifyButton"));
    connect(verifyButton, &QPushButton::clicked, m_scanField, &QLineEdit::returnPressed);
    auto* scanLabel = new QLabel(Tr::tr("Certificate:"));
    scanLabel->setBuddy(m_scanField);
    auto* scanRow = new QHBoxLayout;
    scanRow->addWidget(scanLabel);
    scanRow->addWidget(m_scanField, 1);
    scanRow->addWidget(verifyButton);

    // On a short screen (1024x768 with today's list) the inspection scrolls
    // as a whole rather than its parts being drawn over one another.
    auto* viewScroll = new QScrollArea;
    viewScroll->setObjectName(QStringLiteral("inspectionScroll"));
    viewScroll->setWidget(m_view);
    viewScroll->setWidgetResizable(true);
    viewScroll->setFrameShape(QFrame::NoFrame);
    viewScroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the entries inside
    auto* body = new QHBoxLayout;
    body->addWidget(viewScroll, 1);

    m_deskPage->setObjectName(QStringLiteral("deskPage"));
    auto* layout = new QVBoxLayout(m_deskPage);
    layout->addWidget(m_status);
    layout->addWidget(m_health);
    layout->addWidget(m_trail); // administrators only (MainWindow::showPage)
    layout->addLayout(scanRow);
    layout->addLayout(body, 1);
    addWidget(m_signIn);
    addWidget(m_deskPage);
    addWidget(m_lock);
    addWidget(m_newPassword);
    window->setCentralWidget(this);
    buildDocks(window, buildShipmentColumn());
    m_physical->setEnabled(false);
}

QWidget* DeskWidget::buildShipmentColumn()
{
    // The physical check and the flag: a column at the right, the window's
    // full height, beside the inspection and today's list.
    auto* rightColumn = new QWidget;
    rightColumn->setObjectName(QStringLiteral("shipmentColumn"));
    auto* right = new QVBoxLayout(rightColumn);
    right->setContentsMargins(0, 0, 0, 0);
    right->addWidget(m_physical);
    m_flagButton = new QPushButton(Tr::tr("Fla&g reasonable doubt...")); // Alt+F is the File menu's
    m_flagButton->setObjectName(QStringLiteral("flagButton"));
    right->addWidget(m_flagButton);
    m_flagBox = new FlagBox;
    right->addWidget(m_flagBox);
    right->addStretch();
    auto* scroll = new ColumnScrollArea; // only when the screen is shorter than the column
    scroll->setWidget(rightColumn);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the entries inside
    return scroll;
}

void DeskWidget::buildDocks(QMainWindow* window, QWidget* shipmentColumn)
{
    m_shipmentDock = new QDockWidget(Tr::tr("Physical check"), window);
    m_shipmentDock->setObjectName(QStringLiteral("shipmentDock"));
    m_shipmentDock->setTitleBarWidget(new QWidget); // a column of the window, not a panel to lose
    m_shipmentDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    m_shipmentDock->setWidget(shipmentColumn);
    window->addDockWidget(Qt::RightDockWidgetArea, m_shipmentDock);
    window->setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_todayDock = new QDockWidget(Tr::tr("Today's inspections"), window);
    m_todayDock->setObjectName(QStringLiteral("todayDock"));
    m_todayDock->setWidget(m_today);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_todayDock);
    window->resizeDocks({m_todayDock}, {160}, Qt::Vertical); // the verdict and the certificate come first
    window->resizeDocks({m_shipmentDock}, {m_shipmentDock->minimumSizeHint().width()}, Qt::Horizontal);
    // Tab in working order: the inspection, its physical check, the flag, today's list.
    QWidget* previous = m_view->lastInTabOrder();
    QList<QWidget*> shipment;
    for (QWidget* w : m_physical->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        if (w->focusPolicy() & Qt::TabFocus)
            shipment << w;
    for (QWidget* w : shipment << m_flagButton << m_today->search()) {
        QWidget::setTabOrder(previous, w);
        previous = w;
    }

    m_cameraDock = new QDockWidget(Tr::tr("Camera"), window);
    m_cameraDock->setObjectName(QStringLiteral("cameraDock"));
    m_cameraDock->setWidget(m_camera);
    window->addDockWidget(Qt::RightDockWidgetArea, m_cameraDock);
    m_cameraDock->setVisible(m_camera->hasCameras());
}

void DeskWidget::showPage(QWidget* page)
{
    const bool desk = page == m_deskPage;
    setCurrentWidget(page);
    m_todayDock->setVisible(desk);
    m_shipmentDock->setVisible(desk);
    m_cameraDock->setVisible(desk && m_camera->hasCameras());
}

} // namespace kp::ui
