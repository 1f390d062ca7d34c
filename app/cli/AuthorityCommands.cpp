// authority: what a national KP authority piloting KP1 needs to issue signed
// certificates and publish bundles (also used for demos and tests).
#include "CliFiles.h"
#include "CliSupport.h"
#include "Commands.h"

#include "authority/AuthorityPki.h"
#include "authority/DemoDesk.h"
#include "authority/DeskRegistry.h"
#include "authority/MessageLedger.h"
#include "authority/RecordSigner.h"
#include "authority/UsedRevocations.h"
#include "barcode/BarcodeWriter.h"
#include "crypto/Certificate.h"
#include "format/Kp1.h"
#include "sync/BundleWriter.h"
#include "sync/Publisher.h"

#include <QCborValue>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kp::cli {

namespace {

constexpr qint64 MaxInputFile = 16 << 20;

Result<QByteArray> readInput(const QString& path)
{
    return readInputFile(path, MaxInputFile);
}

Result<QJsonDocument> readJson(const QString& path)
{
    auto data = readInput(path);
    if (!data)
        return data.error();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*data, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            QStringLiteral("cli.json"),
            Tr::tr("%1 is not valid JSON: %2 at offset %3").arg(path, error.errorString()).arg(error.offset));
    return doc;
}

Result<AuthorityPki> loadPki(const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("pki")))
        return makeError(QStringLiteral("cli.usage"), Tr::tr("--pki DIR is required."));
    return AuthorityPki::load(parser.value(QStringLiteral("pki")));
}

int runPki(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("out"), Tr::tr("Folder to create the PKI in."), Tr::tr("DIR")});
    parser.addOption({QStringLiteral("home"), Tr::tr("The publishing (home) authority's participant code."),
                      Tr::tr("CODE")});
    parser.addOption(
        {QStringLiteral("issuer"),
         Tr::tr("An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. "
                "Repeatable."),
         Tr::tr("CODE[:ALG]")});
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("authority pki"),
            Tr::tr("Create a demo PKI: a bundle key for the home authority, and an authority CA with a "
                   "document signer for each issuer."),
            exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("out")) || !parser.isSet(QStringLiteral("home")))
        return fail(QStringLiteral("authority pki"), Tr::tr("--out DIR and --home CODE are required."));
    QList<AuthorityPki::IssuerSpec> issuers;
    for (const QString& spec : parser.values(QStringLiteral("issuer"))) {
        const QStringList parts = spec.split(u':');
        const QString alg = parts.value(1).toLower();
        KeyType type = KeyType::EcP256;
        if (alg == QLatin1String("ps256"))
            type = KeyType::Rsa;
        else if (alg == QLatin1String("eddsa"))
            type = KeyType::Ed25519;
        else if (!alg.isEmpty() && alg != QLatin1String("es256"))
            return fail(QStringLiteral("authority pki"),
                        Tr::tr("unknown algorithm '%1' (es256, ps256, eddsa).").arg(alg));
        issuers.append({parts.first().toUpper(), type});
    }
    auto pki = AuthorityPki::create(parser.value(QStringLiteral("out")),
                                    parser.value(QStringLiteral("home")).toUpper(), issuers,
                                    QDateTime::currentDateTimeUtc().addDays(-1));
    if (!pki)
        return fail(QStringLiteral("authority pki"), pki.error().message);
    out() << Tr::tr("PKI written to %1; pin %1/bundle-cert.pem at the desks.")
                 .arg(parser.value(QStringLiteral("out")))
          << Qt::endl;
    return ExitOk;
}

