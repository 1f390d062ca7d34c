#pragma once

// Where the office's PostgreSQL server is (docs/office.md): a libpq URL,
// postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&host=/socket/dir].
// The password is a secret: it is kept apart (OfficeLink), and every text
// shown or logged is made by redacted(), which never holds it.

#include "util/Result.h"

#include <QString>

namespace kp {

struct OfficeUrl
{
    QString user;
    QString password; // never shown, logged nor put in the trail
    QString host;     // a name, an address, or a folder holding the server's unix socket
    int port = 5432;
    QString database;
    QString sslmode; // disable, allow, prefer, require, verify-ca, verify-full; empty: libpq's default
    QString sslrootcert;

    // Error code "office.url" (the reason, never the password).
    static Result<OfficeUrl> parse(const QString& text);
    // The URL with its password, for the connection only.
    QString toString() const;
    // The URL without its password ("postgresql://kp@host:5432/office?sslmode=require").
    QString redacted() const;
    // `text` with the password, if it appears, replaced by "***" (a server's
    // error messages, a URL typed by a person).
    QString scrub(const QString& text) const;
};

} // namespace kp
