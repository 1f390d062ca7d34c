#pragma once

// The officer's physical check of the shipment against the certificate:
// what is counted, weighed and read at the desk. Any mismatch turns the
// verdict to doubt, with the reason.

#include "format/CertificateRecord.h"
#include "verify/Inspection.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace kp {

struct PhysicalCheck
{
    QString declarationRef;                // customs declaration reference
    std::optional<quint64> parcelsCounted; // against `np`
    std::optional<double> massCarats;      // weighed, against the lots' carats
    double massToleranceCarats = 0.5;      // the scale's and the packing's allowance
    std::optional<bool> sealsIntact;
    QStringList sealNumbers;             // as read on the containers, against `seals`
    std::optional<bool> importerMatches; // importer on the declaration = `imp`

    bool isEmpty() const;
    // One human reason per mismatch; empty when everything checked matches.
    QStringList mismatches(const CertificateRecord& record) const;

    QJsonObject toJson() const;
    static PhysicalCheck fromJson(const QJsonObject& json);
};

// The verdict once the physical check is in: a mismatch gives at least doubt.
Verdict finalVerdict(Verdict verification, const QStringList& physicalMismatches);

} // namespace kp
