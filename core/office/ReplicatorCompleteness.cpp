// The replicator's check that the office holds everything this desk made.

#include "office/Replicator.h"
#include "office/Replicator_p.h"

#include "office/OfficeDatabase.h"
#include "office/OfficeSchema_p.h"
#include "office/SetAside.h"

#include "cache/CacheDatabase.h"

#include <QCoreApplication>
#include <QSqlError>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Replicator)
};

} // namespace

using namespace replication;

Status Replicator::checkOfficeHoldsDesk()
{
    if (auto d = ensureDesk(); !d)
        return d;
    auto queued = waiting(m_desk);
    if (!queued)
        return queued.error();
    if (*queued > 0)
        return makeError(
            QStringLiteral("office.incomplete"),
            Tr::tr("%Ln record(s) of this desk are not at the office yet.", nullptr, int(*queued)));
    auto setAside = SetAside::count(m_desk);
    if (!setAside)
        return setAside.error();
    if (setAside->conflicts > 0)
        return makeError(QStringLiteral("office.conflict"),
                         Tr::tr("ALARM: the office holds other entries at %Ln place(s) of this desk's trail.",
                                nullptr, int(setAside->conflicts)));
    struct Count
    {
        QString what;
        QString desk;
        QString office;
    };
    const QList<Count> counts{
        {Tr::tr("cases"), QStringLiteral("SELECT count(*) FROM cases WHERE desk_name IS NULL"),
         QStringLiteral("SELECT count(*) FROM cases WHERE desk_id = ?")},
        {Tr::tr("case events"), QStringLiteral("SELECT count(*) FROM case_events WHERE origin IS NULL"),
         QStringLiteral("SELECT count(*) FROM case_events WHERE desk_id = ?")},
        {Tr::tr("inspections"), QStringLiteral("SELECT count(*) FROM inspections WHERE uuid IS NOT NULL"),
         QStringLiteral("SELECT count(*) FROM inspections WHERE desk_id = ?")},
        {Tr::tr("audit entries"), QStringLiteral("SELECT count(*) FROM audit"),
         QStringLiteral("SELECT count(*) FROM audit WHERE desk_id = ?")},
    };
    for (const Count& c : counts) {
        auto here = deskNumber(m_desk, c.desk);
        if (!here)
            return here.error();
        QSqlQuery q(m_office.connection());
        if (!run(q, c.office, {m_deskId}) || !q.next())
            return m_office.error(QStringLiteral("office.unreachable"), q);
        const qint64 there = q.value(0).toLongLong();
        if (there < *here)
            return makeError(
                QStringLiteral("office.incomplete"),
                Tr::tr("The office holds %1 of this desk's %2 %3.").arg(there).arg(*here).arg(c.what));
    }
    return success();
}

} // namespace kp
