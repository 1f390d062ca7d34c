#include "crypto/Certificate.h"

#include "crypto/OpenSsl_p.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QMutex>

#include <optional>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Crypto)
};

Error certError(const QString& message)
{
    ERR_clear_error();
    return makeError(QStringLiteral("crypto.certificate"), message);
}

QString nameEntry(const X509_NAME* name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0)
        return {};
    QString out = QString::fromUtf8(reinterpret_cast<const char*>(utf8), len);
    OPENSSL_free(utf8);
    return out;
}

QDateTime fromAsn1(const ASN1_TIME* time)
{
    struct tm tm = {};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

Result<Certificate> wrap(X509* cert)
{
    if (!cert)
        return certError(Tr::tr("Not an X.509 certificate."));
    X509Ptr owned(cert);
    unsigned char* buffer = nullptr;
    const int len = i2d_X509(cert, &buffer);
    if (len <= 0)
        return certError(Tr::tr("Not an X.509 certificate."));
    QByteArray der(reinterpret_cast<const char*>(buffer), len);
    OPENSSL_free(buffer);
    return Certificate(std::make_shared<const Certificate::Impl>(std::move(owned), std::move(der)));
}

// Parsing and chain checks are pure functions of a certificate's bytes, and
// a desk meets the same few signers and CAs all day: remember the answers.
// Bounded, and keyed by the full DER bytes, so nothing can be confused.
class Memo
{
public:
    static Memo& instance()
    {
        static Memo memo;
        return memo;
    }

    std::optional<Certificate> parsed(const QByteArray& der)
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_parsed.constFind(der);
        return it == m_parsed.cend() ? std::nullopt : std::optional<Certificate>(*it);
    }
    void rememberParsed(const QByteArray& der, const Certificate& cert)
    {
        const QMutexLocker lock(&m_mutex);
        if (m_parsed.size() >= MaxEntries)
            m_parsed.clear();
        m_parsed.insert(der, cert);
    }
    std::optional<bool> issued(const QByteArray& key)
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_issued.constFind(key);
        return it == m_issued.cend() ? std::nullopt : std::optional<bool>(*it);
    }
    void rememberIssued(const QByteArray& key, bool issued)
    {
        const QMutexLocker lock(&m_mutex);
        if (m_issued.size() >= MaxEntries)
            m_issued.clear();
        m_issued.insert(key, issued);
    }

private:
    static constexpr qsizetype MaxEntries = 4096;
    QMutex m_mutex;
    QHash<QByteArray, Certificate> m_parsed;
    QHash<QByteArray, bool> m_issued;
};

} // namespace

Certificate::Certificate() = default;
Certificate::~Certificate() = default;
Certificate::Certificate(const Certificate&) = default;
Certificate& Certificate::operator=(const Certificate&) = default;
Certificate::Certificate(std::shared_ptr<const Impl> impl) : d(std::move(impl)) {}

Result<Certificate> Certificate::fromDer(const QByteArray& der)
{
    if (der.isEmpty() || der.size() > (1 << 20))
        return certError(Tr::tr("Not an X.509 certificate."));
    if (auto known = Memo::instance().parsed(der))
        return *known;
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    X509* cert = d2i_X509(nullptr, &p, long(der.size()));
    if (cert && p != reinterpret_cast<const unsigned char*>(der.constData()) + der.size()) {
        X509_free(cert); // trailing bytes: not exactly one certificate
        return certError(Tr::tr("Unexpected bytes after the X.509 certificate."));
    }
    auto wrapped = wrap(cert);
    if (wrapped && wrapped->der() == der) // only a canonical encoding is remembered under its bytes
        Memo::instance().rememberParsed(der, *wrapped);
    return wrapped;
}

Result<Certificate> Certificate::fromPem(const QByteArray& pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return wrap(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

bool Certificate::isNull() const
{
    return !d;
}

QByteArray Certificate::der() const
{
    return d ? d->der : QByteArray();
}

QByteArray Certificate::toPem() const
{
    if (!d)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), d->x509.get());
    return bioContents(bio.get());
}

