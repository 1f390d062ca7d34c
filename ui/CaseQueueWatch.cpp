#include "CaseQueueWatch.h"

#include "records/RecordsStore.h"

namespace kp::ui {

CaseQueueWatch::CaseQueueWatch(RecordsStore& store, QObject* parent) : QObject(parent), m_store(store)
{
    connect(&m_timer, &QTimer::timeout, this, &CaseQueueWatch::poll);
}

void CaseQueueWatch::start(int intervalMs)
{
    m_timer.start(intervalMs);
    poll();
}

void CaseQueueWatch::stop()
{
    m_timer.stop();
}

bool CaseQueueWatch::poll()
{
    const auto mark = m_store.caseChangeMark();
    if (!mark) {
        // The queue's own read shows the error; once, not every second.
        const bool news = !m_failing;
        m_failing = true;
        if (news)
            emit changed();
        return news;
    }
    const bool moved = m_failing || (m_mark && *m_mark != *mark);
    m_failing = false;
    m_mark = *mark;
    if (moved)
        emit changed();
    return moved;
}

} // namespace kp::ui
