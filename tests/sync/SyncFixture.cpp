#include "SyncFixture.h"

#include "format/Cbor.h"
#include "sync/BundleWriter.h"
#include "sync/CoseSigning.h"
#include "sync/Publisher.h"

#include <QCborArray>
#include <QCborMap>
#include <QSqlQuery>
#include <QSqlRecord>

namespace kp::test {

namespace {

Certificate selfSigned(const PrivateKey& key, const QString& country, const QString& name)
{
    CertificateSpec spec;
    spec.country = country;
    spec.commonName = name;
    spec.notBefore = SyncFixture::now().addYears(-1);
    spec.notAfter = SyncFixture::now().addYears(3);
    return *CertificateFactory::makeSelfSignedSigner(key, spec);
}

} // namespace

SyncFixture::SyncFixture()
    : m_key(*PrivateKey::generate(KeyType::EcP256)),
      m_cert(selfSigned(m_key, QStringLiteral("BE"), QStringLiteral("BE bundle signer"))),
      m_issuerKey(*PrivateKey::generate(KeyType::Ed25519)),
      m_issuerCert(selfSigned(m_issuerKey, QStringLiteral("BW"), QStringLiteral("BW signer")))
{}

QCborMap certificateRecord(const QString& number)
{
    return QCborMap{
        {QStringLiteral("v"), 1},
        {QStringLiteral("no"), number},
        {QStringLiteral("iss"), QStringLiteral("BW")},
        {QStringLiteral("auth"), QStringLiteral("GDV")},
        {QStringLiteral("di"), QStringLiteral("2026-11-02")},
        {QStringLiteral("de"), QStringLiteral("2027-01-01")},
        {QStringLiteral("org"), QCborArray{QStringLiteral("BW")}},
        {QStringLiteral("exp"),
         QCborMap{{QStringLiteral("n"), QStringLiteral("E")}, {QStringLiteral("a"), QStringLiteral("A")}}},
        {QStringLiteral("imp"),
         QCborMap{{QStringLiteral("n"), QStringLiteral("I")}, {QStringLiteral("a"), QStringLiteral("A")}}},
        {QStringLiteral("dst"), QStringLiteral("BE")},
        {QStringLiteral("lots"), QCborArray{QCborMap{{QStringLiteral("hs"), QStringLiteral("7102.31")},
                                                     {QStringLiteral("cct"), 100},
                                                     {QStringLiteral("usd"), 10000}}}},
        {QStringLiteral("np"), 1},
    };
}

QString SyncFixture::makeBundle(quint64 seq, quint64 base, int records, RecordSignatures signatures)
{
    BundleManifest header;
    header.publisher = QStringLiteral("BE");
    header.seq = seq;
    header.base = base;
    header.at = now().addDays(-1);
    header.fresh = now().addDays(13);
    BundleWriter w(header);
    w.addParticipant({QStringLiteral("BW"),
                      QStringLiteral("Botswana"),
                      QStringLiteral("active"),
                      QDate(2003, 1, 1),
                      {},
                      {}});
    for (int i = 0; i < records; ++i) {
        const QCborMap record = certificateRecord(QStringLiteral("BW-%1").arg(qint64(seq) * 100000 + i));
        if (signatures == RecordSignatures::Real || i == 0) {
            w.addCertificate(*signCose(encodeCbor(record), m_issuerKey, m_issuerCert));
        } else {
            QCborArray cose =
                QCborValue::fromCbor(*signCose("x", m_issuerKey, m_issuerCert)).taggedValue().toArray();
            cose[2] = encodeCbor(record);
            w.addCertificate(encodeCbor(QCborValue(QCborTag(18), cose)));
        }
    }
    w.addRevocation({QStringLiteral("BW-R%1").arg(seq),
                     QStringLiteral("stolen"),
                     QStringLiteral("2026-11-01"),
                     QStringLiteral("BW"),
                     {}});
    const QString path = m_dir.filePath(QStringLiteral("made-%1-%2.kpsync").arg(base).arg(seq));
    if (auto s = w.finish(path, m_key, m_cert); !s)
        qFatal("cannot write a bundle: %s", qPrintable(s.error().message));
    return path;
}

void SyncFixture::publish(const QList<QPair<quint64, quint64>>& seqAndBase, int records, int keepDeltas)
{
    QStringList files;
    for (const auto& [seq, base] : seqAndBase)
        files << makeBundle(seq, base, records);
    PublishOptions options;
    options.keepDeltas = keepDeltas;
    if (auto index = publishFolder(site(), files, m_key, m_cert, options); !index)
        qFatal("cannot publish: %s", qPrintable(index.error().message));
}

std::unique_ptr<CacheDatabase> SyncFixture::newDesk(const QString& name)
{
    auto db = CacheDatabase::open(m_dir.filePath(name), CacheDatabase::OpenMode::CreateIfMissing);
    if (!db || !(*db)->setParticipant(QStringLiteral("BE")) || !(*db)->addPinnedBundleKey(m_cert.der()))
        qFatal("cannot make a desk");
    return std::move(db).value();
}

QStringList stagingTables(CacheDatabase& db)
{
    QStringList names;
    QSqlQuery q(db.connection());
    q.exec(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'kp\\_stage\\_%' "
                       "ESCAPE '\\' OR name LIKE 'kp\\_old\\_%' ESCAPE '\\') ORDER BY name"));
    while (q.next())
        names << q.value(0).toString();
    return names;
}

QStringList dumpCache(CacheDatabase& db)
{
    QStringList out;
    QSqlQuery tables(db.connection());
    tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    QStringList names;
    while (tables.next()) {
        // A sync's staging tables (a killed sync leaves them for the next
        // one to clear) are not the desk's data.
        const QString name = tables.value(0).toString();
        if (!name.startsWith(QLatin1String("kp_stage_")) && !name.startsWith(QLatin1String("kp_old_")))
            names << name;
    }
    for (const QString& name : names) {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(name)); // names come from sqlite_master
        QStringList rows;
        while (q.next()) {
            const QString key = q.value(0).toString();
            if (name == QStringLiteral("meta") &&
                (key == QStringLiteral("last_attempt") || key == QStringLiteral("last_error")))
                continue;
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells << q.value(i).toString() + QLatin1Char('|') +
                             QString::fromLatin1(q.value(i).toByteArray().toHex());
            rows << cells.join(QLatin1Char(','));
        }
        rows.sort();
        out << name + QLatin1Char(':') + rows.join(QLatin1Char(';'));
    }
    return out;
}

} // namespace kp::test
