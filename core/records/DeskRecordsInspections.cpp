// The records door: an inspection's verification, physical check and release.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "accounts/Permissions.h"
#include "util/Clock.h"

#include <QCborArray>
#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

} // namespace

using namespace deskrecords;

Result<QString> DeskRecords::recordVerification(const Session& session, const Inspection& inspection,
                                                const QByteArray& imagePng)
{
    if (auto p = permit(session, Action::Verify); !p)
        return p.error();
    InspectionRecord r;
    r.id = newId();
    r.at = inspection.verifiedAt.isValid() ? inspection.verifiedAt : m_clock.nowUtc();
    r.officer = session.actor();
    r.officerId = session.accountId;
    r.number = inspection.number;
    r.participant = inspection.certificate ? inspection.certificate->issuer : QString();
    r.verdict = inspection.verdict;
    r.finalVerdict = inspection.verdict;
    r.inspection = inspection.toJson();
    r.image = imagePng;
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        if (auto i = m_store.insertInspection(r); !i)
            return i.error();
        return Entry{QStringLiteral("verification"),
                     QCborMap{{QStringLiteral("inspection"), r.id},
                              {QStringLiteral("number"), r.number},
                              {QStringLiteral("verdict"), verdictName(r.verdict)}}};
    });
    if (!s)
        return s.error();
    return r.id;
}

Result<Verdict> DeskRecords::recordPhysicalCheck(const Session& session, const QString& inspectionId,
                                                 const PhysicalCheck& check)
{
    if (auto p = permit(session, Action::RecordPhysicalCheck); !p)
        return p.error();
    Verdict final = Verdict::Reject;
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = m_store.inspection(inspectionId);
        if (!found)
            return found.error();
        if (!found->has_value())
            return notFound(inspectionId);
        // The mismatches are read against the certificate as it was stored, not
        // as a caller says it was.
        QStringList mismatches;
        const QJsonValue cert = (*found)->inspection.value(QStringLiteral("certificate"));
        if (cert.isObject())
            if (auto record = CertificateRecord::fromJson(cert.toObject()))
                mismatches = check.mismatches(*record);
        final = finalVerdict((*found)->verdict, mismatches);
        if (auto w = m_store.setPhysicalCheck(inspectionId, check, final); !w)
            return w.error();
        QCborMap data{{QStringLiteral("inspection"), inspectionId},
                      {QStringLiteral("final_verdict"), verdictName(final)},
                      {QStringLiteral("mismatches"), QCborArray::fromStringList(mismatches)}};
        if (check.parcelsCounted)
            data.insert(QStringLiteral("parcels"), qint64(*check.parcelsCounted));
        if (check.massCarats) // integers only in the trail: centicarats, as in KP1 records
            data.insert(QStringLiteral("mass_cct"), qint64(qRound64(*check.massCarats * 100.0)));
        if (check.sealsIntact)
            data.insert(QStringLiteral("seals_intact"), *check.sealsIntact);
        if (check.importerMatches)
            data.insert(QStringLiteral("importer_matches"), *check.importerMatches);
        return Entry{QStringLiteral("physical_check"), data};
    });
    if (!s)
        return s.error();
    return final;
}

Status DeskRecords::release(const Session& session, const QString& inspectionId,
                            const MessageMaker& confirmation)
{
    std::optional<Error> refusal;
    const Status s = transact(
        &session, session.actor(),
        [&]() -> Result<Entry> {
            // Read, judged and written in one transaction (BEGIN IMMEDIATE):
            // two releases at once cannot both find the certificate unused.
            auto found = m_store.inspection(inspectionId);
            if (!found)
                return found.error();
            if (!found->has_value())
                return notFound(inspectionId);
            const InspectionRecord& r = **found;
            std::optional<ReleaseRecord> earlier;
            if (!r.number.isEmpty()) {
                auto released = m_store.releaseOf(r.number);
                if (!released)
                    return released.error();
                earlier = *released;
            }
            if (auto p = permit(session, Action::ReleaseAccepted); !p)
                refusal = p.error();
            else if (earlier)
                refusal = alreadyReleased(r.number, *earlier);
            else if (!r.physical || r.physical->isEmpty())
                refusal =
                    makeError(QStringLiteral("records.not-releasable"),
                              Tr::tr("No physical check was recorded: count and weigh the shipment first."));
            else if (r.finalVerdict != Verdict::Accept)
                refusal = makeError(
                    QStringLiteral("records.not-releasable"),
                    Tr::tr("The verdict is %1, not accept: only a supervisor's decision on a case can "
                           "release this shipment.")
                        .arg(verdictName(r.finalVerdict)));
            QCborMap data{{QStringLiteral("inspection"), r.id}, {QStringLiteral("number"), r.number}};
            if (refusal) {
                data.insert(QStringLiteral("reason"), refusal->code);
                return Entry{QStringLiteral("release_refused"), data};
            }
            // The release is what the `duplicate` check counts, not the scans.
            if (!r.number.isEmpty())
                if (auto w = m_store.insertRelease(r, m_clock.nowUtc(), QStringLiteral("officer"),
                                                   session.actor());
                    !w)
                    return w.error();
            return Entry{QStringLiteral("release"), data};
        },
        [&]() -> Status {
            if (refusal || !confirmation)
                return success();
            return makeMessage(session, confirmation, nullptr);
        });
    if (!s)
        return s;
    if (refusal)
        return *refusal;
    return success();
}

} // namespace kp
