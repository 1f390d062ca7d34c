#pragma once

// Internal to the crypto module: OpenSSL handles and RAII. Never include
// this from a public header.

#include "crypto/Certificate.h"
#include "crypto/Keys.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace kp {

struct EvpPkeyDeleter
{
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

struct BioDeleter
{
    void operator()(BIO* p) const { BIO_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct X509Deleter
{
    void operator()(X509* p) const { X509_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

class PublicKey::Impl
{
public:
    explicit Impl(EvpPkeyPtr key) : pkey(std::move(key)) {}
    EvpPkeyPtr pkey;
};

class PrivateKey::Impl
{
public:
    explicit Impl(EvpPkeyPtr key) : pkey(std::move(key)) {}
    EvpPkeyPtr pkey;
};

class Certificate::Impl
{
public:
    Impl(X509Ptr cert, QByteArray derBytes) : x509(std::move(cert)), der(std::move(derBytes)) {}
    X509Ptr x509;
    QByteArray der; // encoded once: lookups and memo keys use it
};

// The KP1 key type of an OpenSSL key, or false when KP1 does not use it.
bool keyTypeOf(const EVP_PKEY* pkey, KeyType& type);
PublicKey wrapPublicKey(EvpPkeyPtr key);
QByteArray bioContents(BIO* bio);
QString opensslError();

} // namespace kp
