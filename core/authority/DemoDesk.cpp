#include "authority/DemoDesk.h"

#include "cache/DeskFileMode.h"

#include "authority/AuthorityPki.h"
#include "authority/DeskRegistry.h"
#include "authority/RecordSigner.h"
#include "barcode/BarcodeWriter.h"
#include "cache/CacheDatabase.h"
#include "format/Cbor.h"
#include "format/CoseSign1.h"
#include "format/Kp1.h"
#include "outbox/DeskIdentity.h"
#include "sync/BundleApplier.h"
#include "sync/BundleWriter.h"
#include "sync/Publisher.h"
#include "util/Clock.h"
#include "verify/RuleSet.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

namespace kp {

namespace {

const QString Home = QStringLiteral("EU");
// The demo desk's id at its (demo) home authority.
const QString DemoDeskId = QStringLiteral("EU-DEMO-01");

// tr() with the context lupdate extracts, so the translation is found at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::DemoDesk)
};

Error demoError(const QString& message)
{
    return makeError(QStringLiteral("demo.build"), message);
}

} // namespace

QList<ParticipantPeriod> demoParticipantPeriods()
{
    const QJsonObject json = QJsonDocument::fromJson(demoParticipantsJson()).object();
    const QJsonObject joined = json.value(QStringLiteral("joined")).toObject();
    const QJsonObject names = json.value(QStringLiteral("names")).toObject();
    QMap<QString, QList<ParticipantPeriod>> special;
    for (const QJsonValue& v : json.value(QStringLiteral("periods")).toArray()) {
        const QJsonObject p = v.toObject();
        ParticipantPeriod period;
        period.code = p.value(QStringLiteral("c")).toString();
        period.status = p.value(QStringLiteral("st")).toString();
        period.from = QDate::fromString(p.value(QStringLiteral("from")).toString(), Qt::ISODate);
        period.to = QDate::fromString(p.value(QStringLiteral("to")).toString(), Qt::ISODate);
        period.note = p.value(QStringLiteral("note")).toString();
        special[period.code].append(period);
    }
    // Active from joining, interrupted by the special periods, active after the last.
    QList<ParticipantPeriod> out;
    for (auto it = joined.constBegin(); it != joined.constEnd(); ++it) {
        const QString code = it.key();
        const QString name = names.value(code).toString();
        QDate activeFrom = QDate::fromString(it.value().toString(), Qt::ISODate);
        for (ParticipantPeriod p : special.value(code)) {
            if (activeFrom < p.from)
                out.append({code, name, QStringLiteral("active"), activeFrom, p.from.addDays(-1), {}});
            p.name = name;
            out.append(p);
            activeFrom = p.to.addDays(1);
        }
        out.append({code, name, QStringLiteral("active"), activeFrom, {}, {}});
    }
    return out;
}

QList<ContactEntry> demoContacts()
{
    // Names, addresses and numbers that reach no one: every field says DEMO.
    const auto contact = [](const char* c, const char* role, const char* name, const char* user,
                            const char* addr) {
        return ContactEntry{QString::fromLatin1(c),
                            QString::fromLatin1(role),
                            QString::fromUtf8(name) + QStringLiteral(" (DEMO)"),
                            QString::fromLatin1(user) + QStringLiteral("@kp-demo.invalid"),
                            QStringLiteral("+00 000 000 000 (DEMO)"),
                            QString::fromUtf8(addr) + QStringLiteral(" (DEMO address)")};
    };
    return {
        contact("EU", "authority", "European Commission, DG Trade, KP authority of the EU", "eu-authority",
                "Rue de la Loi, Brussels"),
        contact("BW", "authority", "Government Diamond Valuator, Gaborone", "bw-authority", "Gaborone"),
        contact("NA", "authority", "Ministry of Mines and Energy, Windhoek", "na-authority", "Windhoek"),
        contact("CA", "authority", "Natural Resources Canada, Ottawa", "ca-authority", "Ottawa"),
        contact("ZA", "authority", "South African Diamond and Precious Metals Regulator", "za-authority",
                "Johannesburg"),
        contact("RU", "authority", "Gokhran of Russia, Moscow", "ru-authority", "Moscow"),
        contact("AO", "authority", "Ministry of Mineral Resources, Luanda", "ao-authority", "Luanda"),
        contact("KP", "chair", "Kimberley Process Chair", "kp-chair", "KP Chair's office"),
        contact("KP", "wgm", "KP Working Group on Monitoring", "kp-wgm", "WGM secretariat"),
    };
}

