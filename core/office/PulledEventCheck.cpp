#include "office/PulledEventCheck.h"

#include "util/IsoTime.h"

#include "accounts/Permissions.h"
#include "cache/CacheDatabase.h"
#include "cases/CaseLife.h"
#include "crypto/Sha256.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::PulledEventCheck)
};

Error deskFileError(const QSqlQuery& q)
{
    return makeError(QStringLiteral("office.desk"),
                     Tr::tr("The desk's file could not be read or written: %1").arg(q.lastError().text()));
}

Error signerError(const QString& message)
{
    return makeError(QStringLiteral("office.signer"), message);
}

} // namespace

PulledEventCheck::PulledEventCheck(CacheDatabase& desk) : m_desk(desk) {}

Status PulledEventCheck::load()
{
    auto participant = m_desk.participant();
    if (!participant)
        return participant.error();
    m_participant = *participant;
    if (m_participant.isEmpty())
        return success(); // no CA: every signed row is refused below
    auto cas = m_desk.authorityCas(m_participant);
    if (!cas)
        return cas.error();
    for (const AuthorityCaEntry& entry : std::as_const(*cas))
        if (auto ca = Certificate::fromDer(entry.der))
            m_cas.append({entry, *ca});
    return success();
}

PulledEventCheck::Signer& PulledEventCheck::signer(const QByteArray& der)
{
    auto found = m_signers.find(der);
    if (found != m_signers.end())
        return *found;
    Signer s;
    if (auto cert = Certificate::fromDer(der)) {
        s.certificate = *cert;
        s.key = cert->publicKey();
        s.notRevoked = checkNotRevoked(der, *cert);
    }
    return *m_signers.insert(der, s);
}

Status PulledEventCheck::checkCertificate(const Certificate& cert, const QDate& day)
{
    if (cert.isCa() || !cert.allowsDigitalSignature())
        return signerError(Tr::tr("The event is signed with a certificate that is not a desk's."));
    if (!day.isValid() || !cert.validOn(day))
        return signerError(Tr::tr("The desk certificate %1 was not valid when the event was made.")
                               .arg(cert.subjectCommonName()));
    for (const auto& [entry, ca] : std::as_const(m_cas)) {
        if (entry.revoked.isValid() && entry.revoked <= day)
            continue;
        if (cert.isIssuedBy(ca) && cert.subjectCountry() == ca.subjectCountry())
            return success();
    }
    return signerError(Tr::tr("The desk certificate %1 was not issued by an authority CA of %2 that this "
                              "desk holds.")
                           .arg(cert.subjectCommonName(), m_participant));
}

// The authority's list of desks (bundle part `desks`): a revoked desk
// certificate signs nothing this desk takes, whatever time the event claims,
// for the time is the signer's word (docs/spec-notes.md, issue 19).
Status PulledEventCheck::checkNotRevoked(const QByteArray& signerDer, const Certificate& cert)
{
    auto listed = m_desk.deskCertificate(Sha256::hash(signerDer));
    if (!listed)
        return makeError(QStringLiteral("office.desk"),
                         Tr::tr("The desk's file could not be read: %1").arg(listed.error().message));
    if (*listed && (*listed)->revoked.isValid())
        return makeError(QStringLiteral("office.revoked-desk"),
                         Tr::tr("The desk certificate %1 was revoked by the authority on %2.")
                             .arg(cert.subjectCommonName(), (*listed)->revoked.toString(Qt::ISODate)));
    return success();
}

Result<QString> PulledEventCheck::boundSigner(const QString& deskId)
{
    if (auto b = m_bound.constFind(deskId); b != m_bound.constEnd())
        return *b;
    QSqlQuery q(m_desk.connection());
    if (!q.prepare(QStringLiteral("SELECT signer FROM office_signers WHERE desk_id = ?")))
        return deskFileError(q);
    q.addBindValue(deskId);
    if (!q.exec())
        return deskFileError(q);
    const QString signer = q.next() ? q.value(0).toString() : QString();
    if (q.lastError().isValid())
        return deskFileError(q);
    if (!signer.isEmpty())
        m_bound.insert(deskId, signer);
    return signer;
}

