#include "verify/AuthenticityChecks.h"

#include "cache/CacheDatabase.h"
#include "crypto/Certificate.h"
#include "crypto/Signature.h"
#include "format/Kp1.h"
#include "verify/DeskChecks.h"

#include <QCoreApplication>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Checks)
};

CheckResult result(const QString& name, CheckStatus status, const QString& detail)
{
    return CheckResult{name, status, detail};
}

// Chain, validity and revocation of a signer whose signature verified.
CheckResult checkSignerTrust(const Certificate& signer, const SignerEntry& entry,
                             const CertificateRecord& rec, const CacheDatabase& db, QString& dataError)
{
    const QString name = CheckName::Signer;
    const QString di = rec.issued.toString(Qt::ISODate);
    if (signer.subjectCountry() != rec.issuer)
        return result(name, CheckStatus::Fail,
                      Tr::tr("The document signer belongs to %1, not to the issuer %2.")
                          .arg(signer.subjectCountry(), rec.issuer));
    if (signer.isCa() || !signer.allowsDigitalSignature())
        return result(name, CheckStatus::Fail,
                      Tr::tr("The signer's certificate is not a document signer's."));
    if (!signer.validOn(rec.issued))
        return result(name, CheckStatus::Fail,
                      Tr::tr("The document signer was not valid on the date of issue %1 (valid %2 to %3).")
                          .arg(di, signer.notBefore().date().toString(Qt::ISODate),
                               signer.notAfter().date().toString(Qt::ISODate)));
    if (entry.revoked.isValid())
        return result(name, CheckStatus::Fail,
                      Tr::tr("The document signer was revoked on %1%2.")
                          .arg(entry.revoked.toString(Qt::ISODate),
                               entry.why.isEmpty() ? QString() : QStringLiteral(" (") + entry.why + u')'));

    QString chainProblem =
        Tr::tr("The document signer does not chain to an authority CA of %1.").arg(rec.issuer);
    const auto cas = db.authorityCas(rec.issuer);
    if (!cas) {
        dataError = cas.error().message;
        return DeskChecks::unreadable(name, cas.error());
    }
    for (const AuthorityCaEntry& caEntry : *cas) {
        const auto ca = Certificate::fromDer(caEntry.der);
        if (!ca || !signer.isIssuedBy(*ca))
            continue;
        if (!ca->isCa() || !ca->allowsCertSign() || ca->subjectCountry() != rec.issuer) {
            chainProblem =
                Tr::tr("The signer's issuing certificate is not an authority CA of %1.").arg(rec.issuer);
            continue;
        }
        if (caEntry.revoked.isValid()) {
            chainProblem = Tr::tr("The authority CA of %1 that issued the signer was revoked on %2.")
                               .arg(rec.issuer, caEntry.revoked.toString(Qt::ISODate));
            continue;
        }
        if (!ca->validOn(rec.issued)) {
            chainProblem =
                Tr::tr("The authority CA of %1 was not valid on the date of issue %2.").arg(rec.issuer, di);
            continue;
        }
        return result(name, CheckStatus::Pass,
                      Tr::tr("Signed by %1, a document signer of %2's authority, valid on %3.")
                          .arg(signer.subjectCommonName(), rec.issuer, di));
    }
    return result(name, CheckStatus::Fail, chainProblem);
}

} // namespace

AuthenticityResult checkAuthenticity(const SignedRecord& signedRecord, const CacheDatabase& db,
                                     bool cacheOutOfDate)
{
    AuthenticityResult out;
    const CoseSign1& cose = signedRecord.cose;
    const auto alg = coseAlgorithmFromId(cose.algorithmId);
    if (!alg) {
        out.signature = result(CheckName::Signature, CheckStatus::Fail,
                               Tr::tr("Unsupported signature algorithm %1.").arg(cose.algorithmId));
        out.signer =
            result(CheckName::Signer, CheckStatus::Skip, Tr::tr("Not checked: the signature is unusable."));
        return out;
    }
    if (cose.kid.size() != 8) {
        out.signature =
            result(CheckName::Signature, CheckStatus::Fail,
                   Tr::tr("The key identifier (kid) must be 8 bytes, not %1.").arg(cose.kid.size()));
        out.signer =
            result(CheckName::Signer, CheckStatus::Skip, Tr::tr("Not checked: no usable key identifier."));
        return out;
    }

    const auto signers = db.signersByKid(cose.kid);
    if (!signers) {
        out.dataError = signers.error().message;
        out.signature = DeskChecks::unreadable(CheckName::Signature, signers.error());
        out.signer = DeskChecks::unreadable(CheckName::Signer, signers.error());
        return out;
    }
    const QList<SignerEntry>& candidates = *signers;
    if (candidates.isEmpty()) {
        out.signature = result(CheckName::Signature, CheckStatus::Skip,
                               Tr::tr("Not checked: no known document signer has this key identifier."));
        out.signer =
            cacheOutOfDate
                ? result(CheckName::Signer, CheckStatus::Warn,
                         Tr::tr("The signer is unknown to this desk's data, which is out of date: sync "
                                "and scan again."))
                : result(CheckName::Signer, CheckStatus::Fail,
                         Tr::tr("The signer (kid %1) is unknown to the authorities' data.")
                             .arg(QString::fromLatin1(cose.kid.toHex())));
        return out;
    }

    const QByteArray tbs = cose.toBeSigned();
    QString failure;
    for (const SignerEntry& entry : candidates) {
        const auto cert = Certificate::fromDer(entry.der);
        if (!cert)
            continue;
        const Status verified = verifySignature(*alg, cert->publicKey(), tbs, cose.signature);
        if (!verified) {
            failure =
                verified.error().code == QLatin1String("crypto.alg-key-mismatch")
                    ? Tr::tr("The algorithm %1 does not match the signer's key.").arg(coseAlgorithmName(*alg))
                    : Tr::tr("The signature does not verify with the signer's key: the record was "
                             "altered or forged.");
            continue;
        }
        out.signature = result(CheckName::Signature, CheckStatus::Pass,
                               Tr::tr("%1 signature verified.").arg(coseAlgorithmName(*alg)));
        out.signer = checkSignerTrust(*cert, entry, signedRecord.record, db, out.dataError);
        out.signerSubject = cert->subjectCommonName();
        return out;
    }
    if (failure.isEmpty())
        failure = Tr::tr("The signer's certificate in the desk's data is unreadable.");
    out.signature = result(CheckName::Signature, CheckStatus::Fail, failure);
    out.signer =
        result(CheckName::Signer, CheckStatus::Skip, Tr::tr("Not checked: the signature did not verify."));
    return out;
}

} // namespace kp
