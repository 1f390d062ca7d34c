// The records door: what a desk recorded before it kept cases, adopted.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "util/Clock.h"

#include <QJsonArray>

namespace kp {

using namespace deskrecords;

const QString DeskRecords::LegacyActor = QStringLiteral("kpdesk:upgrade");

Result<int> DeskRecords::adoptLegacy(LegacyRecords& legacy)
{
    if (auto d = deskId(); !d)
        return d.error();
    if (auto b = m_store.begin(); !b)
        return b.error();
    auto fail = [&](const Error& e) -> Result<int> {
        m_store.rollback();
        return e;
    };
    if (auto ids = legacy.assignInspectionIds(&newId); !ids)
        return fail(ids.error());
    auto flags = legacy.legacyFlags();
    if (!flags)
        return fail(flags.error());
    for (const LegacyFlag& flag : *flags) {
        // The event keeps the old flag's time and the name typed then; the
        // trail says the upgrade wrote it, now, and that nobody signed in.
        CaseRecord record{newId(), flag.inspectionId, flag.at.isValid() ? flag.at : m_clock.nowUtc(),
                          m_deskId, QString()};
        CaseEvent e;
        e.actor = flag.officer;
        e.data = QJsonObject{{QStringLiteral("reasons"), QJsonArray::fromStringList(flag.reasons)},
                             {QStringLiteral("notes"), flag.notes},
                             {QStringLiteral("held"), flag.held},
                             {QStringLiteral("adopted"), true}};
        e.attachments = sealAttachments(flag.attachments); // kept whatever today's size limit
        auto entry = openCase(record, e, flag.number, flag.participant);
        if (!entry)
            return fail(entry.error());
        entry->data.insert(QStringLiteral("legacy_flag"), flag.row);
        entry->data.insert(QStringLiteral("flagged_by"), flag.officer);
        if (auto m = legacy.markAdopted(flag.row); !m)
            return fail(m.error());
        if (auto a = append(LegacyActor, *entry); !a)
            return fail(a.error());
    }
    if (auto c = m_store.commit(); !c)
        return c.error();
    return int(flags->size());
}

} // namespace kp
