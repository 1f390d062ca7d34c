#include "OfficeReplication.h"

#include "cache/CacheDatabase.h"
#include "office/OfficeLink.h"
#include "office/OfficeWorker.h"
#include "outbox/DeskIdentity.h"

#include <QThread>

namespace kp::ui {

OfficeReplication::OfficeReplication(CacheDatabase& db, QObject* parent) : QObject(parent), m_db(db) {}

OfficeReplication::~OfficeReplication()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

void OfficeReplication::startIfLinked()
{
    if (auto link = OfficeLink::load(m_db); link && link->has_value())
        start();
}

void OfficeReplication::start(int intervalMs)
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    // The desk's events go up signed with its key when it is enrolled (docs/office.md).
    auto signer = [](CacheDatabase& db) -> Result<std::optional<OfficeSigner>> {
        auto identity = DeskIdentity::load(db);
        if (!identity)
            return identity.error().code == QLatin1String("outbox.not-enrolled")
                       ? Result<std::optional<OfficeSigner>>(std::nullopt)
                       : Result<std::optional<OfficeSigner>>(identity.error());
        return std::optional<OfficeSigner>(
            OfficeSigner{identity->deskId, identity->key, identity->certificate});
    };
    auto* worker = new OfficeWorker(m_db.path(), intervalMs, signer);
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &OfficeWorker::stateChanged, this, &OfficeReplication::stateChanged);
    connect(this, &OfficeReplication::runOnce, worker, &OfficeWorker::runOnce);
    m_thread->start();
    QMetaObject::invokeMethod(worker, &OfficeWorker::start, Qt::QueuedConnection);
}

} // namespace kp::ui
