#include "accounts/PasswordHash.h"
#include "crypto/Scrypt.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <atomic>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::PasswordHash)
};

constexpr quint64 kMaxMemory = quint64(1) << 30;

QByteArray passwordBytes(const QString& password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

// Zeroes a copy of a password when it goes out of scope.
struct Wiped
{
    QByteArray bytes;
    ~Wiped() { wipe(bytes); }
};

constexpr auto kBase64 = QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals;

struct Stored
{
    ScryptParams params;
    QByteArray salt;
    QByteArray hash;
};

Error badHash(const QString& detail)
{
    return makeError(QStringLiteral("accounts.bad-hash"),
                     Tr::tr("The stored password hash is unusable: %1").arg(detail));
}

// Strict base64 without padding: what decodes must encode back the same.
bool decodeBase64(const QString& text, QByteArray& out)
{
    const QByteArray latin = text.toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(latin, kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64(kBase64) != latin)
        return false;
    out = decoded.decoded;
    return true;
}

Result<Stored> parse(const QString& stored)
{
    static const QRegularExpression form(
        QStringLiteral("\\Ascrypt\\$N=([1-9][0-9]{0,9}),r=([1-9][0-9]{0,2}),p=([1-9][0-9]{0,2})\\$([A-Za-z0-"
                       "9+/]+)\\$([A-Za-z0-9+/]+)\\z"));
    const auto m = form.match(stored);
    if (!m.hasMatch())
        return badHash(Tr::tr("it is not of the form scrypt$N=\u2026,r=\u2026,p=\u2026$salt$hash"));
    Stored s;
    s.params.n = m.captured(1).toULongLong();
    s.params.r = m.captured(2).toUInt();
    s.params.p = m.captured(3).toUInt();
    if (!s.params.isSupported())
        return badHash(Tr::tr("its parameters are outside what this desk accepts"));
    if (!decodeBase64(m.captured(4), s.salt) || !decodeBase64(m.captured(5), s.hash))
        return badHash(Tr::tr("its salt or hash is not base64"));
    if (s.salt.size() < PasswordHash::SaltSize || s.salt.size() > 64 ||
        s.hash.size() < PasswordHash::HashSize || s.hash.size() > 64)
        return badHash(Tr::tr("its salt or hash has the wrong length"));
    return s;
}

QString format(const ScryptParams& params, const QByteArray& salt, const QByteArray& hash)
{
    return QStringLiteral("scrypt$N=%1,r=%2,p=%3$%4$%5")
        .arg(params.n)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(salt.toBase64(kBase64)), QString::fromLatin1(hash.toBase64(kBase64)));
}

} // namespace

bool ScryptParams::isSupported() const
{
    const bool powerOfTwo = n >= 2 && (n & (n - 1)) == 0;
    return powerOfTwo && n <= (quint64(1) << 20) && r >= 1 && r <= 32 && p >= 1 && p <= 16 &&
           memoryBytes() <= kMaxMemory;
}

Result<QByteArray> PasswordHash::scrypt(const QByteArray& password, const QByteArray& salt,
                                        const ScryptParams& params, int length)
{
    if (!params.isSupported() || length < 1 || length > 1024)
        return makeError(QStringLiteral("accounts.bad-params"),
                         Tr::tr("The scrypt parameters N=%1, r=%2, p=%3 are not supported.")
                             .arg(params.n)
                             .arg(params.r)
                             .arg(params.p));
    // OpenSSL needs 128 * r * (N + p + 2) bytes and a little more; allow that, not its 32 MiB default.
    const quint64 maxMemory = 128 * quint64(params.r) * (params.n + params.p + 2) + (quint64(1) << 20);
    QByteArray out;
    QString error;
    if (!scryptDerive(password, salt, params.n, params.r, params.p, maxMemory, length, out, error))
        return makeError(QStringLiteral("accounts.crypto"), Tr::tr("scrypt failed: %1").arg(error));
    return out;
}

Result<QString> PasswordHash::hash(const QString& password, const ScryptParams& params)
{
    const QByteArray salt = randomBytes(SaltSize);
    if (salt.size() != SaltSize)
        return makeError(QStringLiteral("accounts.crypto"), Tr::tr("No random bytes for the salt."));
    const Wiped pw{passwordBytes(password)};
    auto derived = scrypt(pw.bytes, salt, params, HashSize);
    if (!derived)
        return derived.error();
    return format(params, salt, *derived);
}

Status PasswordHash::verify(const QString& password, const QString& stored)
{
    auto s = parse(stored);
    if (!s)
        return s.error();
    const Wiped pw{passwordBytes(password)};
    auto derived = scrypt(pw.bytes, s->salt, s->params, int(s->hash.size()));
    if (!derived)
        return derived.error();
    if (!constantTimeEqual(*derived, s->hash))
        return makeError(QStringLiteral("accounts.wrong-password"), Tr::tr("Wrong name or password."));
    return success();
}

Result<ScryptParams> PasswordHash::paramsOf(const QString& stored)
{
    auto s = parse(stored);
    if (!s)
        return s.error();
    return s->params;
}

namespace {
// Set once, before a test's threads start.
std::atomic<bool> lighterInTests = false;
// 128 KiB: scrypt's work, a thousandth of its cost.
constexpr ScryptParams LighterInTests{1024, 8, 1};
} // namespace

ScryptParams ScryptParams::defaults()
{
    return lighterInTests ? LighterInTests : desk();
}

void ScryptParams::useLighterInTests()
{
    lighterInTests = true;
}

bool PasswordHash::needsRehash(const QString& stored, const ScryptParams& wanted)
{
    auto s = parse(stored);
    if (s && lighterInTests && wanted == LighterInTests && s->params == ScryptParams::desk())
        return false; // made by a program a test started: as good
    return !s || s->params != wanted || s->salt.size() < SaltSize || s->hash.size() < HashSize;
}

Status PasswordRules::check(const QString& password, const QString& accountName) const
{
    const qsizetype length = password.toUcs4().size();
    if (length < minLength)
        return makeError(QStringLiteral("accounts.password-too-short"),
                         Tr::tr("The password must have at least %Ln characters.", nullptr, minLength));
    if (length > maxLength)
        return makeError(QStringLiteral("accounts.password-too-long"),
                         Tr::tr("The password must have at most %Ln characters.", nullptr, maxLength));
    if (!accountName.isEmpty() && password.trimmed().compare(accountName.trimmed(), Qt::CaseInsensitive) == 0)
        return makeError(QStringLiteral("accounts.password-is-name"),
                         Tr::tr("The password must not be the account's name."));
    return success();
}

} // namespace kp
