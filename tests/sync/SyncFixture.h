#pragma once

// An authority that publishes bundles into a folder, and desks that sync
// from it: shared by the sync tests.

#include "cache/CacheDatabase.h"
#include "crypto/Certificate.h"
#include "util/Clock.h"

#include <QCborMap>
#include <QTemporaryDir>

#include <memory>

namespace kp::test {

class SyncFixture
{
public:
    SyncFixture();

    static QDateTime now() { return QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC); }
    QString dir() const { return m_dir.path(); }
    QString site() const { return m_dir.filePath(QStringLiteral("site")); }
    const Certificate& bundleCert() const { return m_cert; }
    const PrivateKey& bundleKey() const { return m_key; }
    const Clock& clock() const { return m_clock; }

    // A bundle file of `records` certificates, numbered from seq * 100000.
    // Big test bundles may skip signing each record (applying a bundle does
    // not verify records; using one does).
    enum class RecordSignatures { Real, Copied };
    QString makeBundle(quint64 seq, quint64 base, int records,
                       RecordSignatures signatures = RecordSignatures::Real);
    // Makes the bundles and publishes them into site().
    void publish(const QList<QPair<quint64, quint64>>& seqAndBase, int records = 3, int keepDeltas = 30);

    // A new desk of BE pinning the bundle key.
    std::unique_ptr<CacheDatabase> newDesk(const QString& name);

private:
    QTemporaryDir m_dir;
    PrivateKey m_key;
    Certificate m_cert;
    PrivateKey m_issuerKey;
    Certificate m_issuerCert;
    FixedClock m_clock{now()};
};

// A valid certificate record of BW for a desk of BE (unsigned CBOR map).
QCborMap certificateRecord(const QString& number);

// Every row of every table but the log of sync attempts and a sync's
// staging tables, as text.
QStringList dumpCache(CacheDatabase& db);
// The staging tables a sync left in the desk (kp_stage_*, kp_old_*).
QStringList stagingTables(CacheDatabase& db);

} // namespace kp::test
