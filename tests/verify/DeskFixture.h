#pragma once

#include "authority/AuthorityPki.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheWriter.h"
#include "format/CertificateRecord.h"
#include "util/Clock.h"
#include "verify/Verifier.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace kp::test {

// A desk of the EU with fresh data: issuers BW (ES256), NA (EdDSA) and CA
// (PS256) with their CAs and signers, participants active since 2003, and a
// clock at 2026-11-20 12:00 UTC. Records are issued 2026-11-15.
class DeskFixture
{
public:
    DeskFixture();

    static QDateTime now() { return QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC); }

    CacheDatabase& db() { return *m_db; }
    FixedClock& clock() { return m_clock; }
    const IssuerKeys& issuer(const QString& country) const;
    QString dir() const { return m_dir.path(); }

    // Runs f inside one CacheWriter transaction and commits.
    void write(const std::function<void(CacheWriter&)>& f);

    CertificateRecord record(const QString& number = QStringLiteral("BW-2026-000001")) const;
    QByteArray sign(const CertificateRecord& record) const; // by the record issuer's signer
    QString kp1(const CertificateRecord& record) const;
    void registerRecord(const CertificateRecord& record); // in the registry cache

    Inspection verifyText(const QString& text, const VerifyOptions& options = {});
    Inspection verifyRecord(const CertificateRecord& record, const VerifyOptions& options = {});

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;
    FixedClock m_clock;
    QMap<QString, IssuerKeys> m_issuers;
};

} // namespace kp::test
