#include "authority/UsedRevocations.h"

#include <QMap>

namespace kp {

Result<QList<RevocationEntry>> UsedRevocations::fromLedger(const MessageLedger& ledger)
{
    auto confirmations = ledger.confirmations(); // by number, then date of receipt
    if (!confirmations)
        return confirmations.error();
    QList<RevocationEntry> used;
    for (const ConfirmationEntry& c : *confirmations) {
        if (!used.isEmpty() && used.last().number == c.number)
            continue;
        used.append({c.number, QStringLiteral("used"), c.received, c.participant, QString()});
    }
    return used;
}

QList<RevocationEntry> UsedRevocations::merge(const QList<RevocationEntry>& fromLedger,
                                              const QList<RevocationEntry>& explicitOnes)
{
    QMap<QString, RevocationEntry> byNumber;
    for (const RevocationEntry& e : fromLedger)
        byNumber.insert(e.number, e);
    for (const RevocationEntry& e : explicitOnes)
        byNumber.insert(e.number, e);
    return byNumber.values();
}

} // namespace kp
