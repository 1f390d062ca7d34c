// The records door: an inspection's verification, physical check and release.

#include "records/DeskRecords.h"
#include "records/DeskRecordsRules_p.h"

#include "accounts/Permissions.h"
#include "util/Clock.h"
#include "util/Translation.h"
#include "verify/Recheck.h"

#include <QCborArray>
#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DeskRecords)
};

// The check as the trail holds it: integers only (masses in centicarats, as in KP1 records).
void putCheck(QCborMap& data, const PhysicalCheck& check)
{
    if (check.parcelsCounted)
        data.insert(QStringLiteral("parcels"), qint64(*check.parcelsCounted));
    if (check.massCarats)
        data.insert(QStringLiteral("mass_cct"), qint64(qRound64(*check.massCarats * 100.0)));
    if (check.sealsIntact)
        data.insert(QStringLiteral("seals_intact"), *check.sealsIntact);
    if (check.importerMatches)
        data.insert(QStringLiteral("importer_matches"), *check.importerMatches);
}

QCborMap checkData(const PhysicalCheck& check)
{
    QCborMap data;
    putCheck(data, check);
    return data;
}

// The mismatches are read against the certificate as it was stored, not as a
// caller says it was.
QStringList storedMismatches(const InspectionRecord& r, const PhysicalCheck& check)
{
    const QJsonValue cert = r.inspection.value(QStringLiteral("certificate"));
    if (cert.isObject())
        if (auto record = CertificateRecord::fromJson(cert.toObject()))
            return check.mismatches(*record);
    return {};
}

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
    // Its details are words of this language: a recheck in another compares statuses only.
    r.inspection.insert(DetailsLanguageKey, Translation::current());
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
        auto found = existingInspection(m_store, inspectionId);
        if (!found)
            return found.error();
        // A recorded check is a record: changing it is a correction, made on purpose.
        if (found->physical && !found->physical->isEmpty())
            return makeError(QStringLiteral("records.already-checked"),
                             Tr::tr("The physical check of this inspection is already recorded: record a "
                                    "correction, with its reason, to change it."));
        const QStringList mismatches = storedMismatches(*found, check);
        final = finalVerdict(found->verdict, mismatches);
        if (auto w = m_store.setPhysicalCheck(inspectionId, check, final); !w)
            return w.error();
        QCborMap data{{QStringLiteral("inspection"), inspectionId},
                      {QStringLiteral("final_verdict"), verdictName(final)},
                      {QStringLiteral("mismatches"), QCborArray::fromStringList(mismatches)}};
        putCheck(data, check);
        return Entry{QStringLiteral("physical_check"), data};
    });
    if (!s)
        return s.error();
    return final;
}

Result<Verdict> DeskRecords::correctPhysicalCheck(const Session& session, const QString& inspectionId,
                                                  const PhysicalCheck& check, const QString& reason)
{
    if (auto p = permit(session, Action::RecordPhysicalCheck); !p)
        return p.error();
    const QString why = reason.trimmed();
    if (why.isEmpty())
        return makeError(QStringLiteral("records.no-reason"), Tr::tr("A correction needs its reason."));
    if (auto t = checkText(why); !t)
        return t.error();
    Verdict final = Verdict::Reject;
    const Status s = transact(&session, session.actor(), [&]() -> Result<Entry> {
        auto found = existingInspection(m_store, inspectionId);
        if (!found)
            return found.error();
        const InspectionRecord& r = *found;
        if (!r.physical || r.physical->isEmpty())
            return makeError(QStringLiteral("records.not-checked"),
                             Tr::tr("No physical check of this inspection is recorded: there is nothing to "
                                    "correct."));
        if (r.physical->toJson() == check.toJson())
            return makeError(QStringLiteral("records.no-change"),
                             Tr::tr("The physical check is already so: nothing was corrected."));
        const QStringList mismatches = storedMismatches(r, check);
        final = finalVerdict(r.verdict, mismatches);
        // Only the inspection's check and verdict: a case opened on it stays
        // as it is (only a supervisor decides a case).
        InspectionCorrection c;
        c.id = newId();
        c.inspectionId = r.id;
        c.at = m_clock.nowUtc();
        c.officer = session.actor();
        c.officerId = session.accountId;
        c.reason = why;
        c.previous = *r.physical;
        c.previousVerdict = r.finalVerdict;
        c.check = check;
        c.finalVerdict = final;
        if (auto w = m_store.insertCorrection(c); !w)
            return w.error();
        return Entry{QStringLiteral("inspection_corrected"),
                     QCborMap{{QStringLiteral("inspection"), r.id},
                              {QStringLiteral("number"), r.number},
                              {QStringLiteral("correction"), c.id},
                              {QStringLiteral("reason"), why},
                              {QStringLiteral("previous_check"), checkData(c.previous)},
                              {QStringLiteral("previous_verdict"), verdictName(c.previousVerdict)},
                              {QStringLiteral("check"), checkData(check)},
                              {QStringLiteral("final_verdict"), verdictName(final)},
                              {QStringLiteral("mismatches"), QCborArray::fromStringList(mismatches)}}};
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
            auto found = existingInspection(m_store, inspectionId);
            if (!found)
                return found.error();
            const InspectionRecord& r = *found;
            auto held = m_store.heldByCase(r.id);
            if (!held)
                return held.error();
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
            else if (*held) // a correction to accept leaves the case to its supervisor
                refusal = makeError(QStringLiteral("records.not-releasable"),
                                    Tr::tr("A case holds this shipment: only a supervisor's decision on the "
                                           "case can release it."));
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
