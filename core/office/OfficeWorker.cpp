#include "office/OfficeWorker.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeLink.h"
#include "office/Replicator.h"
#include "office/SetAside.h"

#include "cache/CacheDatabase.h"

#include <QTimer>

namespace kp {

OfficeWorker::OfficeWorker(QString deskPath, int intervalMs, OfficeSignerSource signer)
    : m_deskPath(std::move(deskPath)), m_intervalMs(intervalMs), m_signer(std::move(signer))
{
    qRegisterMetaType<kp::OfficeState>();
}

OfficeWorker::~OfficeWorker() = default;

void OfficeWorker::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &OfficeWorker::runOnce);
    }
    m_timer->start(m_intervalMs);
    runOnce();
}

void OfficeWorker::stop()
{
    if (m_timer)
        m_timer->stop();
}

void OfficeWorker::runOnce()
{
    OfficeState s = m_state;
    s.pulled = 0;
    auto desk = CacheDatabase::open(m_deskPath, CacheDatabase::OpenMode::MustExist);
    if (!desk) {
        s.connected = false;
        s.error = desk.error().message;
        m_state = s;
        emit stateChanged(s);
        return;
    }
    auto link = OfficeLink::load(**desk);
    auto waiting = Replicator::waiting(**desk);
    s.waiting = waiting ? *waiting : s.waiting;
    s.configured = link && link->has_value();
    if (!link || !s.configured) {
        s.connected = false;
        s.error = link ? QString() : link.error().message;
        m_state = s;
        emit stateChanged(s);
        return;
    }
    s.office = (*link)->redacted();
    auto office = OfficeDatabase::connect(**link);
    if (!office) {
        s.connected = false;
        s.error = office.error().message;
        m_state = s;
        emit stateChanged(s);
        return;
    }
    Replicator replicator(**desk, **office);
    Result<ReplicationCount> count = ReplicationCount{};
    if (m_signer) {
        auto signer = m_signer(**desk);
        if (signer)
            replicator.setSigner(*signer);
        else
            count = signer.error(); // a key that cannot be read: nothing goes up unsigned instead
    }
    if (count)
        count = replicator.sync();
    s.connected = count.ok();
    s.error = count ? QString() : count.error().message;
    if (count) {
        s.pulled = count->cases + count->events;
        s.lastSuccess = QDateTime::currentDateTimeUtc();
    }
    if (auto w = Replicator::waiting(**desk))
        s.waiting = *w;
    if (auto n = SetAside::count(**desk)) {
        s.setAside = n->pulled;
        s.conflicts = n->conflicts;
    }
    m_state = s;
    emit stateChanged(s);
}

} // namespace kp
