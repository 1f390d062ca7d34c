#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace kp {

// scrypt cost parameters (RFC 7914): N (CPU/memory cost, a power of 2),
// r (block size), p (parallelism). Memory is about 128 * r * N bytes.
struct ScryptParams
{
    quint64 n = 16384;
    quint32 r = 8;
    quint32 p = 1;

    // The desk's parameters: N = 2^14, r = 8, p = 1 (16 MiB), median 49-77 ms
    // per verification on the reference machine while it was busy; N = 2^15
    // took 250-540 ms there, over the 300 ms sign-in budget
    // (docs/audit-and-accounts.md, bench/accounts).
    static constexpr ScryptParams desk() { return {}; }

    // What new hashes take: desk(), unless this is a test process that asked
    // for lighter ones (useLighterInTests).
    static ScryptParams defaults();

    // For the tests' processes only (tests/support: isolateFromUserMachine),
    // never the programs': every account and sign-in of a test would cost 16
    // MiB of scrypt, most of the window tests' time under the sanitizers.
    // The hashing is the same code; hashes at desk(), which the programs the
    // tests start make, are not made again at sign-in.
    static void useLighterInTests();

    // Accepted bounds, for hashing and for reading a stored string: N a power
    // of 2 from 2 to 2^20, r from 1 to 32, p from 1 to 16, 128 * r * N at most 1 GiB.
    bool isSupported() const;
    quint64 memoryBytes() const { return 128 * quint64(r) * n; }

    friend bool operator==(const ScryptParams&, const ScryptParams&) = default;
};

// Stored password hashes, self-describing so parameters can be raised later:
//   scrypt$N=16384,r=8,p=1$<salt>$<hash>
// salt 16 random bytes, hash 32 bytes, both base64 (RFC 4648 §4) without
// "=" padding. The password is taken as UTF-8 of its Unicode NFC form, so a
// passphrase typed with composed or decomposed accents is the same.
class PasswordHash
{
public:
    static constexpr int SaltSize = 16;
    static constexpr int HashSize = 32;

    // A new stored string with a fresh random salt.
    // Error codes: "accounts.bad-params", "accounts.crypto".
    static Result<QString> hash(const QString& password,
                                const ScryptParams& params = ScryptParams::defaults());

    // Checks a password against a stored string, comparing in constant time.
    // Error codes: "accounts.wrong-password", "accounts.bad-hash" (the stored
    // string is not one this code wrote, or asks for unsupported parameters:
    // nothing is computed then), "accounts.crypto".
    static Status verify(const QString& password, const QString& stored);

    // The parameters a stored string was made with; "accounts.bad-hash".
    static Result<ScryptParams> paramsOf(const QString& stored);

    // True when the stored string should be made again (after a successful
    // sign-in, when the password is at hand): made with other parameters than
    // wanted, or not readable.
    static bool needsRehash(const QString& stored, const ScryptParams& wanted = ScryptParams::defaults());

    // Raw scrypt, for the RFC 7914 test vectors.
    static Result<QByteArray> scrypt(const QByteArray& password, const QByteArray& salt,
                                     const ScryptParams& params, int length);
};

// Rules a new password must follow (not applied to existing ones at sign-in).
struct PasswordRules
{
    int minLength = 10;   // characters (Unicode code points)
    int maxLength = 1024; // so a pasted file is not hashed

    // Error codes: "accounts.password-too-short", "accounts.password-too-long",
    // "accounts.password-is-name" (the password is the account's name).
    Status check(const QString& password, const QString& accountName = {}) const;
};

} // namespace kp
