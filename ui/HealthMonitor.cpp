#include "HealthMonitor.h"

#include "cache/CacheDatabase.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace kp::ui {

HealthMonitor::HealthMonitor(QWidget* parent)
    : QFrame(parent), m_text(new QLabel), m_repair(new QPushButton(tr("&Repair the desk's data...")))
{
    setObjectName(QStringLiteral("healthBanner"));
    setAccessibleName(tr("Damaged data warning"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        QStringLiteral("#healthBanner { background: #b00020; } #healthBanner QLabel { color: white; "
                       "font-weight: bold; }"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_repair->setObjectName(QStringLiteral("repairButton"));
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_repair);
    connect(m_repair, &QPushButton::clicked, this, &HealthMonitor::repairRequested);
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        if (m_stop->stopped())
            return;
        const QString problem = m_watcher.result();
        if (problem.isEmpty())
            clearProblem();
        else
            showProblem(problem);
        emit checked(problem.isEmpty(), problem);
    });
    hide();
}

HealthMonitor::~HealthMonitor()
{
    m_stop->stop();
    m_watcher.waitForFinished();
}

void HealthMonitor::checkInBackground(const QString& dbPath)
{
    if (m_watcher.isRunning())
        return;
    // SQLite connections belong to one thread: the worker opens its own.
    m_watcher.setFuture(QtConcurrent::run([dbPath, stop = m_stop]() -> QString {
        auto db = CacheDatabase::open(dbPath, CacheDatabase::OpenMode::MustExist);
        if (!db)
            return db.error().message;
        const Status health = (*db)->checkHealth(CacheDatabase::HealthLevel::Full, stop.get());
        return health ? QString() : health.error().message;
    }));
}

void HealthMonitor::waitForCheck()
{
    m_watcher.waitForFinished();
}

void HealthMonitor::showProblem(const QString& message)
{
    m_problem = message;
    m_text->setText(
        tr("The desk's data could not be read, so no certificate can be accepted: repair it, then "
           "sync. (%1)")
            .arg(message));
    show();
}

void HealthMonitor::clearProblem()
{
    m_problem.clear();
    m_text->clear();
    hide();
}

bool HealthMonitor::problemShown() const
{
    return !m_problem.isEmpty();
}

} // namespace kp::ui
