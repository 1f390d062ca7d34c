#include "authority/DeskTrailCheck.h"

#include "audit/AuditExport.h"

#include <QMultiMap>

namespace kp {

QString trailMismatchKindName(TrailMismatch::Kind kind)
{
    switch (kind) {
    case TrailMismatch::Kind::Different:
        return QStringLiteral("different");
    case TrailMismatch::Kind::Missing:
        return QStringLiteral("missing");
    }
    return QString();
}

Result<DeskTrailReport> DeskTrailCheck::check(QIODevice* exported, const QList<AuditPair>& pairs)
{
    QMultiMap<quint64, AuditPair> byCount;
    for (const AuditPair& p : pairs)
        byCount.insert(p.audit.count, p);

    DeskTrailReport report;
    const auto compare = [&](quint64 count, const QByteArray& hash) {
        for (auto it = byCount.constFind(count); it != byCount.cend() && it.key() == count; ++it) {
            ++report.checked;
            if (it->audit.hash != hash)
                report.mismatches.append({TrailMismatch::Kind::Different, *it, hash});
        }
    };
    // Entry 0: a head sent before the trail had any entry.
    QByteArray head = AuditChain::genesis();
    compare(0, head);

    AuditExportCheck check;
    check.onEntry = [&](const AuditEntry& entry) {
        // The export verified this entry's bytes as its deterministic
        // encoding, so encoding it again gives the bytes that were hashed.
        head = AuditChain::link(head, *AuditChain::encode(entry, check.limits));
        compare(entry.n, head);
    };
    auto read = readAuditExport(exported, check);
    if (!read)
        return read.error();
    report.trail = *read;
    for (auto it = std::as_const(byCount).upperBound(read->count); it != byCount.cend(); ++it) {
        ++report.checked;
        report.mismatches.append({TrailMismatch::Kind::Missing, *it, {}});
    }
    return report;
}

} // namespace kp