namespace {

CertificateRecord baseRecord(const QString& number, const QString& issuer, const QString& authority,
                             const QDate& issued, const QString& origin, quint64 centiCarats,
                             quint64 usdCents)
{
    CertificateRecord r;
    r.number = number;
    r.issuer = issuer;
    r.authority = authority + QStringLiteral(" (DEMO)");
    r.issued = issued;
    r.expires = issued.addDays(60);
    r.origins = {origin};
    r.exporter = {QStringLiteral("Demo Rough Exports Ltd"), QStringLiteral("Plot 64, Demo Street")};
    r.importer = {QStringLiteral("Schelde Rough NV (DEMO)"),
                  QStringLiteral("Hoveniersstraat 22, 2018 Antwerpen")};
    r.destination = Home;
    r.lots = {Lot{QStringLiteral("7102.31"), centiCarats, usdCents}};
    r.parcels = 3;
    r.seals = {number.left(2) + QStringLiteral("-SEAL-") + number.right(4)};
    r.note = QStringLiteral("DEMO certificate made by KP Desk; not a real KP certificate.");
    return r;
}

// A printed certificate's barcode corner: a title, the number and the code.
QImage certificatePrint(const QImage& code, const QString& title, const QString& number)
{
    const int margin = 40;
    QImage page(std::max(code.width() + 2 * margin, 720), code.height() + 180, QImage::Format_RGB32);
    page.fill(Qt::white);
    QPainter p(&page);
    QFont font = p.font();
    font.setPixelSize(26);
    font.setBold(true);
    p.setFont(font);
    p.drawText(QRect(margin, 20, page.width() - 2 * margin, 40), Qt::AlignLeft, title);
    font.setBold(false);
    font.setPixelSize(20);
    p.setFont(font);
    p.drawText(QRect(margin, 64, page.width() - 2 * margin, 30), Qt::AlignLeft,
               QStringLiteral("No. ") + number + QStringLiteral("   DEMO - not a real certificate"));
    p.drawImage(margin, 120, code);
    return page;
}

struct Builder
{
    QString dir;
    QDate today;
    QDateTime now;
    AuthorityPki pki;
    QList<DemoSample> samples;
    QList<QByteArray> registry; // signed records the full bundle carries

    Result<QByteArray> sign(const CertificateRecord& r)
    {
        const IssuerKeys* keys = pki.issuer(r.issuer);
        if (!keys)
            return demoError(Tr::tr("No demo issuer for %1.").arg(r.issuer));
        return signCertificateRecord(r, keys->signerKey, keys->signer);
    }

    Status addImage(const QString& key, const QString& label, const QString& expected, const QString& text,
                    BarcodeWriter::Symbology symbology, const QString& number)
    {
        auto code =
            BarcodeWriter::render(text, symbology, symbology == BarcodeWriter::Symbology::Code128 ? 3 : 4, 4);
        if (!code)
            return code.error();
        const QString path = dir + QStringLiteral("/images/") +
                             QString::number(samples.size() + 1).rightJustified(2, u'0') + u'-' +
                             QString(number).replace(u'/', u'-') + QStringLiteral(".png");
        if (!certificatePrint(*code, Tr::tr("Kimberley Process Certificate"), number).save(path))
            return demoError(Tr::tr("Cannot write %1.").arg(path));
        samples.append({key, label, expected, path, text});
        return success();
    }