int runIssue(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("pki"), Tr::tr("The authority's PKI folder."), Tr::tr("DIR")});
    parser.addOption({QStringLiteral("in"), Tr::tr("The certificate record as JSON (kp1-barcode.md keys)."),
                      Tr::tr("FILE")});
    parser.addOption(
        {QStringLiteral("out"), Tr::tr("Where to write the signed record (COSE_Sign1)."), Tr::tr("FILE")});
    parser.addOption(
        {QStringLiteral("kp1"), Tr::tr("Also write the KP1 barcode text to this file."), Tr::tr("FILE")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("authority issue"),
                      Tr::tr("Sign a certificate record with the issuer's document signer."), exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("in")) || !parser.isSet(QStringLiteral("out")))
        return fail(QStringLiteral("authority issue"), Tr::tr("--in FILE and --out FILE are required."));
    auto pki = loadPki(parser);
    if (!pki)
        return fail(QStringLiteral("authority issue"), pki.error().message);
    auto json = readJson(parser.value(QStringLiteral("in")));
    if (!json)
        return fail(QStringLiteral("authority issue"), json.error().message);
    auto record = CertificateRecord::fromJson(json->object());
    if (!record)
        return fail(QStringLiteral("authority issue"), record.error().message);
    const IssuerKeys* keys = pki->issuer(record->issuer);
    if (!keys)
        return fail(QStringLiteral("authority issue"),
                    Tr::tr("the PKI has no document signer for %1.").arg(record->issuer));
    auto cose = signCertificateRecord(*record, keys->signerKey, keys->signer);
    if (!cose)
        return fail(QStringLiteral("authority issue"), cose.error().message);
    if (auto s = writeOutputFile(parser.value(QStringLiteral("out")), *cose); !s)
        return fail(QStringLiteral("authority issue"), s.error().message);
    if (parser.isSet(QStringLiteral("kp1"))) {
        if (auto s = writeOutputFile(parser.value(QStringLiteral("kp1")), Kp1::encode(*cose).toLatin1()); !s)
            return fail(QStringLiteral("authority issue"), s.error().message);
    }
    out() << Tr::tr("Signed %1 (%2 bytes).").arg(record->number).arg(cose->size()) << Qt::endl;
    return ExitOk;
}

int runRender(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("in"), Tr::tr("A signed record (COSE_Sign1) to print as KP1."), Tr::tr("FILE")});
    parser.addOption({QStringLiteral("text"), Tr::tr("Text to print instead (e.g. a certificate number)."),
                      Tr::tr("TEXT")});
    parser.addOption(
        {QStringLiteral("out"), Tr::tr("The image file to write (PNG, JPEG, TIFF, BMP)."), Tr::tr("IMAGE")});
    parser.addOption({QStringLiteral("symbology"),
                      Tr::tr("qr (default), datamatrix, aztec, pdf417 or code128."), Tr::tr("NAME"),
                      QStringLiteral("qr")});
    parser.addOption({QStringLiteral("module"), Tr::tr("Pixels per module (default 4)."), Tr::tr("PX"),
                      QStringLiteral("4")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("authority render"),
                      Tr::tr("Print a barcode image with whole square modules and a four-module quiet zone."),
                      exitCode))
        return exitCode;
    if (parser.isSet(QStringLiteral("in")) == parser.isSet(QStringLiteral("text")) ||
        !parser.isSet(QStringLiteral("out")))
        return fail(QStringLiteral("authority render"),
                    Tr::tr("give --out IMAGE and either --in FILE or --text TEXT."));
    QString text = parser.value(QStringLiteral("text"));
    if (parser.isSet(QStringLiteral("in"))) {
        auto cose = readInput(parser.value(QStringLiteral("in")));
        if (!cose)
            return fail(QStringLiteral("authority render"), cose.error().message);
        text = Kp1::encode(*cose);
    }
    const QMap<QString, BarcodeWriter::Symbology> names{
        {QStringLiteral("qr"), BarcodeWriter::Symbology::Qr},
        {QStringLiteral("datamatrix"), BarcodeWriter::Symbology::DataMatrix},
        {QStringLiteral("aztec"), BarcodeWriter::Symbology::Aztec},
        {QStringLiteral("pdf417"), BarcodeWriter::Symbology::Pdf417},
        {QStringLiteral("code128"), BarcodeWriter::Symbology::Code128}};
    const QString name = parser.value(QStringLiteral("symbology")).toLower();
    bool moduleOk = false;
    const int module = parser.value(QStringLiteral("module")).toInt(&moduleOk);
    if (!names.contains(name) || !moduleOk || module < 1 || module > 40)
        return fail(QStringLiteral("authority render"),
                    Tr::tr("unknown --symbology or --module out of 1-40."));
    auto image = BarcodeWriter::render(text, names.value(name), module, 4);
    if (!image)
        return fail(QStringLiteral("authority render"), image.error().message);
    if (!image->save(parser.value(QStringLiteral("out"))))
        return fail(QStringLiteral("authority render"),
                    Tr::tr("cannot write %1.").arg(parser.value(QStringLiteral("out"))));
    out() << Tr::tr("Wrote %1 (%2x%3).")
                 .arg(parser.value(QStringLiteral("out")))
                 .arg(image->width())
                 .arg(image->height())
          << Qt::endl;
    return ExitOk;
}

