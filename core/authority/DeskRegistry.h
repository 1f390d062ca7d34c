#pragma once

#include "authority/AuthorityPki.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace kp {

// One desk certificate the authority issued.
struct DeskEntry
{
    QString deskId;        // e.g. EU-ANR-03, the certificate's CN
    QByteArray certSha256; // SHA-256 of the certificate's DER
    QByteArray keySha256;  // SHA-256 of the desk's SubjectPublicKeyInfo
    QDateTime issued;
    QDateTime notAfter;
    QDateTime revoked; // invalid: not revoked

    bool isRevoked() const { return revoked.isValid(); }
};

// The home authority's list of the desks it enrolled and revoked
// (kp-outbox.md), kept in the PKI folder as desks.json, rewritten whole and
// atomically on each change. Desk certificates are issued with the home
// participant's authority CA (issuers/<home>/ca-key.pem). One writer at a
// time: the authority's own tools, run by its staff.
class DeskRegistry
{
public:
    // Loads the PKI and the list (no list yet: empty). Error codes: those of
    // AuthorityPki::load, "authority.desks" (the list cannot be read).
    static Result<DeskRegistry> open(const QString& pkiDir);
    static QString listPath(const QString& pkiDir);

    // Issues a desk certificate (PEM) for a request, valid `days` from now,
    // and records it. Refuses a request that does not verify, whose C is not
    // the home participant, whose CN is not a desk id of it, whose key is not
    // EC P-256 or Ed25519, or whose desk id is enrolled (not revoked) with
    // another key: a desk is enrolled again with the same key (renewal) or
    // after its revocation. Error codes: "authority.enrol", "authority.desks".
    Result<QByteArray> enrol(const QByteArray& csrPem, int days,
                             const QDateTime& now = QDateTime::currentDateTimeUtc());
    // Revokes every certificate of the desk not yet revoked. Error codes:
    // "authority.unknown-desk" (none to revoke), "authority.desks".
    Status revoke(const QString& deskId, const QDateTime& now = QDateTime::currentDateTimeUtc());

    // Oldest first.
    QList<DeskEntry> list() const { return m_entries; }
    // The desk's latest certificate, revoked or not.
    std::optional<DeskEntry> find(const QString& deskId) const;
    // The entry of exactly this certificate, if the authority issued it.
    std::optional<DeskEntry> entryFor(const Certificate& certificate) const;
    // Listed and revoked. A certificate the list does not know is not
    // "revoked" but unknown: ask entryFor.
    bool isRevoked(const Certificate& certificate) const;

    const AuthorityPki& pki() const { return m_pki; }

private:
    Status save() const;

    QString m_dir;
    AuthorityPki m_pki;
    QList<DeskEntry> m_entries;
};

} // namespace kp