QList<bool> PulledEventCheck::signaturesHold(const QList<Row>& rows, PulledBatches& batches)
{
    QHash<QByteArray, std::optional<PublicKey>> keys; // desk certificate (DER) -> its key
    QList<bool> holds;
    holds.reserve(rows.size());
    for (const Row& row : rows) {
        auto key = keys.find(row.signerDer);
        if (key == keys.end()) {
            const auto cert = Certificate::fromDer(row.signerDer);
            key = keys.insert(row.signerDer, cert ? std::optional(cert->publicKey()) : std::nullopt);
        }
        holds.append(
            batches.vouchesFor(row.batchId, row.signerDer, row.fields) ||
            (!row.signature.isEmpty() && *key && EventSignature::verify(row.fields, **key, row.signature)));
    }
    return holds;
}

Status PulledEventCheck::check(const Row& row, const QString& flaggedBy, std::optional<bool> signatureHolds)
{
    const SignedEventFields& f = row.fields;
    if (row.signerDer.isEmpty() || (row.signature.isEmpty() && row.batchId.isEmpty()))
        return makeError(QStringLiteral("office.unsigned"),
                         Tr::tr("The event is not signed by an enrolled desk."));
    Signer& by = signer(row.signerDer);
    const auto& cert = by.certificate;
    if (!cert)
        return signerError(Tr::tr("The event's desk certificate cannot be read."));
    const QDate day = parseIsoTime(f.at).date(); // as UTC, whatever offset it was written with
    auto valid = by.onDay.constFind(day);
    if (valid == by.onDay.constEnd())
        valid = by.onDay.insert(day, checkCertificate(*cert, day));
    if (!*valid)
        return *valid;
    if (!by.notRevoked) {
        if (by.notRevoked.error().code == QLatin1String("office.desk")) // the desk's file: not kept
            m_signers.remove(row.signerDer);
        return by.notRevoked;
    }
    if (signatureHolds != true) {    // not verified ahead, or to say why it fails
        if (row.signature.isEmpty()) // its batch does not list it as signed (signaturesHold)
            return makeError(QStringLiteral("office.signature"),
                             Tr::tr("The event is not in the signed batch %1 it names.").arg(row.batchId));
        if (auto s = EventSignature::verify(f, by.key, row.signature); !s)
            return s;
    }
    // The office's desk id is this signer's: the first one to sign for it keeps it.
    auto bound = boundSigner(f.deskId);
    if (!bound)
        return bound.error();
    const QString cn = cert->subjectCommonName();
    if (bound->isEmpty()) {
        QSqlQuery q(m_desk.connection());
        if (!q.prepare(QStringLiteral("INSERT INTO office_signers(desk_id, signer) VALUES(?, ?)")))
            return deskFileError(q);
        q.addBindValue(f.deskId);
        q.addBindValue(cn);
        if (!q.exec())
            return deskFileError(q);
        m_bound.insert(f.deskId, cn);
    } else if (*bound != cn) {
        return signerError(Tr::tr("The event claims the desk %1, which the desk certificate %2 signs for; "
                                  "it is signed by %3.")
                               .arg(f.deskId, *bound, cn));
    }
    for (qsizetype i = 0; i < f.files.size(); ++i)
        if (i >= row.attachmentData.size() ||
            Sha256::hash(row.attachmentData.at(i)).toHex() != f.files.at(i).sha256Hex.toLower().toLatin1())
            return makeError(
                QStringLiteral("office.attachment"),
                Tr::tr("The attachment %1 is not the file that was signed.").arg(f.files.at(i).name));

    // The step, checked as the desk that made it checked it.
    const auto kind = caseEventKindFromName(f.kind);
    auto role = parseRole(f.role);
    if (!kind || !role)
        return makeError(
            QStringLiteral("office.role"),
            Tr::tr("The event '%1' by %2 (%3) is not one a desk can take.").arg(f.kind, f.actor, f.role));
    if (auto p = Permissions::check(*role, CaseLife::actionFor(*kind)); !p)
        return makeError(QStringLiteral("office.role"), p.error().message);
    if (*kind == CaseEventKind::Decision) {
        const QJsonObject data = QJsonDocument::fromJson(f.data.toUtf8()).object();
        const bool onePersonPost = data.value(QStringLiteral("four_eyes")).toString() ==
                                   decisionBasisName(DecisionBasis::OnePersonPost);
        if (auto d = Permissions::mayDecide(*role, f.actor, flaggedBy, onePersonPost); !d)
            return makeError(QStringLiteral("office.four-eyes"), d.error().message);
    }
    return success();
}

} // namespace kp
