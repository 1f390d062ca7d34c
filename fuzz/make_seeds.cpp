// kpdesk_fuzz_seeds OUTDIR: writes each fuzz target's seed corpus into
// OUTDIR/<target>/ from the test fixtures and tests/data (docs/fuzzing.md).
#include "DeskFixture.h"
#include "SyncFixture.h"
#include "barcode/BarcodeWriter.h"
#include "crypto/CertificateRequest.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "format/Kp1.h"
#include "outbox/KpMessage.h"
#include "sync/BundleWriter.h"
#include "sync/CoseSigning.h"
#include "sync/Publisher.h"

#include <QBuffer>
#include <QCborArray>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QStandardPaths>

#include <cstdio>

using namespace kp;

namespace {

QString g_out;
int g_count = 0;

void seed(const char* target, const QByteArray& bytes)
{
    const QString dir = g_out + QLatin1Char('/') + QLatin1String(target);
    QDir().mkpath(dir);
    const QString name =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
    QFile f(dir + QLatin1Char('/') + name);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
    ++g_count;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray png(const QImage& image, const char* format = "PNG")
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

void kp1AndCoseAndRecords()
{
    test::DeskFixture desk;
    int n = 1;
    for (const char* issuer : {"BW", "NA", "CA"}) {
        CertificateRecord record = desk.record(
            QStringLiteral("%1-2026-%2").arg(QLatin1String(issuer)).arg(n++, 6, 10, QLatin1Char('0')));
        record.issuer = QString::fromLatin1(issuer);
        const QByteArray cose = desk.sign(record);
        seed("fuzz_kp1", Kp1::encode(cose).toUtf8());
        seed("fuzz_kp1", cose);
        seed("fuzz_cose", cose);
        seed("fuzz_record", encodeCbor(record.toCbor()));
        seed("fuzz_record", QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact));
    }
    seed("fuzz_kp1", "#BW-2026-000001");
    // The published COSE examples in tests/data.
    QDirIterator it(QStringLiteral(KPDESK_TEST_DATA "/vectors/cose"), {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QJsonObject json = QJsonDocument::fromJson(readAll(it.next())).object();
        const QByteArray cbor = QByteArray::fromHex(json.value(QStringLiteral("output"))
                                                        .toObject()
                                                        .value(QStringLiteral("cbor"))
                                                        .toString()
                                                        .toLatin1());
        if (!cbor.isEmpty()) {
            seed("fuzz_cose", cbor);
            seed("fuzz_kp1", cbor);
        }
    }
}

void bundlesAndIndexes()
{
    test::SyncFixture fixture;
    seed("fuzz_bundle", readAll(fixture.makeBundle(1, 0, 3)));
    seed("fuzz_bundle", readAll(fixture.makeBundle(2, 0, 1)));
    // One of every part.
    test::DeskFixture desk;
    BundleManifest header;
    header.publisher = QStringLiteral("BE");
    header.seq = 3;
    header.base = 0;
    header.at = test::SyncFixture::now().addDays(-1);
    header.fresh = test::SyncFixture::now().addDays(13);
    BundleWriter w(header);
    w.addParticipant({QStringLiteral("BW"),
                      QStringLiteral("Botswana"),
                      QStringLiteral("active"),
                      QDate(2003, 1, 1),
                      {},
                      {}});
    w.addParticipant({QStringLiteral("XX"), QStringLiteral("Elsewhere"), QStringLiteral("suspended"),
                      QDate(2020, 1, 1), QDate(2021, 1, 1), QStringLiteral("note")});
    w.addAuthorityCa(desk.issuer(QStringLiteral("BW")).ca.der(), {});
    w.addSigner(desk.issuer(QStringLiteral("BW")).signer.der(), QDate(2026, 1, 1),
                QStringLiteral("key lost"));
    w.addCertificate(desk.sign(desk.record()));
    w.addRevocation({QStringLiteral("BW-2026-000009"), QStringLiteral("lost"), QStringLiteral("2026-11-01"),
                     QStringLiteral("BW"), QStringLiteral("note")});
    w.addRule(QStringLiteral("max_validity_days"), 90);
    w.addRule(QStringLiteral("usd_per_ct"), QCborMap{{QStringLiteral("BW"), QCborArray{10, 1000}}});
    w.addContact({QStringLiteral("BW"),
                  QStringLiteral("authority"),
                  QStringLiteral("GDV"),
                  QStringLiteral("kp@example.org"),
                  {},
                  {}});
    const QString all = fixture.dir() + QStringLiteral("/all-parts.kpsync");
    if (auto s = w.finish(all, fixture.bundleKey(), fixture.bundleCert()); !s)
        qFatal("cannot write a bundle: %s", qPrintable(s.error().message));
    seed("fuzz_bundle", readAll(all));

    fixture.publish({{1, 0}, {2, 1}, {3, 2}}, 1);
    const QByteArray signedIndex = readAll(fixture.site() + QStringLiteral("/index"));
    seed("fuzz_sync_index", signedIndex);
    if (const auto cose = CoseSign1::parse(signedIndex))
        seed("fuzz_sync_index", cose->payload);
}

void images()
{
    test::DeskFixture desk;
    const QString kp1 = desk.kp1(desk.record());
    using Sym = BarcodeWriter::Symbology;
    for (Sym sym : {Sym::Qr, Sym::DataMatrix, Sym::Aztec, Sym::Pdf417})
        if (const auto image = BarcodeWriter::render(kp1, sym, 1, 2))
            seed("fuzz_barcode_image", png(image->convertToFormat(QImage::Format_Grayscale8)));
    if (const auto image = BarcodeWriter::render(QStringLiteral("BW-2026-004711"), Sym::Code128, 1, 4))
        seed("fuzz_barcode_image", png(*image));
    if (const auto image = BarcodeWriter::render(QStringLiteral("KP1:TEST"), Sym::Qr, 2, 1)) {
        seed("fuzz_barcode_image", png(*image, "JPEG"));
        seed("fuzz_barcode_image", png(*image, "BMP"));
        seed("fuzz_barcode_image", png(image->transformed(QTransform().rotate(30)), "PNG"));
    }
    // A few finder patterns.
    QImage tiles(64, 64, QImage::Format_Grayscale8);
    tiles.fill(Qt::white);
    QPainter p(&tiles);
    for (int y = 0; y + 7 <= 64; y += 16)
        for (int x = 0; x + 7 <= 64; x += 16) {
            p.fillRect(x, y, 7, 7, Qt::black);
            p.fillRect(x + 1, y + 1, 5, 5, Qt::white);
            p.fillRect(x + 2, y + 2, 3, 3, Qt::black);
        }
    p.end();
    seed("fuzz_barcode_image", png(tiles));
}

} // namespace

// A confirmation and a doubt, whole (first byte even) and as payloads for
// the target to sign (first byte odd); a desk's certificate request.
void messagesAndRequests()
{
    const QDateTime from(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const auto caKey = *PrivateKey::generate(KeyType::EcP256);
    const auto ca = *CertificateFactory::makeAuthorityCa(
        caKey, {QStringLiteral("EU"), QStringLiteral("EU KP Authority"), {}, from, from.addYears(10), 1});
    const auto key = *PrivateKey::generate(KeyType::EcP256);
    const auto cert = *CertificateFactory::makeDeskCertificate(
        ca, caKey, key.publicKey(),
        {QStringLiteral("EU"), QStringLiteral("EU-ANR-03"), {}, from, from.addYears(2), 2});
    seed("fuzz_csr", *CertificateRequest::makePem(key, QStringLiteral("EU"), QStringLiteral("EU-ANR-03")));

    KpMessage c;
    c.kind = MessageKind::Confirmation;
    c.id = QByteArray(16, '\x42');
    c.desk = QStringLiteral("EU-ANR-03");
    c.participant = QStringLiteral("EU");
    c.at = from.addDays(300);
    c.n = 7;
    c.audit = {42, QByteArray(32, '\x5a')};
    c.body = QCborMap{{QStringLiteral("no"), QStringLiteral("BW-2026-004711")},
                      {QStringLiteral("iss"), QStringLiteral("BW")},
                      {QStringLiteral("recv"), QStringLiteral("2026-11-30")},
                      {QStringLiteral("np"), 3},
                      {QStringLiteral("cct"), 152035},
                      {QStringLiteral("exp"), QCborMap{{QStringLiteral("n"), QStringLiteral("Okavango")},
                                                       {QStringLiteral("a"), QStringLiteral("Gaborone")}}},
                      {QStringLiteral("imp"), QCborMap{{QStringLiteral("n"), QStringLiteral("Schelde NV")},
                                                       {QStringLiteral("a"), QStringLiteral("Antwerpen")}}},
                      {QStringLiteral("auth"), QStringLiteral("EU")},
                      {QStringLiteral("officer"), QStringLiteral("olga")}};
    KpMessage d = c;
    d.kind = MessageKind::Doubt;
    const QByteArray png("\x89PNG");
    d.body = QCborMap{{QStringLiteral("case"), QStringLiteral("3a0a1e13-63b4-4b1f-bbb6-7c758b1ed5cb")},
                      {QStringLiteral("no"), QStringLiteral("BW-2026-004711")},
                      {QStringLiteral("kp1"), QCborValue(QCborValue::Null)},
                      {QStringLiteral("verdict"), QStringLiteral("doubt")},
                      {QStringLiteral("checks"),
                       QCborArray{QCborMap{{QStringLiteral("check"), QStringLiteral("registry")},
                                           {QStringLiteral("status"), QStringLiteral("warn")},
                                           {QStringLiteral("detail"), QStringLiteral("no record")}}}},
                      {QStringLiteral("physical"), QCborValue(QCborValue::Null)},
                      {QStringLiteral("reasons"), QCborArray{QStringLiteral("seal broken")}},
                      {QStringLiteral("notes"), QString()},
                      {QStringLiteral("decision"), QCborValue(QCborValue::Null)},
                      {QStringLiteral("to"), QCborArray{QStringLiteral("BW"), QStringLiteral("KP-CHAIR")}},
                      {QStringLiteral("files"),
                       QCborArray{QCborMap{{QStringLiteral("name"), QStringLiteral("scan.png")},
                                           {QStringLiteral("type"), QStringLiteral("image/png")},
                                           {QStringLiteral("sha256"),
                                            QCryptographicHash::hash(png, QCryptographicHash::Sha256)},
                                           {QStringLiteral("data"), png}}}}};
    for (const KpMessage& m : {c, d}) {
        const QByteArray file = *KpMessageCodec::sign(m, key, cert);
        seed("fuzz_kpmsg", QByteArray(1, '\0') + file);
        seed("fuzz_kpmsg", QByteArray(1, '\1') + CoseSign1::parse(file, 1 << 24)->payload);
    }
}

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    if (argc != 2) {
        std::fprintf(stderr, "usage: kpdesk_fuzz_seeds OUTDIR\n");
        return 2;
    }
    g_out = QString::fromLocal8Bit(argv[1]);
    kp1AndCoseAndRecords();
    bundlesAndIndexes();
    images();
    messagesAndRequests();
    std::printf("%d seeds in %s\n", g_count, argv[1]);
    return 0;
}
