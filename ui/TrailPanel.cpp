#include "TrailPanel.h"

#include "cache/CacheDatabase.h"
#include "crypto/ThreadCryptoState.h"
#include "records/DeskRecords.h"
#include "records/SqliteRecordsStore.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace kp::ui {

namespace {

TrailState checkTrail(const QString& path, const QDateTime& now)
{
    TrailState state;
    state.checkedAt = now;
    auto db = CacheDatabase::open(path, CacheDatabase::OpenMode::MustExist);
    if (!db) {
        state.message = db.error().message;
        return state;
    }
    SqliteRecordsStore store(**db);
    SystemClock clock;
    DeskRecords door(store, clock); // only reads here
    const auto check = door.verifyTrail();
    if (!check) {
        state.message = check.error().message;
        return state;
    }
    state.read = true;
    state.holds = !check->failure;
    state.count = check->head.count;
    state.head = QString::fromLatin1(check->head.hash.toHex());
    if (check->failure) {
        state.failedAt = check->failedAt;
        state.message = check->failure->message;
    }
    return state;
}

} // namespace

TrailPanel::TrailPanel(QWidget* parent) : QFrame(parent), m_text(new QLabel), m_check(new QPushButton)
{
    setObjectName(QStringLiteral("trailPanel"));
    setFrameShape(QFrame::StyledPanel);
    m_text->setObjectName(QStringLiteral("trailText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_check->setText(tr("Check the tr&ail")); // Alt+T is the Tolerance field's
    m_check->setObjectName(QStringLiteral("trailCheckButton"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 2, 6, 2);
    row->addWidget(m_text, 1);
    row->addWidget(m_check);
    connect(m_check, &QPushButton::clicked, this, [this] {
        if (!m_path.isEmpty())
            checkInBackground(m_path);
    });
    connect(&m_watcher, &QFutureWatcher<TrailState>::finished, this, [this] {
        m_check->setEnabled(true);
        show(m_watcher.result());
    });
    qRegisterMetaType<kp::ui::TrailState>();
}

TrailPanel::~TrailPanel()
{
    m_watcher.waitForFinished();
}

void TrailPanel::checkInBackground(const QString& dbPath)
{
    m_path = dbPath;
    if (m_watcher.isRunning())
        return;
    m_check->setEnabled(false);
    m_text->setText(tr("Audit trail: checking every entry..."));
    m_text->setStyleSheet(QString());
    // SQLite connections belong to one thread: the worker opens its own.
    m_watcher.setFuture(QtConcurrent::run([dbPath, now = QDateTime::currentDateTimeUtc()] {
        const ThreadCryptoState cryptoState; // the chain's hashes
        return checkTrail(dbPath, now);
    }));
}

void TrailPanel::waitForCheck()
{
    m_watcher.waitForFinished();
    QCoreApplication::processEvents(); // deliver finished()
}

QString TrailPanel::text() const
{
    return m_text->text();
}

void TrailPanel::show(const TrailState& state)
{
    m_state = state;
    const QString when = QLocale().toString(state.checkedAt.toLocalTime(), QLocale::ShortFormat) +
                         QLatin1Char(' ') + state.checkedAt.toLocalTime().timeZoneAbbreviation();
    if (!state.read) {
        m_text->setText(tr("Audit trail: could not be read (%1). Checked %2.").arg(state.message, when));
        m_text->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    } else if (state.holds) {
        m_text->setText(
            tr("Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.", nullptr, int(state.count))
                .arg(state.head.left(16) + QStringLiteral("..."), when));
        m_text->setStyleSheet(QString());
    } else {
        m_text->setText(
            tr("Audit trail: BROKEN at entry %1 (%2). The %Ln entry(ies) before it hold. Export the "
               "trail (kpdesk-cli audit export) and report it. Checked %3.",
               nullptr, int(state.count))
                .arg(QLocale().toString(state.failedAt), state.message, when));
        m_text->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    }
    emit checked(state);
}

} // namespace kp::ui
