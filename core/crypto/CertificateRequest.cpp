#include "crypto/CertificateRequest.h"

#include "crypto/OpenSsl_p.h"

#include <QCoreApplication>

#include <openssl/err.h>
#include <openssl/pem.h>

namespace kp {

namespace {

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Crypto)
};

struct X509ReqDeleter
{
    void operator()(X509_REQ* p) const { X509_REQ_free(p); }
};
using X509ReqPtr = std::unique_ptr<X509_REQ, X509ReqDeleter>;

Error requestError(const QString& message)
{
    ERR_clear_error();
    return makeError(QStringLiteral("crypto.request"), message);
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

bool addName(X509_NAME* name, const char* field, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(utf8.constData()),
                                      int(utf8.size()), -1, 0) == 1;
}

} // namespace

class CertificateRequest::Impl
{
public:
    explicit Impl(X509ReqPtr r) : req(std::move(r)) {}
    X509ReqPtr req;
};

CertificateRequest::CertificateRequest() = default;
CertificateRequest::~CertificateRequest() = default;
CertificateRequest::CertificateRequest(const CertificateRequest&) = default;
CertificateRequest& CertificateRequest::operator=(const CertificateRequest&) = default;
CertificateRequest::CertificateRequest(std::shared_ptr<const Impl> impl) : d(std::move(impl)) {}

Result<QByteArray> CertificateRequest::makePem(const PrivateKey& key, const QString& country,
                                               const QString& commonName)
{
    if (key.isNull())
        return requestError(Tr::tr("A key is missing."));
    if (country.isEmpty() || commonName.isEmpty())
        return requestError(Tr::tr("A certificate request needs a country and a common name."));
    X509ReqPtr req(X509_REQ_new());
    if (!req || X509_REQ_set_version(req.get(), 0) != 1)
        return requestError(Tr::tr("Cannot make the certificate request: %1").arg(opensslError()));
    X509_NAME* name = X509_REQ_get_subject_name(req.get());
    if (!addName(name, "C", country) || !addName(name, "CN", commonName))
        return requestError(Tr::tr("Cannot set the request's name: %1").arg(opensslError()));
    if (X509_REQ_set_pubkey(req.get(), key.impl()->pkey.get()) != 1)
        return requestError(Tr::tr("Cannot make the certificate request: %1").arg(opensslError()));
    // Ed25519 signs the whole message: no separate digest.
    const EVP_MD* md = key.type() == KeyType::Ed25519 ? nullptr : EVP_sha256();
    if (X509_REQ_sign(req.get(), key.impl()->pkey.get(), md) <= 0)
        return requestError(Tr::tr("Cannot sign the certificate request: %1").arg(opensslError()));
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509_REQ(bio.get(), req.get()) != 1)
        return requestError(Tr::tr("Cannot make the certificate request: %1").arg(opensslError()));
    return bioContents(bio.get());
}

Result<CertificateRequest> CertificateRequest::fromPem(const QByteArray& pem)
{
    if (pem.isEmpty() || pem.size() > MaxPemSize)
        return requestError(Tr::tr("Not a certificate request."));
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    X509ReqPtr req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    if (!req)
        return requestError(Tr::tr("Not a certificate request."));
    EVP_PKEY* key = X509_REQ_get0_pubkey(req.get());
    KeyType type;
    if (!key || !keyTypeOf(key, type))
        return requestError(Tr::tr("The certificate request's key is not one KP Desk uses."));
    // The request is signed with the key it names: whoever made it holds the key.
    if (X509_REQ_verify(req.get(), key) != 1)
        return requestError(Tr::tr("The certificate request's signature does not verify."));
    ERR_clear_error();
    return CertificateRequest(std::make_shared<const Impl>(std::move(req)));
}

bool CertificateRequest::isNull() const
{
    return !d;
}

QString CertificateRequest::subjectCountry() const
{
    return d ? nameEntry(X509_REQ_get_subject_name(d->req.get()), NID_countryName) : QString();
}

QString CertificateRequest::subjectCommonName() const
{
    return d ? nameEntry(X509_REQ_get_subject_name(d->req.get()), NID_commonName) : QString();
}

PublicKey CertificateRequest::publicKey() const
{
    if (!d)
        return {};
    EVP_PKEY* key = X509_REQ_get_pubkey(d->req.get()); // takes a reference
    if (!key)
        return {};
    return wrapPublicKey(EvpPkeyPtr(key));
}

} // namespace kp
