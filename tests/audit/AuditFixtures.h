#pragma once

// Trails made for the audit tests: entries with varied data, their encodings
// and hashes, as a records store would keep them.
#include "audit/AuditChain.h"

#include <QCborArray>
#include <QList>

namespace kp::test {

struct StoredEntry
{
    QByteArray encoded;
    QByteArray hash;
};

inline AuditEntry sampleEntry(quint64 n, const QByteArray& pad = {})
{
    static const char* const kinds[] = {"sign_in", "verification", "physical_check",
                                        "flagged", "note",         "sign_out"};
    AuditEntry e;
    e.n = n;
    e.at = QDateTime(QDate(2026, 11, 30), QTime(7, 0), Qt::UTC).addMSecs(qint64(n) * 1537);
    e.desk = QStringLiteral("BW-GAB-1");
    e.actor = n % 3 == 0 ? QStringLiteral("kagiso") : QStringLiteral("anna");
    e.kind = QString::fromLatin1(kinds[n % 6]);
    e.data.insert(QStringLiteral("number"), QStringLiteral("BW-2026-%1").arg(n, 6, 10, QLatin1Char('0')));
    e.data.insert(QStringLiteral("carats"), qint64(n) * 1000 + 37); // hundredths of a carat: integers
    e.data.insert(QStringLiteral("verdict"), n % 7 == 0 ? QStringLiteral("doubt") : QStringLiteral("accept"));
    e.data.insert(QStringLiteral("held"), n % 5 == 0);
    e.data.insert(QStringLiteral("reasons"), QCborArray{QStringLiteral("weight"), QStringLiteral("seal")});
    e.data.insert(QStringLiteral("sha256"), QByteArray(32, char(n)));
    if (!pad.isEmpty())
        e.data.insert(QStringLiteral("note"), QString::fromLatin1(pad));
    return e;
}

inline QList<StoredEntry> sampleTrail(int count, const QByteArray& pad = {})
{
    QList<StoredEntry> trail;
    QByteArray prev = AuditChain::genesis();
    for (int i = 1; i <= count; ++i) {
        const QByteArray encoded = *AuditChain::encode(sampleEntry(quint64(i), pad));
        prev = AuditChain::link(prev, encoded);
        trail.append({encoded, prev});
    }
    return trail;
}

} // namespace kp::test
