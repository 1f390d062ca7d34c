#include "SyncAndRepair.h"

#include "DeskSession.h"
#include "DeskStatusPanel.h"
#include "DeskWidget.h"
#include "HealthMonitor.h"
#include "MessageBoxes.h"
#include "SyncController.h"

#include "cache/CacheDatabase.h"
#include "cache/CacheRepair.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>

namespace kp::ui {

namespace {

// The window's strings keep the window's context: the French catalogue has them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::MainWindow)
};

} // namespace

SyncAndRepair::SyncAndRepair(CacheDatabase& db, const Clock& clock, DeskSession& session, DeskWidget& desk,
                             QWidget* window)
    : QObject(window), m_db(db), m_clock(clock), m_session(session), m_desk(desk), m_window(window),
      m_sync(new SyncController(db.path(), clock, this))
{
    connect(m_desk.status()->syncButton(), &QPushButton::clicked, this, &SyncAndRepair::syncNow);
    connect(m_sync, &SyncController::progress, this, [this](const QString& file, qint64 done, qint64 total) {
        if (m_progress) {
            m_progress->setLabelText(Tr::tr("Downloading %1...").arg(file));
            m_progress->setValue(int(done * 1000 / std::max<qint64>(total, 1)));
        }
    });
    connect(m_sync, &SyncController::finished, this, [this](bool ok, const QString& message) {
        if (m_progress)
            m_progress->reset();
        refreshStatus();
        emit status(message.section(QLatin1Char('\n'), 0, 0), 15000);
        if (!ok && m_window->isVisible())
            MessageBoxes::warning(m_window, Tr::tr("Sync"), message);
        emit syncFinished(ok, message);
    });
}

SyncAndRepair::~SyncAndRepair()
{
    cancelAndWait();
}

void SyncAndRepair::cancelAndWait()
{
    m_sync->cancel();
    m_sync->waitForFinished();
}

void SyncAndRepair::refreshStatus()
{
    const auto participant = m_db.participant();
    const auto state = m_db.syncState();
    const auto demo = m_db.isDemo();
    for (const Error* e : {participant ? nullptr : &participant.error(), state ? nullptr : &state.error(),
                           demo ? nullptr : &demo.error()}) {
        if (e && !m_desk.health()->problemShown())
            m_desk.health()->showProblem(e->message);
    }
    m_desk.status()->update(participant ? *participant : QString(), state ? *state : SyncState{},
                            m_clock.nowUtc(), demo && *demo);
}

void SyncAndRepair::syncNow()
{
    // The configured sources in turn, as kpdesk-cli sync: an unmounted USB
    // folder first does not keep a good source second from being used.
    const auto sources = m_db.syncSources();
    if (!sources) {
        emit error(sources.error().message);
        return;
    }
    QStringList list = *sources;
    if (list.isEmpty()) {
        bool ok = false;
        const QString source =
            QInputDialog::getText(m_window, Tr::tr("Sync now"),
                                  Tr::tr("The authority's address (https://...) or a folder (USB stick):"),
                                  QLineEdit::Normal, QString(), &ok);
        if (!ok || source.trimmed().isEmpty())
            return;
        list << source.trimmed();
    }
    startSync(list);
}

void SyncAndRepair::startSync(const QStringList& sources)
{
    if (m_sync->isRunning())
        return;
    if (!m_progress) {
        m_progress = new QProgressDialog(Tr::tr("Syncing..."), Tr::tr("Cancel"), 0, 1000, m_window);
        m_progress->setWindowTitle(Tr::tr("Sync"));
        m_progress->setMinimumDuration(500);
        m_progress->setAutoClose(false);
        m_progress->setAutoReset(false);
        connect(m_progress, &QProgressDialog::canceled, m_sync, &SyncController::cancel);
    }
    m_progress->setValue(0);
    // Who started the sync answers for it in the trail (a sync from the
    // sign-in page, before anyone is signed in, is the desk's own).
    m_sync->start(sources, m_session.session());
}

bool SyncAndRepair::repairData(bool confirm)
{
    if (m_sync->isRunning()) {
        emit error(Tr::tr("A sync is running: repair the desk's data when it has finished."));
        return false;
    }
    if (confirm &&
        MessageBoxes::question(
            m_window, Tr::tr("Repair the desk's data"),
            Tr::tr(
                "The desk's own records (its configuration, presentations, inspections, flags and "
                "attachments) "
                "are kept, as far as they can be read. The authorities' data is dropped and must be synced "
                "again. The damaged file is kept beside the new one.\n\nRepair now?")) != QMessageBox::Yes)
        return false;
    m_desk.health()->waitForCheck();
    m_db.closeConnection();
    const auto repaired = repairCache(m_db.path(), m_clock.nowUtc());
    if (auto reopened = m_db.reopenConnection(); !reopened) {
        emit error(reopened.error().message);
        return false;
    }
    if (!repaired) {
        emit error(repaired.error().message);
        return false;
    }
    QStringList lost;
    for (const RepairReport::Table& t : repaired->tables) {
        if (t.lost > 0)
            lost << Tr::tr("%1: %Ln row(s)", nullptr, int(t.lost)).arg(t.name);
        else if (t.lostUnknown)
            lost << Tr::tr("%1: some rows").arg(t.name);
    }
    m_desk.health()->clearProblem();
    refreshStatus();
    emit dataReplaced();
    m_desk.health()->checkInBackground(m_db.path());
    const QString report =
        Tr::tr("The desk's data was repaired. The damaged file is kept as %1.").arg(repaired->damagedCopy) +
        u'\n' +
        (lost.isEmpty()
             ? Tr::tr("None of the desk's own records was lost.")
             : Tr::tr("Records that could not be saved: %1.").arg(lost.join(QStringLiteral("; ")))) +
        u'\n' + Tr::tr("Sync now to fetch the authority data again.");
    emit status(Tr::tr("The desk's data was repaired: sync now."), 15000);
    if (confirm && m_window->isVisible())
        MessageBoxes::information(m_window, Tr::tr("Repair the desk's data"), report);
    return true;
}

} // namespace kp::ui
