#pragma once

// What the command line and the window need to make messages at this desk:
// the factory of an enrolled desk (or why there is none), the importing
// authority's name, and whom a doubt goes to by default.

#include "outbox/MessageFactory.h"

#include <optional>

namespace kp {

class CacheDatabase;

class DeskMessaging
{
public:
    // Never fails for a desk that is not enrolled: then notEnrolled() says
    // why and the makers are empty. A desk whose key or data cannot be read
    // is an error (a message must not silently stop being made).
    static Result<DeskMessaging> open(CacheDatabase& db, const Clock& clock);

    bool enrolled() const { return m_factory.has_value(); }
    const QString& notEnrolled() const { return m_notEnrolled; }
    const QString& authorityName() const { return m_authority; }

    MessageMaker confirmation(const InspectionRecord& inspection, const QString& officer) const;
    MessageMaker doubt(const DeskRecords::CaseView& kase, const InspectionRecord& inspection,
                       const QStringList& to, const QByteArray& pdf) const;

    // kp-outbox.md: the KP authorities concerned (the certificate's issuer
    // and this desk's own participant), the KP Chair and the WGM, as the
    // desk's contacts name them (an addressee without a contact is kept: the
    // authority routes it).
    static QStringList defaultAddressees(const QString& issuer, const QString& ownParticipant);
    // "BW: Ministry of Minerals <kp@minerals.gov.bw>" for each addressee the desk has a contact for.
    static Result<QStringList> describeAddressees(CacheDatabase& db, const QStringList& to);

private:
    std::optional<MessageFactory> m_factory;
    QString m_notEnrolled;
    QString m_authority;
};

} // namespace kp