    Status addKp1(const QString& key, const QString& label, const QString& expected, const QByteArray& cose,
                  const QString& number, BarcodeWriter::Symbology symbology = BarcodeWriter::Symbology::Qr)
    {
        return addImage(key, label, expected, Kp1::encode(cose), symbology, number);
    }
};

} // namespace

QByteArray demoParticipantsJson()
{
    QFile file(QStringLiteral(":/kpdesk/demo/participants.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

namespace {

// Enrols the desk with the demo authority as `kpdesk-cli enrol` and
// `kpdesk-cli authority enrol` do: the desk's key and request, the
// certificate from the EU's authority CA, recorded in the authority's list of
// desks (its inbox accepts the desk's messages), installed at the desk.
Status enrolDemoDesk(CacheDatabase& db, const QString& pkiDir, const QDateTime& now)
{
    auto request = DeskEnrolment::request(db, DemoDeskId, false);
    if (!request)
        return request.error();
    auto registry = DeskRegistry::open(pkiDir);
    if (!registry)
        return registry.error();
    auto certificate = registry->enrol(*request, 365, now);
    if (!certificate)
        return certificate.error();
    return DeskEnrolment::install(db, *certificate, now);
}

} // namespace

const DemoSample* DemoDesk::sample(QStringView key) const
{
    for (const DemoSample& s : samples)
        if (s.key == key)
            return &s;
    return nullptr;
}

Result<DemoDesk> buildDemoDesk(const QString& dir, const Clock& clock)
{
    Builder b;
    b.dir = dir;
    b.now = clock.nowUtc();
    b.today = b.now.date();
    if (QDir(dir).exists() && !QDir(dir).removeRecursively())
        return demoError(Tr::tr("Cannot clear %1.").arg(dir));
    // The desk's folder is its owner's alone (issue 19 item 8): it holds the
    // desk's database and the demo authority's private keys.
    if (auto folder = DeskFileMode::makeFolder(dir); !folder)
        return folder.error();
    if (!QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return demoError(Tr::tr("Cannot create %1.").arg(dir));
    if (!QDir().mkpath(dir + QStringLiteral("/images")) || !QDir().mkpath(dir + QStringLiteral("/bundles")))
        return demoError(Tr::tr("Cannot create %1.").arg(dir));

    // The EU is an issuer too: its authority CA also enrols the EU's desks.
    auto pki = AuthorityPki::create(dir + QStringLiteral("/pki"), Home,
                                    {{Home, KeyType::EcP256},
                                     {QStringLiteral("BW"), KeyType::EcP256},
                                     {QStringLiteral("NA"), KeyType::Ed25519},
                                     {QStringLiteral("CA"), KeyType::Rsa},
                                     {QStringLiteral("ZA"), KeyType::EcP256},
                                     {QStringLiteral("RU"), KeyType::EcP256},
                                     {QStringLiteral("AO"), KeyType::EcP256}},
                                    b.now.addDays(-400));
    if (!pki)
        return pki.error();
    b.pki = *pki;
    const QDate t = b.today;
    const QString y = QString::number(t.year());

    // Genuine certificates, in the registry.
    const auto bw = baseRecord(QStringLiteral("BW-") + y + QStringLiteral("-004711"), QStringLiteral("BW"),
                               QStringLiteral("Government Diamond Valuator, Gaborone"), t.addDays(-5),
                               QStringLiteral("BW"), 152035, 41200000);
    auto na = baseRecord(QStringLiteral("NA-") + y + QStringLiteral("-000381"), QStringLiteral("NA"),
                         QStringLiteral("Ministry of Mines and Energy, Windhoek"), t.addDays(-3),
                         QStringLiteral("NA"), 48210, 26500000);
    na.seals = {QStringLiteral("NAM-55120"), QStringLiteral("NAM-55121")};
    auto ca = baseRecord(QStringLiteral("CA-") + y + QStringLiteral("-10042"), QStringLiteral("CA"),
                         QStringLiteral("Natural Resources Canada, Ottawa"), t.addDays(-10),
                         QStringLiteral("CA"), 90050, 11250000);
    ca.lots.append(Lot{QStringLiteral("7102.21"), 30000, 450000});
    const auto stolen =
        baseRecord(QStringLiteral("BW-") + y + QStringLiteral("-004650"), QStringLiteral("BW"),
                   QStringLiteral("Government Diamond Valuator, Gaborone"), t.addDays(-12),
                   QStringLiteral("BW"), 80210, 19800000);
    const auto used = baseRecord(QStringLiteral("NA-") + y + QStringLiteral("-000377"), QStringLiteral("NA"),
                                 QStringLiteral("Ministry of Mines and Energy, Windhoek"), t.addDays(-20),
                                 QStringLiteral("NA"), 30500, 17100000);
    const auto expired =
        baseRecord(QStringLiteral("ZA-") + y + QStringLiteral("-000120"), QStringLiteral("ZA"),
                   QStringLiteral("South African Diamond and Precious Metals Regulator"), t.addDays(-80),
                   QStringLiteral("ZA"), 61000, 9150000);
    const auto russian = baseRecord(QStringLiteral("RU-") + y + QStringLiteral("-07788"),
                                    QStringLiteral("RU"), QStringLiteral("Gokhran of Russia, Moscow"),
                                    t.addDays(-4), QStringLiteral("RU"), 250000, 24000000);
    const auto cheap = baseRecord(QStringLiteral("AO-") + y + QStringLiteral("-003141"), QStringLiteral("AO"),
                                  QStringLiteral("Ministry of Mineral Resources, Luanda"), t.addDays(-6),
                                  QStringLiteral("AO"), 500000, 1500000);
    auto elsewhere = baseRecord(QStringLiteral("BW-") + y + QStringLiteral("-004733"), QStringLiteral("BW"),
                                QStringLiteral("Government Diamond Valuator, Gaborone"), t.addDays(-2),
                                QStringLiteral("BW"), 40000, 9000000);
    elsewhere.destination = QStringLiteral("GB");
    elsewhere.importer = {QStringLiteral("Hatton Rough Ltd (DEMO)"), QStringLiteral("Hatton Garden, London")};

    // ZXing 1.4's Data Matrix encoder fails on about one text in 2 000
    // ("Illegal character"): the NA sample is printed as Data Matrix, so its
    // note is varied (and the record signed again) until its code prints.
    const QString naNote = na.note;
    for (int attempt = 2; attempt <= 9; ++attempt) {
        auto cose = b.sign(na);
        if (!cose)
            return cose.error();
        if (BarcodeWriter::render(Kp1::encode(*cose), BarcodeWriter::Symbology::DataMatrix, 4, 4))
            break;
        na.note = QStringLiteral("%1 (%2)").arg(naNote).arg(attempt);
    }

    QMap<QString, QByteArray> signedRecords;
    const std::initializer_list<const CertificateRecord*> genuine{
        &bw, &na, &ca, &stolen, &used, &expired, &russian, &cheap, &elsewhere};
    for (const CertificateRecord* r : genuine) {
        auto cose = b.sign(*r);
        if (!cose)
            return cose.error();
        signedRecords.insert(r->number, *cose);
        b.registry.append(*cose);
    }

    // Forgery 1: a genuine record whose carats were altered after signing.
    auto altered = CoseSign1::parse(signedRecords.value(bw.number));
    if (!altered)
        return altered.error();
    auto heavier = bw;
    heavier.lots[0].centiCarats = 95035; // fewer carats declared than shipped
    altered->payload = encodeCbor(heavier.toCbor());
    // Forgery 2: a well-made record signed by a rogue key the authorities never issued.
    auto rogue = AuthorityPki::makeIssuer(QStringLiteral("BW"), KeyType::EcP256, b.now.addDays(-30), 9000);
    if (!rogue)
        return rogue.error();
    const auto fake = baseRecord(QStringLiteral("BW-") + y + QStringLiteral("-009999"), QStringLiteral("BW"),
                                 QStringLiteral("Government Diamond Valuator, Gaborone"), t.addDays(-1),
                                 QStringLiteral("BW"), 120000, 30000000);
    auto rogueCose = signCertificateRecord(fake, rogue->signerKey, rogue->signer);
    if (!rogueCose)
        return rogueCose.error();

    using S = BarcodeWriter::Symbology;
    const QList<Status> added{
        b.addKp1(QStringLiteral("bw-genuine"), Tr::tr("Botswana, genuine (ES256, QR)"),
                 QStringLiteral("accept"), signedRecords.value(bw.number), bw.number),
        b.addKp1(QStringLiteral("na-genuine"), Tr::tr("Namibia, genuine (EdDSA, Data Matrix)"),
                 QStringLiteral("accept"), signedRecords.value(na.number), na.number, S::DataMatrix),
        b.addKp1(QStringLiteral("ca-genuine"), Tr::tr("Canada, genuine (PS256, QR)"),
                 QStringLiteral("accept"), signedRecords.value(ca.number), ca.number),
        b.addImage(QStringLiteral("ca-number"),
                   Tr::tr("Canada, number only (Code 128), checked against the registry"),
                   QStringLiteral("accept"), ca.number, S::Code128, ca.number),
        b.addKp1(QStringLiteral("forged-carats"), Tr::tr("Forged: carats altered after signing"),
                 QStringLiteral("reject"), altered->encode(true), bw.number),
        b.addKp1(QStringLiteral("forged-rogue-key"), Tr::tr("Forged: signed by a rogue key"),
                 QStringLiteral("reject"), *rogueCose, fake.number),
        b.addKp1(QStringLiteral("expired"), Tr::tr("Expired"), QStringLiteral("reject"),
                 signedRecords.value(expired.number), expired.number),
        b.addKp1(QStringLiteral("stolen"), Tr::tr("Reported stolen (delta bundle)"), QStringLiteral("reject"),
                 signedRecords.value(stolen.number), stolen.number),
        b.addKp1(QStringLiteral("used-elsewhere"), Tr::tr("Already imported elsewhere"),
                 QStringLiteral("doubt"), signedRecords.value(used.number), used.number),
        b.addKp1(QStringLiteral("ru-ban"), Tr::tr("Russian origin: national ban"), QStringLiteral("reject"),
                 signedRecords.value(russian.number), russian.number),
        b.addKp1(QStringLiteral("low-value"), Tr::tr("Value far below the usual range"),
                 QStringLiteral("doubt"), signedRecords.value(cheap.number), cheap.number),
        b.addKp1(QStringLiteral("other-participant"), Tr::tr("Addressed to another participant"),
                 QStringLiteral("reject"), signedRecords.value(elsewhere.number), elsewhere.number),
        b.addImage(QStringLiteral("unknown-number"), Tr::tr("Number unknown to the registry (Code 128)"),
                   QStringLiteral("reject"), QStringLiteral("ZA-") + y + QStringLiteral("-999999"),
                   S::Code128, QStringLiteral("ZA-") + y + QStringLiteral("-999999")),
    };
    for (const Status& s : added) {
        if (!s)
            return s.error();
    }

    // Full bundle (seq 1) and a delta (seq 2) that reports a certificate stolen.
    BundleManifest full;
    full.publisher = Home;
    full.seq = 1;
    full.base = 0;
    full.at = b.now.addDays(-1);
    full.fresh = b.now.addDays(13);
    BundleWriter fullWriter(full);
    for (const ParticipantPeriod& p : demoParticipantPeriods())
        fullWriter.addParticipant(p);
    for (const IssuerKeys& keys : b.pki.issuers()) {
        fullWriter.addAuthorityCa(keys.ca.der(), {});
        fullWriter.addSigner(keys.signer.der(), {}, {});
    }
    for (const QByteArray& cose : std::as_const(b.registry))
        fullWriter.addCertificate(cose);
    fullWriter.addRevocation({used.number, QStringLiteral("used"), b.today.addDays(-8).toString(Qt::ISODate),
                              QStringLiteral("GB"), QStringLiteral("Import confirmed at London (DEMO)")});
    const RuleSet defaults = RuleSet::defaults();
    QCborMap bands;
    for (auto it = defaults.usdPerCarat.constBegin(); it != defaults.usdPerCarat.constEnd(); ++it)
        bands.insert(it.key(), QCborArray{it->min, it->max});
    fullWriter.addRule(QStringLiteral("max_validity_days"), 60);
    fullWriter.addRule(QStringLiteral("usd_per_ct"), bands);
    fullWriter.addRule(QStringLiteral("bans"),
                       QCborArray{QCborMap{{QStringLiteral("c"), QStringLiteral("RU")},
                                           {QStringLiteral("from"), QStringLiteral("2024-01-01")},
                                           {QStringLiteral("scope"), QStringLiteral("origin")},
                                           {QStringLiteral("note"),
                                            QStringLiteral("EU and G7 ban on Russian-origin diamonds")}}});
    for (const ContactEntry& c : demoContacts())
        fullWriter.addContact(c);
    const QString fullPath = dir + QStringLiteral("/bundles/EU-full-1.kpsync");
    if (auto s = fullWriter.finish(fullPath, b.pki.bundleKey(), b.pki.bundleCert()); !s)
        return s.error();

    BundleManifest delta = full;
    delta.seq = 2;
    delta.base = 1;
    delta.at = b.now.addSecs(-7200);
    delta.fresh = b.now.addDays(14);
    BundleWriter deltaWriter(delta);
    deltaWriter.addRevocation({stolen.number, QStringLiteral("stolen"),
                               b.today.addDays(-1).toString(Qt::ISODate), QStringLiteral("BW"),
                               QStringLiteral("Shipment stolen in transit (DEMO)")});
    const QString deltaPath = dir + QStringLiteral("/bundles/EU-delta-1-2.kpsync");
    if (auto s = deltaWriter.finish(deltaPath, b.pki.bundleKey(), b.pki.bundleCert()); !s)
        return s.error();

    // The demo authority's sync folder, as a web server or a stick serves it:
    // the desk's sync source, so Sync works on the demo desk too.
    const QString syncFolder = dir + QStringLiteral("/sync");
    if (auto published =
            publishFolder(syncFolder, {fullPath, deltaPath}, b.pki.bundleKey(), b.pki.bundleCert());
        !published)
        return published.error();

    // The desk: EU, pinned bundle key, both bundles applied, its sync source,
    // and enrolled with the demo authority (so it signs confirmations and
    // escalations, and the demo authority's inbox takes them).
    DemoDesk desk;
    desk.dir = dir;
    desk.pkiDir = dir + QStringLiteral("/pki");
    desk.dbPath = dir + QStringLiteral("/desk.sqlite");
    desk.syncFolder = syncFolder;
    desk.deskId = DemoDeskId;
    desk.bundles = {fullPath, deltaPath};
    {
        auto db = CacheDatabase::open(desk.dbPath, CacheDatabase::OpenMode::CreateIfMissing);
        if (!db)
            return db.error();
        if (auto s = (*db)->setParticipant(Home); !s)
            return s.error();
        if (auto s = (*db)->markAsDemo(); !s)
            return s.error();
        if (auto s = (*db)->addPinnedBundleKey(b.pki.bundleCert().der()); !s)
            return s.error();
        for (const QString& bundle : desk.bundles) {
            if (auto applied = applyBundleFile(**db, bundle, clock); !applied)
                return applied.error();
        }
        if (auto s = (*db)->setSyncSources({syncFolder}); !s)
            return s.error();
        if (auto s = enrolDemoDesk(**db, desk.pkiDir, b.now); !s)
            return s.error();
    }
    QFile readme(dir + QStringLiteral("/README.txt"));
    if (readme.open(QIODevice::WriteOnly | QIODevice::Text)) {
        readme.write(
            Tr::tr("KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made "
                   "by 'kpdesk-cli demo'; none of it is a real Kimberley Process certificate.\n")
                .toUtf8());
    }
    desk.samples = b.samples;
    return desk;
}

} // namespace kp
