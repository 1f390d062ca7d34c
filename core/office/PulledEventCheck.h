#pragma once

// Whether a desk may apply a case event another desk sent through the office
// (issue 19, docs/office.md "What a desk trusts"). The office is shared by
// every desk and its superuser: nothing it holds is taken on its word. An
// event is applied only when
//  - it is signed (EventSignature) with a desk certificate that one of the
//    home authority's CAs this desk holds issued (not revoked), CA:FALSE,
//    digitalSignature, valid on the event's day, and not revoked in the
//    authority's list of desks (bundle part `desks`);
//  - the office desk id it claims is the one that certificate's desk (CN)
//    signed for first (office_signers): a desk cannot write as another;
//  - its attachments are the ones signed, each matching its SHA-256;
//  - the actor's role may take that step (accounts/Permissions), and a
//    decision keeps four eyes as at the desk itself.
// A check that fails is a reason (code and words) to set the row aside.

#include "office/EventBatch.h"
#include "office/EventSignature.h"

#include "cache/CacheTypes.h"

#include <QDate>
#include <QHash>

#include <optional>

namespace kp {

class CacheDatabase;

class PulledEventCheck
{
public:
    explicit PulledEventCheck(CacheDatabase& desk);
    // Reads the desk's participant and its authority CAs. Error: the desk's file.
    Status load();

    struct Row
    {
        SignedEventFields fields;
        QByteArray signerDer;             // empty: not signed
        QByteArray signature;             // the event's own (empty: only its batch's)
        QString batchId;                  // the push's signed batch it names (empty: none)
        QList<QByteArray> attachmentData; // in fields.files' order
    };
    // `flaggedBy`: who flagged the case, as this desk holds it (empty: not known).
    // Error codes: "office.unsigned", "office.signer", "office.revoked-desk", "office.signature",
    // "office.attachment", "office.role", "office.four-eyes", "office.desk" (the desk's file).
    // `signatureHolds`: the row's signature verified already (signaturesHold).
    Status check(const Row& row, const QString& flaggedBy, std::optional<bool> signatureHolds = std::nullopt);

    // Whether each row is signed with the key of the certificate it names,
    // by its batch (EventBatch: one verification per batch, then a hash per
    // event) or else by its own signature: only the arithmetic, which check()
    // then need not repeat. A pull does it before its write transaction, which
    // the officer's recording waits for (a page's thousand ECDSA checks took
    // 60 ms and more); which certificate may sign, and whether it was
    // revoked, check() still decides inside that transaction.
    static QList<bool> signaturesHold(const QList<Row>& rows, PulledBatches& batches);

private:
    // A desk certificate as a page meets it again and again: read, its key
    // and its revocation looked up once; whether it was valid on a day, once per day.
    struct Signer
    {
        std::optional<Certificate> certificate; // nullopt: cannot be read
        PublicKey key;
        Status notRevoked = success();
        QHash<QDate, Status> onDay;
    };
    Signer& signer(const QByteArray& der);
    Status checkCertificate(const Certificate& cert, const QDate& day);
    Status checkNotRevoked(const QByteArray& signerDer, const Certificate& cert);
    Result<QString> boundSigner(const QString& deskId);

    CacheDatabase& m_desk;
    QString m_participant;
    QList<std::pair<AuthorityCaEntry, Certificate>> m_cas; // read once, those that can be
    QHash<QByteArray, Signer> m_signers;                   // desk certificate (DER) -> what was found
    QHash<QString, QString> m_bound; // office desk id -> CN, as read or bound in this page
};

} // namespace kp
