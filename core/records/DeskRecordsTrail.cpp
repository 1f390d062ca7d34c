// The records door: the trail verified and exported.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "audit/AuditExport.h"

#include <QCoreApplication>
#include <QLocale>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

} // namespace

Result<TrailCheck> DeskRecords::verifyTrail()
{
    TrailCheck check;
    AuditVerifier verifier;
    const Status s = m_store.readAudit([&](const StoredAuditEntry& row) {
        ++check.rows;
        Status st = verifier.addEncoded(row.entry, row.hash);
        if (st && row.n != verifier.count()) // the row's number must be the entry's own
            st = makeError(QStringLiteral("audit.sequence"),
                           Tr::tr("Entry %1 is stored as row %2.")
                               .arg(QLocale().toString(verifier.count()), QLocale().toString(row.n)));
        if (!st) {
            check.failure = st.error();
            check.failedAt = verifier.failed() ? verifier.failedAt() : verifier.count();
            return false;
        }
        return true;
    });
    if (!s)
        return s.error();
    check.head = verifier.position();
    return check;
}

Result<AuditHead> DeskRecords::exportTrail(QIODevice* out)
{
    AuditExportWriter writer(out);
    std::optional<Error> failure;
    const Status s = m_store.readAudit([&](const StoredAuditEntry& row) {
        if (auto w = writer.addEncoded(row.entry, row.hash); !w) {
            failure = w.error();
            return false;
        }
        return true;
    });
    if (!s)
        return s.error();
    if (failure)
        return *failure;
    return writer.head();
}

} // namespace kp