Result<QDate> optionalDate(const QJsonObject& o, const QString& key)
{
    if (!o.contains(key))
        return QDate();
    const QDate d = QDate::fromString(o.value(key).toString(), Qt::ISODate);
    if (!d.isValid())
        return makeError(QStringLiteral("cli.json"), Tr::tr("'%1' must be a date YYYY-MM-DD.").arg(key));
    return d;
}

int runBundle(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("pki"), Tr::tr("The home authority's PKI folder."), Tr::tr("DIR")});
    parser.addOption(
        {QStringLiteral("seq"), Tr::tr("Sequence number of the state this bundle produces."), Tr::tr("N")});
    parser.addOption({QStringLiteral("base"), Tr::tr("For a delta: the seq it applies to (default 0: full)."),
                      Tr::tr("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("fresh-days"),
                      Tr::tr("Days until desks show the data as stale (default 14)."), Tr::tr("DAYS"),
                      QStringLiteral("14")});
    parser.addOption(
        {QStringLiteral("participants"),
         Tr::tr("Participants JSON: an array of {c, name, st, from, to?, note?}, or 'demo' for the "
                "built-in list with its history."),
         Tr::tr("FILE")});
    parser.addOption(
        {QStringLiteral("keys"), Tr::tr("Include every authority CA and document signer of the PKI.")});
    parser.addOption({QStringLiteral("cert"),
                      Tr::tr("A signed record (COSE_Sign1) for the registry. Repeatable."), Tr::tr("FILE")});
    parser.addOption({QStringLiteral("revoked"),
                      Tr::tr("Revocations JSON: an array of {no, st, at, by, note?}."), Tr::tr("FILE")});
    parser.addOption(
        {QStringLiteral("ledger"),
         Tr::tr("The message ledger: every confirmed import becomes a 'used' revocation (an entry "
                "of --revoked for the same number wins)."),
         Tr::tr("FILE")});
    parser.addOption(
        {QStringLiteral("rules"), Tr::tr("Rules JSON: an object of rule key to value."), Tr::tr("FILE")});
    parser.addOption(
        {QStringLiteral("contacts"),
         Tr::tr(
             "Contacts JSON: an array of {c, role, name, email?, phone?, addr?} with role authority, chair "
             "or wgm (c is KP for the last two), or 'demo' for the demo desk's contacts."),
         Tr::tr("FILE")});
    parser.addOption({QStringLiteral("desks"),
                      Tr::tr("Include the list of desks (enrolled and revoked desk certificates) of the PKI: "
                             "desks refuse office events a revoked desk signed.")});
    parser.addOption({QStringLiteral("out"), Tr::tr("The .kpsync file to write."), Tr::tr("FILE")});
    int exitCode = ExitOk;
    if (!parseCommand(parser, args, QStringLiteral("authority bundle"),
                      Tr::tr("Publish a full or delta bundle signed with the home authority's bundle key."),
                      exitCode))
        return exitCode;
    auto pki = loadPki(parser);
    if (!pki)
        return fail(QStringLiteral("authority bundle"), pki.error().message);
    bool seqOk = false;
    bool baseOk = false;
    bool freshOk = false;
    BundleManifest manifest;
    manifest.publisher = pki->home();
    manifest.seq = parser.value(QStringLiteral("seq")).toULongLong(&seqOk);
    manifest.base = parser.value(QStringLiteral("base")).toULongLong(&baseOk);
    const int freshDays = parser.value(QStringLiteral("fresh-days")).toInt(&freshOk);
    if (!seqOk || manifest.seq < 1 || !baseOk || manifest.base >= manifest.seq || !freshOk || freshDays < 0 ||
        !parser.isSet(QStringLiteral("out")))
        return fail(QStringLiteral("authority bundle"),
                    Tr::tr("--seq N (>= 1), --base below it, --fresh-days and --out are needed."));
    manifest.at = QDateTime::currentDateTimeUtc();
    manifest.fresh = manifest.at.addDays(freshDays);
    BundleWriter writer(manifest);

    if (parser.isSet(QStringLiteral("participants"))) {
        const QString source = parser.value(QStringLiteral("participants"));
        auto json =
            source == QLatin1String("demo") ? Result<QJsonDocument>(QJsonDocument()) : readJson(source);
        if (!json)
            return fail(QStringLiteral("authority bundle"), json.error().message);
        if (source == QLatin1String("demo")) {
            for (const ParticipantPeriod& p : demoParticipantPeriods())
                writer.addParticipant(p);
        }
        for (const QJsonValue& v : json->array()) {
            const QJsonObject o = v.toObject();
            auto from = optionalDate(o, QStringLiteral("from"));
            auto to = optionalDate(o, QStringLiteral("to"));
            if (!from || !to || !from->isValid())
                return fail(QStringLiteral("authority bundle"),
                            Tr::tr("each participant needs c, st and a 'from' date."));
            writer.addParticipant({o.value(QStringLiteral("c")).toString(),
                                   o.value(QStringLiteral("name")).toString(),
                                   o.value(QStringLiteral("st")).toString(), *from, *to,
                                   o.value(QStringLiteral("note")).toString()});
        }
    }
    if (parser.isSet(QStringLiteral("keys"))) {
        for (const IssuerKeys& keys : pki->issuers()) {
            writer.addAuthorityCa(keys.ca.der(), {});
            writer.addSigner(keys.signer.der(), {}, {});
        }
    }
    if (parser.isSet(QStringLiteral("desks"))) {
        auto registry = DeskRegistry::open(parser.value(QStringLiteral("pki")));
        if (!registry)
            return fail(QStringLiteral("authority bundle"), registry.error().message);
        for (const DeskEntry& desk : registry->list())
            writer.addDeskCertificate({desk.certSha256, desk.deskId, desk.revoked.toUTC().date()});
    }
    for (const QString& file : parser.values(QStringLiteral("cert"))) {
        auto cose = readInput(file);
        if (!cose)
            return fail(QStringLiteral("authority bundle"), cose.error().message);
        writer.addCertificate(*cose);
    }
    QList<RevocationEntry> revoked;
    if (parser.isSet(QStringLiteral("revoked"))) {
        auto json = readJson(parser.value(QStringLiteral("revoked")));
        if (!json)
            return fail(QStringLiteral("authority bundle"), json.error().message);
        for (const QJsonValue& v : json->array()) {
            const QJsonObject o = v.toObject();
            revoked.append(
                {o.value(QStringLiteral("no")).toString(), o.value(QStringLiteral("st")).toString(),
                 o.value(QStringLiteral("at")).toString(), o.value(QStringLiteral("by")).toString(),
                 o.value(QStringLiteral("note")).toString()});
        }
    }
    if (parser.isSet(QStringLiteral("ledger"))) {
        // Only an existing ledger: a mistyped path must not publish "no imports".
        const QString path = parser.value(QStringLiteral("ledger"));
        if (!QFile::exists(path))
            return fail(QStringLiteral("authority bundle"),
                        Tr::tr("There is no message ledger at %1.").arg(path));
        auto ledger = MessageLedger::open(path);
        if (!ledger)
            return fail(QStringLiteral("authority bundle"), ledger.error().message);
        auto used = UsedRevocations::fromLedger(**ledger);
        if (!used)
            return fail(QStringLiteral("authority bundle"), used.error().message);
        revoked = UsedRevocations::merge(*used, revoked);
    }
    for (const RevocationEntry& entry : revoked)
        writer.addRevocation(entry);
    if (parser.isSet(QStringLiteral("rules"))) {
        auto json = readJson(parser.value(QStringLiteral("rules")));
        if (!json)
            return fail(QStringLiteral("authority bundle"), json.error().message);
        const QJsonObject rules = json->object();
        for (auto it = rules.constBegin(); it != rules.constEnd(); ++it)
            writer.addRule(it.key(), QCborValue::fromJsonValue(it.value()));
    }
    if (parser.isSet(QStringLiteral("contacts"))) {
        const QString source = parser.value(QStringLiteral("contacts"));
        if (source == QLatin1String("demo")) {
            for (const ContactEntry& c : demoContacts())
                writer.addContact(c);
        } else {
            auto json = readJson(source);
            if (!json)
                return fail(QStringLiteral("authority bundle"), json.error().message);
            static const QStringList roles{QStringLiteral("authority"), QStringLiteral("chair"),
                                           QStringLiteral("wgm")};
            for (const QJsonValue& v : json->array()) {
                const QJsonObject o = v.toObject();
                const ContactEntry c{
                    o.value(QStringLiteral("c")).toString(),     o.value(QStringLiteral("role")).toString(),
                    o.value(QStringLiteral("name")).toString(),  o.value(QStringLiteral("email")).toString(),
                    o.value(QStringLiteral("phone")).toString(), o.value(QStringLiteral("addr")).toString()};
                if (c.participant.isEmpty() || c.name.isEmpty() || !roles.contains(c.role) ||
                    (c.role == QLatin1String("authority")) == (c.participant == QLatin1String("KP")))
                    return fail(QStringLiteral("authority bundle"),
                                Tr::tr("each contact needs c, name and a role: authority (c a participant), "
                                       "chair or wgm (c is KP)."));
                writer.addContact(c);
            }
        }
    }
    if (auto s = writer.finish(parser.value(QStringLiteral("out")), pki->bundleKey(), pki->bundleCert()); !s)
        return fail(QStringLiteral("authority bundle"), s.error().message);
    out() << Tr::tr("Wrote %1 bundle seq %2 to %3.")
                 .arg(manifest.base == 0 ? Tr::tr("full") : Tr::tr("delta"))
                 .arg(manifest.seq)
                 .arg(parser.value(QStringLiteral("out")))
          << Qt::endl;
    return ExitOk;
}

