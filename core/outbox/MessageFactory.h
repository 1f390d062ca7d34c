#pragma once

// Makes the desk's messages (kp-outbox.md) from its records and signs them
// with the desk's key: an import confirmation when a shipment is released,
// a doubt when a supervisor escalates a case. The door (DeskRecords) calls
// the makers inside its transaction, with the message's number and the
// trail's head.

#include "crypto/Certificate.h"
#include "outbox/KpMessage.h"
#include "records/DeskRecords.h"

#include <memory>

namespace kp {

class Clock;

// Who signs: the enrolled desk.
struct MessageSigner
{
    QString deskId; // the desk certificate's CN
    QString participant;
    PrivateKey key;
    Certificate certificate;
};

class MessageFactory
{
public:
    // The makers keep the signer and `clock` (which must outlive them), not the factory.
    MessageFactory(MessageSigner signer, const Clock& clock)
        : m_signer(std::make_shared<const MessageSigner>(std::move(signer))), m_clock(clock)
    {}

    // The confirmation of a released inspection: parcels and mass as counted
    // and weighed (the certificate's when the check did not count them),
    // exporter and importer as on the certificate. `authority`: the importing
    // authority's name.
    MessageMaker confirmation(const InspectionRecord& inspection, const QString& officer,
                              const QString& authority) const;

    // The doubt of an escalated case: the inspection as it was seen, the
    // flag's reasons and notes, the latest decision, the addressees, and the
    // files (the scan and every attachment, 16 MiB at most in all). `pdf`:
    // the case for people, kept beside the message.
    MessageMaker doubt(const DeskRecords::CaseView& kase, const InspectionRecord& inspection,
                       const QStringList& to, const QByteArray& pdf) const;

private:
    static Result<OutboxMessage> seal(const MessageSigner& signer, const Clock& clock, MessageKind kind,
                                      quint64 n, const AuditHead& trail, const QCborMap& body);

    std::shared_ptr<const MessageSigner> m_signer;
    const Clock& m_clock;
};

// The body's parts on their own (tests, the authority's view).
namespace MessageBodies {
Result<QCborMap> confirmation(const InspectionRecord& inspection, const QString& officer,
                              const QString& authority, const QDate& received);
Result<QCborMap> doubt(const DeskRecords::CaseView& kase, const InspectionRecord& inspection,
                       const QStringList& to);
} // namespace MessageBodies

} // namespace kp
