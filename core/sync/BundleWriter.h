#pragma once

#include "cache/CacheTypes.h"
#include "crypto/Certificate.h"
#include "sync/BundleManifest.h"

#include <QCborValue>

#include <memory>

namespace kp {

// Authority side: writes a .kpsync bundle. Each part streams to a temporary
// file while it is hashed, so a million records never sit in memory; the
// bundle is written through QSaveFile, so a failed write leaves no half file.
class BundleWriter
{
public:
    // header: publisher, seq, base, at and fresh (parts are filled in).
    explicit BundleWriter(BundleManifest header);
    ~BundleWriter();

    void addParticipant(const ParticipantPeriod& period);
    void addAuthorityCa(const QByteArray& der, const QDate& revoked);
    void addSigner(const QByteArray& der, const QDate& revoked, const QString& why);
    void addCertificate(const QByteArray& coseBytes);
    void addRevocation(const RevocationEntry& entry);
    void addRule(const QString& key, const QCborValue& value);
    void addContact(const ContactEntry& contact);
    // The home authority's list of desk certificates (docs/spec-notes.md).
    void addDeskCertificate(const DeskCertificateEntry& entry);

    // Error codes "bundle.write" (disk), "crypto.*" (signing).
    Status finish(const QString& path, const PrivateKey& bundleKey, const Certificate& bundleCert);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace kp
