#include "OutboxController.h"

#include "DeskSession.h"

#include "cache/CacheDatabase.h"
#include "crypto/ThreadCryptoState.h"
#include "outbox/CaseMessages.h"
#include "outbox/OutboxSending.h"
#include "records/DeskRecords.h"

#include <QCoreApplication>
#include <QLabel>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

namespace kp::ui {

namespace {

// The window's strings keep the window's context: the French catalogue has them.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::MainWindow)
};

} // namespace

OutboxController::OutboxController(CacheDatabase& db, const Clock& clock, DeskRecords& door,
                                   DeskSession& session, QWidget* statusParent)
    : QObject(statusParent), m_db(db), m_clock(clock), m_door(door), m_session(session),
      m_label(new QLabel(statusParent))
{
    m_label->setObjectName(QStringLiteral("outboxLabel"));
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        refresh();
        if (const QString problem = m_watcher.result(); !problem.isEmpty())
            m_label->setToolTip(problem);
    });
    auto* timer = new QTimer(this); // online again: what waits goes
    connect(timer, &QTimer::timeout, this, [this] {
        refresh();
        sendInBackground();
    });
    timer->start(std::chrono::minutes(5));
}

OutboxController::~OutboxController()
{
    m_watcher.waitForFinished();
}

void OutboxController::refresh()
{
    const auto waiting = m_door.store().messages(true, false);
    if (!waiting) {
        m_label->setText(Tr::tr("Outbox: could not be read"));
        m_label->setToolTip(waiting.error().message);
        return;
    }
    m_waiting = int(waiting->size());
    m_label->setText(Tr::tr("Outbox: %Ln waiting", nullptr, m_waiting));
    QString lastError;
    for (const OutboxMessage& m : *waiting)
        if (!m.lastError.isEmpty())
            lastError = m.fileName + QStringLiteral(": ") + m.lastError;
    m_label->setToolTip(lastError.isEmpty() ? Tr::tr("Messages to the home authority, sent when online.")
                                            : Tr::tr("Last attempt: %1").arg(lastError));
}

void OutboxController::sendInBackground()
{
    if (!m_session.session() || m_watcher.isRunning() || m_waiting == 0)
        return;
    const Session session = *m_session.session();
    const QString path = m_db.path();
    // Its own connection and clock on a worker thread: the officer never waits.
    m_watcher.setFuture(QtConcurrent::run([path, session]() -> QString {
        const ThreadCryptoState cryptoState; // TLS and signatures
        const auto report = OutboxSending::sendFrom(path, session);
        if (!report)
            return report.error().message;
        return report->problems.join(u'\n');
    }));
}

void OutboxController::waitUntilIdle()
{
    m_watcher.waitForFinished();
}

void OutboxController::waitForSending()
{
    m_watcher.waitForFinished();
    QCoreApplication::processEvents();
}

Result<QString> OutboxController::escalateCase(const QString& caseId, const QStringList& to)
{
    if (!m_session.working())
        return makeError(QStringLiteral("records.no-session"), Tr::tr("Nobody is signed in."));
    QStringList addressees = to;
    QString pdfProblem;
    auto doubt = CaseMessages(m_db, m_clock, m_door, m_door.store())
                     .doubt(caseId, addressees, m_session.session()->name, &pdfProblem);
    if (!doubt)
        return doubt.error();
    if (!pdfProblem.isEmpty())
        emit status(
            Tr::tr("The case's PDF could not be made (%1); the message goes without it.").arg(pdfProblem),
            20000);
    auto id = m_door.escalate(*m_session.session(), caseId, addressees, *doubt);
    if (id) {
        refresh();
        sendInBackground();
    }
    return id;
}

} // namespace kp::ui