int runPublish(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("pki"),
                      Tr::tr("The home authority's PKI folder (its bundle key signs the index)."),
                      Tr::tr("DIR")});
    parser.addOption({QStringLiteral("out"),
                      Tr::tr("The folder to publish: serve it over HTTP(S) or copy it to a USB stick."),
                      Tr::tr("DIR")});
    parser.addOption({QStringLiteral("keep-deltas"),
                      Tr::tr("Keep deltas reaching the last N sequence numbers in the index (default 30)."),
                      Tr::tr("N"), QStringLiteral("30")});
    parser.addPositionalArgument(QStringLiteral("BUNDLE"),
                                 Tr::tr("Bundles (.kpsync) to add: full snapshots and deltas."),
                                 QStringLiteral("[BUNDLE...]"));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("authority publish"),
            Tr::tr("Add bundles to a publication folder and write its signed index (kp-sync.md, 'On a web "
                   "server')."),
            exitCode))
        return exitCode;
    auto pki = loadPki(parser);
    if (!pki)
        return fail(QStringLiteral("authority publish"), pki.error().message);
    if (!parser.isSet(QStringLiteral("out")))
        return fail(QStringLiteral("authority publish"), Tr::tr("--out DIR is required."));
    PublishOptions options;
    bool ok = false;
    options.keepDeltas = parser.value(QStringLiteral("keep-deltas")).toInt(&ok);
    if (!ok || options.keepDeltas < 0)
        return fail(QStringLiteral("authority publish"), Tr::tr("--keep-deltas needs a number."));
    auto index = publishFolder(parser.value(QStringLiteral("out")), parser.positionalArguments(),
                               pki->bundleKey(), pki->bundleCert(), options);
    if (!index)
        return fail(QStringLiteral("authority publish"), index.error().message, ExitRefused);
    out() << Tr::tr("Published seq %1 in %2: full snapshot seq %3 and %Ln delta(s).", nullptr,
                    int(index->deltas.size()))
                 .arg(index->seq)
                 .arg(parser.value(QStringLiteral("out")))
                 .arg(index->full.seq)
          << Qt::endl;
    return ExitOk;
}

