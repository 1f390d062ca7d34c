#include "CaseDesk.h"

#include "CaseQueue.h"
#include "CaseQueueWatch.h"
#include "CaseView.h"
#include "DeskSession.h"
#include "LocalSettings.h"
#include "OutboxController.h"

#include "cache/CacheDatabase.h"
#include "outbox/CaseMessages.h"
#include "outbox/DeskMessaging.h"
#include "records/CaseInspection.h"
#include "util/Clock.h"
#include "verify/Verifier.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QTableView>
#include <QTimer>

namespace kp::ui {

namespace {

// The window's strings keep the window's context: the French catalogue has them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::MainWindow)
};

} // namespace

CaseDesk::CaseDesk(CacheDatabase& db, const Clock& clock, DeskRecords& door, DeskSession& session,
                   OutboxController& outbox, QMainWindow* window, QDockWidget* besideDock)
    : QObject(window), m_db(db), m_clock(clock), m_door(door), m_session(session), m_outbox(outbox),
      m_window(window), m_queue(new CaseQueue(door.store(), window)),
      m_dock(new QDockWidget(Tr::tr("Cases"), window)), m_watch(new CaseQueueWatch(door.store(), this))
{
    m_dock->setObjectName(QStringLiteral("casesDock"));
    m_dock->setWidget(m_queue);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    // A tab beside today's list, not a column beside it: side by side they ran off a 1024-pixel screen.
    window->tabifyDockWidget(besideDock, m_dock);
    m_dock->hide(); // until the Cases... action opens it
    connect(m_queue, &CaseQueue::caseActivated, this, [this](const QString& caseId) { openCase(caseId); });
    connect(m_watch, &CaseQueueWatch::changed, this, &CaseDesk::caseChanged);

    // The columns as this machine's supervisor left them (kept by rememberLayout).
    QHeaderView* header = m_queue->table()->horizontalHeader();
    if (const QByteArray columns = LocalSettings::caseColumns(); !columns.isEmpty())
        m_columnsSet = header->restoreState(columns);
}

void CaseDesk::caseChanged()
{
    m_queue->refresh();
    for (CaseDialog* d : m_window->findChildren<CaseDialog*>())
        d->reloadIfChanged();
}

int CaseDesk::dockHeightToOpen() const
{
    if (const int remembered = LocalSettings::casesDockHeight(); remembered > 0)
        return remembered;
    // Room to read: more than half the window (today's list alone keeps a
    // short strip); the window keeps the inspection's least.
    return m_window->height() * 11 / 20;
}

void CaseDesk::sizeDock(int height, int extra)
{
    // Once the dock is in the window's layout (a hidden one is not sized).
    QTimer::singleShot(0, this, [this, height, extra] {
        if (!m_dock->isVisible() || m_dock->isFloating())
            return;
        m_window->resizeDocks({m_dock}, {height + extra}, Qt::Vertical);
        if (extra != 0)
            return;
        // The area holds the tabs' bar too: once laid out, ask again for that much more.
        QTimer::singleShot(0, this, [this, height] {
            if (const int short_ = height - m_dock->height(); short_ > 0 && m_dock->isVisible())
                sizeDock(height, short_);
        });
    });
}

void CaseDesk::rememberLayout()
{
    if (m_window->isVisible() && m_dock->isVisible() && !m_dock->isFloating())
        LocalSettings::setCasesDockHeight(m_dock->height());
    if (m_columnsSet) // never the widths of an empty table, before anyone saw them
        LocalSettings::setCaseColumns(m_queue->table()->horizontalHeader()->saveState());
}

bool CaseDesk::maySeeCases() const
{
    return m_session.working() && m_session.session()->role == Role::Supervisor;
}

void CaseDesk::showQueue()
{
    if (!maySeeCases())
        return;
    const bool wasShown = m_dock->isVisible();
    m_dock->show();
    m_dock->raise();
    if (!wasShown && !m_dock->isFloating())
        sizeDock(dockHeightToOpen(), 0);
    m_watch->start(); // before reading: nothing changed between the two is missed
    m_queue->refresh();
    if (!m_columnsSet && m_queue->model()->rowCount() > 0) {
        // Until the supervisor sizes them: each as wide as what it holds now.
        m_queue->table()->resizeColumnsToContents();
        m_columnsSet = true;
    }
    m_queue->table()->setFocus();
}

void CaseDesk::hideAll()
{
    rememberLayout();
    m_watch->stop();
    m_dock->hide();
    for (CaseDialog* d : m_window->findChildren<CaseDialog*>())
        d->close();
}

CaseDialog* CaseDesk::openCase(const QString& caseId)
{
    if (!maySeeCases())
        return nullptr;
    for (CaseDialog* d : m_window->findChildren<CaseDialog*>())
        if (d->caseId() == caseId) {
            d->reload();
            d->checkAgain();
            d->raise();
            d->activateWindow();
            return d;
        }
    auto* dialog = new CaseDialog(m_door, *m_session.session(), caseId, m_window,
                                  [this](const QJsonObject& then, const QDateTime& seenAt) {
                                      return recheckInspection(Verifier(m_db, m_clock), then, seenAt);
                                  });
    dialog->setEscalation(
        {[this, caseId]() -> Result<std::pair<QStringList, QStringList>> {
             auto kase = m_door.caseView(caseId);
             if (!kase)
                 return kase.error();
             auto insp = caseInspection(m_door.store(), kase->record);
             if (!insp)
                 return insp.error();
             const auto own = m_db.participant();
             const QStringList codes = DeskMessaging::defaultAddressees(
                 insp->has_value() ? (*insp)->participant : QString(), own ? *own : QString());
             auto described = DeskMessaging::describeAddressees(m_db, codes);
             if (!described)
                 return described.error();
             return std::pair{codes, *described};
         },
         [this, caseId](const QStringList& to) { return m_outbox.escalateCase(caseId, to); },
         [this, caseId]() -> Result<MessageMaker> {
             if (!m_session.session())
                 return makeError(QStringLiteral("records.no-session"), Tr::tr("Nobody is signed in."));
             return CaseMessages(m_db, m_clock, m_door, m_door.store())
                 .confirmation(caseId, m_session.session()->actor());
         }});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_watch->isRunning())
        m_watch->start();
    // A change made here moves the mark at once: the watch refreshes the queue
    // and the other open cases, one path for every change.
    connect(dialog, &CaseDialog::caseChanged, m_watch, &CaseQueueWatch::poll);
    dialog->show();
    dialog->activateWindow();
    dialog->setFocus();
    return dialog;
}

} // namespace kp::ui
