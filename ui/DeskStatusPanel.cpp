#include "DeskStatusPanel.h"

#include "LocalTime.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace kp::ui {

namespace {

QString age(const QDateTime& from, const QDateTime& now)
{
    const qint64 hours = from.secsTo(now) / 3600;
    if (hours < 48)
        return DeskStatusPanel::tr("%Ln hour(s) old", nullptr, int(hours));
    return DeskStatusPanel::tr("%Ln day(s) old", nullptr, int(hours / 24));
}

} // namespace

DeskStatusPanel::DeskStatusPanel(QWidget* parent)
    : QWidget(parent), m_demo(new QLabel(this)), m_desk(new QLabel(this)), m_stale(new QLabel(this)),
      m_sync(new QPushButton(tr("&Sync now"), this))
{
    m_demo->setObjectName(QStringLiteral("demoLabel"));
    m_demo->setText(tr("DEMO: demo data, not real certificates"));
    m_demo->setStyleSheet(
        QStringLiteral("QLabel { background: #6a1b9a; color: white; font-weight: bold; padding: 2px 8px; }"));
    m_desk->setObjectName(QStringLiteral("deskLabel"));
    m_stale->setObjectName(QStringLiteral("staleWarning"));
    m_stale->setStyleSheet(
        QStringLiteral("QLabel { background: #8a5a00; color: white; font-weight: bold; padding: 2px 8px; }"));
    // Long words (another language, a long date) wrap instead of widening the window.
    for (QLabel* label : {m_demo, m_desk, m_stale})
        label->setWordWrap(true);
    // A wrapped label asks for its text on one line; the badge gives the
    // desk's own line the room instead (about 24 characters a line).
    m_demo->setMaximumWidth(m_demo->fontMetrics().averageCharWidth() * 24);
    m_sync->setObjectName(QStringLiteral("syncNow"));
    m_sync->setToolTip(tr("Bring the desk's data up to date (F5)"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_demo);
    layout->addWidget(m_desk, 1);
    layout->addWidget(m_stale);
    layout->addWidget(m_sync);
    m_demo->hide();
    m_stale->hide();
}

void DeskStatusPanel::update(const QString& participant, const SyncState& state, const QDateTime& now,
                             bool demo)
{
    m_demo->setVisible(demo);
    if (state.seq == 0) {
        m_desk->setText(tr("Desk of %1 · never synced").arg(participant));
    } else {
        m_desk->setText(tr("Desk of %1 · data seq %2, published %3 (%4)")
                            .arg(participant)
                            .arg(QLocale().toString(state.seq))
                            .arg(localTimeWithZone(state.publishedAt, QStringLiteral("yyyy-MM-dd HH:mm")),
                                 age(state.publishedAt, now)));
    }
    const bool stale = state.seq == 0 || !state.freshUntil.isValid() || now > state.freshUntil;
    m_stale->setText(
        state.seq == 0
            ? tr("NO DATA: sync before relying on verdicts")
            : tr("STALE since %1: sync now")
                  .arg(leftToRight(state.freshUntil.toLocalTime().toString(QStringLiteral("yyyy-MM-dd")))));
    m_stale->setVisible(stale);
    m_stale->setAccessibleName(stale ? m_stale->text() : QString());
}

bool DeskStatusPanel::staleShown() const
{
    return !m_stale->isHidden();
}

QString DeskStatusPanel::summary() const
{
    return m_desk->text();
}

} // namespace kp::ui
