#include "records/SyncTrail.h"

#include <QCborArray>
#include <QCborMap>
#include <QUrl>

namespace kp {

namespace {

// A URL's user name and password never reach the trail.
QString withoutCredentials(const QString& source)
{
    const QUrl url(source);
    if (url.isValid() && !url.scheme().isEmpty() && url.scheme().size() > 1 && !url.userInfo().isEmpty())
        return url.toString(QUrl::RemoveUserInfo);
    return source;
}

} // namespace

Status noteSyncInTrail(DeskRecords& door, const Session& session, const QString& source,
                       const Result<SyncOutcome>& outcome)
{
    if (!outcome) {
        return door.note(session, QStringLiteral("sync_refused"),
                         QCborMap{{QStringLiteral("source"), withoutCredentials(source)},
                                  {QStringLiteral("code"), outcome.error().code},
                                  {QStringLiteral("reason"), outcome.error().message}});
    }
    if (outcome->applied.isEmpty())
        return success();
    QCborArray bundles;
    for (const IndexEntry& e : outcome->applied)
        bundles.append(
            QCborMap{{QStringLiteral("base"), qint64(e.base)}, {QStringLiteral("seq"), qint64(e.seq)}});
    return door.note(session, QStringLiteral("sync_applied"),
                     QCborMap{{QStringLiteral("source"), withoutCredentials(source)},
                              {QStringLiteral("from_seq"), qint64(outcome->fromSeq)},
                              {QStringLiteral("to_seq"), qint64(outcome->toSeq)},
                              {QStringLiteral("bundles"), bundles}});
}

Status noteVerificationInTrail(DeskRecords& door, const Session& session, const Inspection& inspection)
{
    return door.note(session, QStringLiteral("verification"),
                     QCborMap{{QStringLiteral("no"), inspection.number},
                              {QStringLiteral("verdict"), verdictName(inspection.verdict)},
                              {QStringLiteral("source"), sourceKindName(inspection.source)}});
}

} // namespace kp
