#pragma once

#include "crypto/Certificate.h"

#include <QDateTime>
#include <QString>

namespace kp {

class CacheDatabase;

// Who this desk is to its home authority (kp-outbox.md, "The desk's key"):
// its desk id, participant, private key and installed desk certificate.
//
// The private key lives in a file beside the desk's database,
// `<db>.desk-key.pem` (PKCS #8, unencrypted), readable by the desk's user
// only. It is never logged nor written to the trail. The database's `meta`
// keeps the requested desk id and the installed certificate.
struct DeskIdentity
{
    QString deskId;
    QString participant;
    PrivateKey key;
    Certificate certificate;

    // Error codes: "outbox.not-enrolled" (no installed certificate; the
    // message says how to enrol), "outbox.key" (the key file is missing,
    // unreadable, readable by others or does not match the certificate),
    // "cache.read".
    static Result<DeskIdentity> load(CacheDatabase& db);
    // The day the home authority revoked this certificate, as its list of
    // desks (bundle part `desks`) says; a null date when it did not. Error
    // codes: "cache.read".
    static Result<QDate> revokedOn(const CacheDatabase& db, const Certificate& certificate);
    // `<db>.desk-key.pem`
    static QString keyPath(const CacheDatabase& db);
};

// Enrolment, desk side: make the key and the request, then install the
// certificate the authority issued (kpdesk-cli enrol).
namespace DeskEnrolment {

// A desk id is the participant code, the post and the desk, e.g. EU-ANR-03:
// capital letters and digits in parts joined by '-', at most 64 characters.
bool isValidDeskId(const QString& participant, const QString& deskId);

// Makes the desk's key (EC P-256) unless a request is pending (a key without
// an installed certificate: its key is reused), records the desk id and
// returns a PKCS #10 request (PEM) with C = participant, CN = deskId.
// A desk with an installed certificate is enrolled again only with `force`:
// then a new key replaces the old one and the old certificate is removed.
// Error codes: "outbox.not-initialised", "outbox.desk-id", "outbox.enrolled",
// "outbox.key", "cache.read", "cache.write".
Result<QByteArray> request(CacheDatabase& db, const QString& deskId, bool force);

// Checks a desk certificate (PEM) against the desk's key, participant and
// requested desk id, its extensions, its validity at `now`, and that one of
// the participant's authority CAs the desk holds issued it; then installs it.
// Error codes: "outbox.not-requested", "outbox.certificate", "outbox.key",
// "cache.read", "cache.write".
Status install(CacheDatabase& db, const QByteArray& certPem,
               const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace DeskEnrolment

} // namespace kp
