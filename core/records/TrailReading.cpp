#include "records/TrailReading.h"

#include "util/Printable.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QLocale>
#include <QMap>
#include <QSet>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::TrailReading)
};

QString dataString(const AuditEntry& e, const char* key)
{
    return e.data.value(QLatin1String(key)).toString();
}

// The values of one field over the entries that could be read, sorted.
QStringList distinct(const QList<TrailRow>& rows, QString AuditEntry::*field)
{
    QSet<QString> seen;
    for (const TrailRow& r : rows)
        if (r.decoded)
            seen.insert(r.entry.*field);
    QStringList list(seen.begin(), seen.end());
    list.sort();
    return list;
}

} // namespace

QStringList TrailReading::actors() const
{
    return distinct(rows, &AuditEntry::actor);
}

QStringList TrailReading::kinds() const
{
    return distinct(rows, &AuditEntry::kind);
}

bool TrailFilter::matches(const TrailRow& row) const
{
    if (!row.decoded) // an entry that cannot be read is always shown: it is the news
        return true;
    const AuditEntry& e = row.entry;
    if (!actor.isEmpty() && e.actor != actor)
        return false;
    if (!kind.isEmpty() && e.kind != kind)
        return false;
    if (from.isValid() && e.at < from)
        return false;
    if (before.isValid() && e.at >= before)
        return false;
    if (!number.trimmed().isEmpty() &&
        dataString(e, "number").compare(number.trimmed(), Qt::CaseInsensitive) != 0)
        return false;
    if (!caseId.trimmed().isEmpty() &&
        !dataString(e, "case").startsWith(caseId.trimmed(), Qt::CaseInsensitive))
        return false;
    return true;
}

Result<TrailReading> readTrail(RecordsStore& store)
{
    TrailReading reading;
    AuditVerifier verifier;
    QMap<QString, AuditHead> sent;           // message id -> the head that went out with it
    AuditHead before;                        // the head before the entry being read
    AuditHead holding = verifier.position(); // the head of the last entry that holds
    const Status s = store.readAudit([&](const StoredAuditEntry& stored) {
        TrailRow row;
        auto decoded = AuditChain::decode(stored.entry);
        row.decoded = decoded.ok();
        if (decoded)
            row.entry = *decoded;
        else
            row.entry.n = stored.n;
        if (!reading.failure) {
            before = verifier.position();
            Status st = verifier.addEncoded(stored.entry, stored.hash);
            if (st && stored.n != verifier.count()) // the row's number must be the entry's own
                st = makeError(QStringLiteral("audit.sequence"),
                               Tr::tr("Entry %1 is stored as row %2.")
                                   .arg(QLocale().toString(verifier.count()), QLocale().toString(stored.n)));
            if (!st) {
                reading.failure = st.error();
                reading.failedAt = verifier.failed() ? verifier.failedAt() : verifier.count();
            }
            row.holds = st.ok();
            if (row.holds)
                holding = verifier.position();
        }
        // What the authority holds: the head a message was made with, once it got there.
        if (row.holds) {
            const QString message = dataString(row.entry, "message");
            if (row.entry.kind == QLatin1String("message_made"))
                sent.insert(message, before);
            else if ((row.entry.kind == QLatin1String("message_delivered") ||
                      row.entry.kind == QLatin1String("message_handed_over")) &&
                     sent.contains(message))
                reading.witnessed = TrailWitness{sent.value(message), row.entry.at, message};
        }
        reading.rows.append(row);
        return true;
    });
    if (!s)
        return s.error();
    reading.head = holding;
    return reading;
}

QString trailDataText(const QCborMap& data)
{
    QStringList parts;
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        const QCborValue v = it.value();
        QString text;
        if (v.isString())
            text = v.toString();
        else if (v.isInteger())
            text = QString::number(v.toInteger());
        else if (v.isBool())
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else
            text = v.toDiagnosticNotation(QCborValue::Compact);
        parts << QStringLiteral("%1: %2").arg(it.key().toString(), printable(text));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace kp