QByteArray Certificate::sha256() const
{
    return QCryptographicHash::hash(der(), QCryptographicHash::Sha256);
}

QByteArray Certificate::kid() const
{
    return sha256().left(8);
}

QString Certificate::subjectCountry() const
{
    return d ? nameEntry(X509_get_subject_name(d->x509.get()), NID_countryName) : QString();
}

QString Certificate::subjectCommonName() const
{
    return d ? nameEntry(X509_get_subject_name(d->x509.get()), NID_commonName) : QString();
}

QString Certificate::issuerCountry() const
{
    return d ? nameEntry(X509_get_issuer_name(d->x509.get()), NID_countryName) : QString();
}

QDateTime Certificate::notBefore() const
{
    return d ? fromAsn1(X509_get0_notBefore(d->x509.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return d ? fromAsn1(X509_get0_notAfter(d->x509.get())) : QDateTime();
}

bool Certificate::validOn(const QDate& day) const
{
    const QDateTime start(day, QTime(0, 0), Qt::UTC);
    const QDateTime end(day, QTime(23, 59, 59), Qt::UTC);
    const QDateTime from = notBefore();
    const QDateTime to = notAfter();
    return from.isValid() && to.isValid() && from <= end && to >= start;
}

bool Certificate::isCa() const
{
    if (!d)
        return false;
    const uint32_t flags = X509_get_extension_flags(d->x509.get());
    return (flags & EXFLAG_BCONS) && (flags & EXFLAG_CA);
}

bool Certificate::allowsCertSign() const
{
    return d && (X509_get_key_usage(d->x509.get()) & KU_KEY_CERT_SIGN);
}

bool Certificate::allowsDigitalSignature() const
{
    return d && (X509_get_key_usage(d->x509.get()) & KU_DIGITAL_SIGNATURE);
}

bool Certificate::allowsClientAuth() const
{
    if (!d)
        return false;
    // X509_get_extended_key_usage answers "all" when there is no EKU at all;
    // a desk certificate must name clientAuth explicitly.
    const uint32_t flags = X509_get_extension_flags(d->x509.get());
    return (flags & EXFLAG_XKUSAGE) && (X509_get_extended_key_usage(d->x509.get()) & XKU_SSL_CLIENT);
}

bool Certificate::isSelfSigned() const
{
    // Not isIssuedBy(*this): that also wants keyCertSign, which a
    // self-signed leaf (a pinned bundle key) rightly lacks.
    if (!d)
        return false;
    const bool selfSigned = X509_self_signed(d->x509.get(), 1) == 1;
    ERR_clear_error();
    return selfSigned;
}

PublicKey Certificate::publicKey() const
{
    if (!d)
        return {};
    EVP_PKEY* key = X509_get_pubkey(d->x509.get()); // takes a reference
    KeyType type;
    if (!key || !keyTypeOf(key, type)) {
        EVP_PKEY_free(key);
        return {};
    }
    return wrapPublicKey(EvpPkeyPtr(key));
}

Status Certificate::isIssuedBy(const Certificate& issuer) const
{
    if (!d || !issuer.d)
        return certError(Tr::tr("No certificate."));
    X509* subject = d->x509.get();
    X509* ca = issuer.d->x509.get();
    if (X509_check_issued(ca, subject) != X509_V_OK)
        return certError(Tr::tr("The certificate was not issued by %1.").arg(issuer.subjectCommonName()));
    // Key: both encodings with the first one's length, so no two pairs collide.
    const QByteArray key = QByteArray::number(d->der.size()) + ':' + d->der + issuer.d->der;
    std::optional<bool> ok = Memo::instance().issued(key);
    if (!ok) {
        EVP_PKEY* caKey = X509_get0_pubkey(ca);
        ok = caKey && X509_verify(subject, caKey) == 1;
        ERR_clear_error();
        Memo::instance().rememberIssued(key, *ok);
    }
    if (!*ok)
        return certError(Tr::tr("The certificate's signature does not verify with %1's key.")
                             .arg(issuer.subjectCommonName()));
    return success();
}

// --- CertificateFactory ---

namespace {

bool addName(X509_NAME* name, const char* field, const QString& value)
{
    if (value.isEmpty())
        return true;
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(utf8.constData()),
                                      int(utf8.size()), -1, 0) == 1;
}

bool addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

enum class Role { AuthorityCa, DocumentSigner, SelfSignedSigner, Desk };

Result<Certificate> makeCertificate(Role role, const PublicKey& subjectKey, const CertificateSpec& spec,
                                    const Certificate* issuer, const PrivateKey& issuerKey)
{
    if (subjectKey.isNull() || issuerKey.isNull())
        return certError(Tr::tr("A key is missing."));
    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set_int64(X509_get_serialNumber(cert.get()), spec.serial);
    ASN1_TIME_set(X509_getm_notBefore(cert.get()), time_t(spec.notBefore.toSecsSinceEpoch()));
    ASN1_TIME_set(X509_getm_notAfter(cert.get()), time_t(spec.notAfter.toSecsSinceEpoch()));
    X509_NAME* name = X509_get_subject_name(cert.get());
    if (!addName(name, "C", spec.country) || !addName(name, "O", spec.organization) ||
        !addName(name, "CN", spec.commonName))
        return certError(Tr::tr("Cannot set the certificate's name: %1").arg(opensslError()));
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->impl()->x509.get()) : name);
    X509_set_pubkey(cert.get(), subjectKey.impl()->pkey.get());

    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer ? issuer->impl()->x509.get() : cert.get(), cert.get(), nullptr, nullptr, 0);
    const bool ca = role == Role::AuthorityCa;
    const bool ok = addExtension(cert.get(), &ctx, NID_basic_constraints,
                                 ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
                    addExtension(cert.get(), &ctx, NID_key_usage,
                                 ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature") &&
                    (role != Role::Desk || addExtension(cert.get(), &ctx, NID_ext_key_usage, "clientAuth")) &&
                    addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash") &&
                    addExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
    if (!ok)
        return certError(Tr::tr("Cannot add the certificate's extensions: %1").arg(opensslError()));
    // Ed25519 signs the whole message: no separate digest.
    const EVP_MD* md = issuerKey.type() == KeyType::Ed25519 ? nullptr : EVP_sha256();
    if (X509_sign(cert.get(), issuerKey.impl()->pkey.get(), md) <= 0)
        return certError(Tr::tr("Cannot sign the certificate: %1").arg(opensslError()));
    return wrap(cert.release());
}

} // namespace

Result<Certificate> CertificateFactory::makeAuthorityCa(const PrivateKey& key, const CertificateSpec& spec)
{
    return makeCertificate(Role::AuthorityCa, key.publicKey(), spec, nullptr, key);
}

Result<Certificate> CertificateFactory::makeDocumentSigner(const Certificate& ca, const PrivateKey& caKey,
                                                           const PublicKey& signerKey,
                                                           const CertificateSpec& spec)
{
    return makeCertificate(Role::DocumentSigner, signerKey, spec, &ca, caKey);
}

Result<Certificate> CertificateFactory::makeDeskCertificate(const Certificate& ca, const PrivateKey& caKey,
                                                            const PublicKey& deskKey,
                                                            const CertificateSpec& spec)
{
    if (ca.isNull())
        return certError(Tr::tr("No certificate."));
    return makeCertificate(Role::Desk, deskKey, spec, &ca, caKey);
}

Result<Certificate> CertificateFactory::makeSelfSignedSigner(const PrivateKey& key,
                                                             const CertificateSpec& spec)
{
    return makeCertificate(Role::SelfSignedSigner, key.publicKey(), spec, nullptr, key);
}

} // namespace kp
