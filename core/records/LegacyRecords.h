#pragma once

// Records a desk kept before cases and the trail existed (schema 2 and 3:
// inspections without a UUID, flags in the old `flags` table). The records
// door adopts them once (DeskRecords::adoptLegacy), so that no flag raised
// before an upgrade is left out of the supervisors' queue.

#include "cases/CaseLife.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace kp {

struct LegacyFlag
{
    qint64 row = 0;       // the old flag's row
    QString inspectionId; // the inspection's UUID (given by assignInspectionIds)
    QString number;
    QString participant;
    QDateTime at;
    QString officer; // the name as it was typed then: nobody signed in
    QStringList reasons;
    QString notes;
    bool held = true;
    QList<EventAttachment> attachments; // name and data
};

class LegacyRecords
{
public:
    virtual ~LegacyRecords() = default;
    // Gives every inspection without a UUID one (and its participant, from
    // the inspection as stored). Inside the caller's transaction.
    virtual Status assignInspectionIds(const std::function<QString()>& newId) = 0;
    // The old flags not adopted yet, oldest first.
    virtual Result<QList<LegacyFlag>> legacyFlags() = 0;
    virtual Status markAdopted(qint64 row) = 0;
};

} // namespace kp
