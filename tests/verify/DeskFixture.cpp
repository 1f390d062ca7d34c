#include "DeskFixture.h"

#include "authority/RecordSigner.h"
#include "format/Kp1.h"

#include <QTest>

namespace kp::test {

DeskFixture::DeskFixture() : m_clock(now())
{
    auto db = CacheDatabase::open(m_dir.filePath(QStringLiteral("desk.sqlite")),
                                  CacheDatabase::OpenMode::CreateIfMissing);
    if (!db)
        qFatal("cannot open test cache: %s", qPrintable(db.error().message));
    m_db = std::move(db).value();
    if (!m_db->setParticipant(QStringLiteral("EU")))
        qFatal("cannot set participant");

    const QList<QPair<QString, KeyType>> issuers{{QStringLiteral("BW"), KeyType::EcP256},
                                                 {QStringLiteral("NA"), KeyType::Ed25519},
                                                 {QStringLiteral("CA"), KeyType::Rsa}};
    qint64 serial = 100;
    for (const auto& [country, type] : issuers) {
        auto keys = AuthorityPki::makeIssuer(
            country, type, QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC), serial += 100);
        if (!keys)
            qFatal("cannot make issuer: %s", qPrintable(keys.error().message));
        m_issuers.insert(country, *keys);
    }
    write([&](CacheWriter& w) {
        for (const QString& c :
             {QStringLiteral("BW"), QStringLiteral("NA"), QStringLiteral("CA"), QStringLiteral("EU"),
              QStringLiteral("GB"), QStringLiteral("CF"), QStringLiteral("ZW")})
            QVERIFY(w.upsertParticipant({c, c, QStringLiteral("active"), QDate(2003, 1, 1), {}, {}}));
        for (const IssuerKeys& k : std::as_const(m_issuers)) {
            QVERIFY(w.upsertAuthorityCa(k.ca.der(), k.country, {}));
            QVERIFY(w.upsertSigner(k.signer.der(), k.signer.kid(), {}, {}));
        }
        SyncState state;
        state.seq = 1;
        state.publisher = QStringLiteral("EU");
        state.publishedAt = now().addDays(-1);
        state.freshUntil = now().addDays(13);
        state.lastSuccess = now().addDays(-1);
        QVERIFY(w.setSyncState(state));
    });
}

const IssuerKeys& DeskFixture::issuer(const QString& country) const
{
    return *m_issuers.constFind(country);
}

void DeskFixture::write(const std::function<void(CacheWriter&)>& f)
{
    auto writer = CacheWriter::begin(*m_db);
    if (!writer)
        qFatal("cannot begin: %s", qPrintable(writer.error().message));
    f(**writer);
    if (!(*writer)->commit())
        qFatal("cannot commit");
}

CertificateRecord DeskFixture::record(const QString& number) const
{
    CertificateRecord r;
    r.number = number;
    r.issuer = number.left(2);
    r.authority = QStringLiteral("Government Diamond Valuator, Gaborone");
    r.issued = QDate(2026, 11, 15);
    r.expires = QDate(2027, 1, 14);
    r.origins = {r.issuer};
    r.exporter = {QStringLiteral("Okavango Rough Exports (Pty) Ltd"), QStringLiteral("Plot 64, Gaborone")};
    r.importer = {QStringLiteral("Schelde Rough NV"), QStringLiteral("Hoveniersstraat 22, 2018 Antwerpen")};
    r.destination = QStringLiteral("EU");
    r.lots = {Lot{QStringLiteral("7102.31"), 152035, 41200000}};
    r.parcels = 3;
    r.seals = {QStringLiteral("GDV-88231")};
    return r;
}

QByteArray DeskFixture::sign(const CertificateRecord& record) const
{
    const IssuerKeys& keys = issuer(record.issuer);
    auto cose = signCertificateRecord(record, keys.signerKey, keys.signer);
    if (!cose)
        qFatal("cannot sign: %s", qPrintable(cose.error().message));
    return *cose;
}

QString DeskFixture::kp1(const CertificateRecord& record) const
{
    return Kp1::encode(sign(record));
}

void DeskFixture::registerRecord(const CertificateRecord& record)
{
    const QByteArray cose = sign(record);
    write([&](CacheWriter& w) {
        QVERIFY(w.upsertCertificate(record.number, record.issuer, record.issued, cose));
    });
}

Inspection DeskFixture::verifyText(const QString& text, const VerifyOptions& options)
{
    return Verifier(*m_db, m_clock).verify(ScanInput{text, QStringLiteral("QR Code"), {}}, options);
}

Inspection DeskFixture::verifyRecord(const CertificateRecord& record, const VerifyOptions& options)
{
    return verifyText(kp1(record), options);
}

} // namespace kp::test