void printAuthorityUsage(QTextStream& stream)
{
    stream << Tr::tr("Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]") << "\n\n"
           << Tr::tr("Subcommands:") << '\n'
           << "  pki       " << Tr::tr("create a demo PKI (bundle key, authority CAs, document signers)")
           << '\n'
           << "  issue     " << Tr::tr("sign a certificate record from JSON") << '\n'
           << "  render    " << Tr::tr("print a signed record or a number as a barcode image") << '\n'
           << "  bundle    " << Tr::tr("make a full or delta .kpsync bundle") << '\n'
           << "  publish   "
           << Tr::tr("add bundles to a folder for a web server or USB stick, with its signed index") << '\n'
           << "  enrol     " << Tr::tr("issue a desk certificate for a desk's request") << '\n'
           << "  desks     " << Tr::tr("list the desks enrolled and revoked") << '\n'
           << "  revoke-desk " << Tr::tr("revoke a desk's certificate") << '\n'
           << "  inbox     " << Tr::tr("take the desks' messages from an intake folder into the ledger")
           << '\n'
           << "  cases     " << Tr::tr("list the reasonable doubts the desks reported") << '\n'
           << "  audit-check "
           << Tr::tr("check a desk's exported audit trail against every head the ledger received") << '\n'
           << '\n'
           << Tr::tr("Run 'kpdesk-cli authority SUBCOMMAND --help' for its options.") << Qt::endl;
}

} // namespace

int runAuthority(const QStringList& args)
{
    if (args.isEmpty()) {
        printAuthorityUsage(err());
        return ExitUsage;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        printAuthorityUsage(out());
        return ExitOk;
    }
    if (sub == QLatin1String("pki"))
        return runPki(rest);
    if (sub == QLatin1String("issue"))
        return runIssue(rest);
    if (sub == QLatin1String("render"))
        return runRender(rest);
    if (sub == QLatin1String("bundle"))
        return runBundle(rest);
    if (sub == QLatin1String("publish"))
        return runPublish(rest);
    if (const int code = runAuthorityDesks(sub, rest); code >= 0)
        return code;
    if (sub == QLatin1String("inbox"))
        return runAuthorityInbox(rest);
    if (sub == QLatin1String("cases"))
        return runAuthorityCases(rest);
    if (sub == QLatin1String("audit-check"))
        return runAuthorityAuditCheck(rest);
    err() << Tr::tr("kpdesk-cli authority: unknown subcommand '%1'.").arg(sub) << Qt::endl;
    printAuthorityUsage(err());
    return ExitUsage;
}

} // namespace kp::cli
