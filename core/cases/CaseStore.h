#pragma once

// The desk's record of its work: every inspection as the officer saw it,
// and flags of reasonable doubt with their attachments, kept in the desk's
// cache file for supervisors' review. Who did what and when is stored with
// each entry.

#include "cases/PhysicalCheck.h"
#include "util/Result.h"
#include "verify/Inspection.h"

#include <QDateTime>
#include <QList>

namespace kp {

class CacheDatabase;

struct Attachment
{
    QString name; // e.g. "certificate.jpg", "container.jpg"
    QByteArray data;
};

struct Flag
{
    qint64 id = 0;
    qint64 inspectionId = 0;
    QDateTime at;
    QString officer;
    QStringList reasons;
    QString notes;
    bool held = true;
    QList<Attachment> attachments;
};

struct InspectionSummary
{
    qint64 id = 0;
    QDateTime at;
    QString officer;
    QString number;
    Verdict verdict = Verdict::Reject;      // of the verification
    Verdict finalVerdict = Verdict::Reject; // with the physical check
    bool flagged = false;
};

struct SavedInspection
{
    InspectionSummary summary;
    QJsonObject inspection; // Inspection::toJson() as it was then
    PhysicalCheck physical;
    QByteArray image; // the scanned image, when there was one (PNG)
    QList<Flag> flags;
};

// The verdict once the physical check is in: a mismatch gives at least doubt.
Verdict finalVerdict(Verdict verification, const QStringList& physicalMismatches);

class CaseStore
{
public:
    explicit CaseStore(CacheDatabase& db) : m_db(db) {}

    Result<qint64> saveInspection(const Inspection& inspection, const QString& officer,
                                  const QByteArray& imagePng = {});
    Status savePhysicalCheck(qint64 inspectionId, const PhysicalCheck& check, Verdict finalVerdict);
    // The flag and its attachments, in one transaction.
    Result<qint64> saveFlag(const Flag& flag);

    QList<InspectionSummary> inspectionsBetween(const QDateTime& from, const QDateTime& to) const;
    std::optional<SavedInspection> inspection(qint64 id) const;

private:
    CacheDatabase& m_db;
};

} // namespace kp
