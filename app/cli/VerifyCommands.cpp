// verify and decode: what an officer or a support technician asks of a code.
#include "CliImages.h"
#include "CliSupport.h"
#include "CliTrail.h"
#include "Commands.h"

#include "cache/CacheDatabase.h"
#include "util/Clock.h"
#include "verify/Verifier.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace kp::cli {

namespace {

QString statusWord(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return Tr::tr("PASS");
    case CheckStatus::Warn:
        return Tr::tr("WARN");
    case CheckStatus::Fail:
        return Tr::tr("FAIL");
    case CheckStatus::Skip:
        break;
    }
    return Tr::tr("skip");
}

QString verdictHeadline(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return Tr::tr("ACCEPT: every check passed; release unless the physical check finds otherwise.");
    case Verdict::Doubt:
        return Tr::tr("DOUBT: examine the shipment, then release or flag reasonable doubt.");
    case Verdict::Reject:
        break;
    }
    return Tr::tr("REJECT: not authentic or not acceptable; hold the shipment.");
}

void printReport(const Inspection& insp)
{
    QTextStream& o = out();
    o << verdictHeadline(insp.verdict) << '\n';
    QString what = sourceKindName(insp.source);
    if (!insp.input.symbology.isEmpty())
        what += QStringLiteral(", ") + insp.input.symbology;
    o << Tr::tr("Certificate %1 (%2), inspected for %3 on %4")
             .arg(insp.number.isEmpty() ? Tr::tr("unknown") : insp.number, what, insp.deskParticipant,
                  insp.inspectionDate.toString(Qt::ISODate))
      << "\n\n";
    for (const CheckResult& c : insp.checks)
        o << "  " << statusWord(c.status).leftJustified(5) << ' ' << c.check.leftJustified(12) << c.detail
          << '\n';
    if (insp.certificate) {
        const CertificateRecord& r = *insp.certificate;
        o << '\n'
          << Tr::tr("  Issued by %1 (%2) on %3, expires %4")
                 .arg(r.authority, r.issuer, r.issued.toString(Qt::ISODate), r.expires.toString(Qt::ISODate))
          << '\n'
          << Tr::tr("  Exporter: %1, %2").arg(r.exporter.name, r.exporter.address) << '\n'
          << Tr::tr("  Importer: %1, %2").arg(r.importer.name, r.importer.address) << '\n'
          << Tr::tr("  Origin: %1; parcels: %2; carats: %3; US$ %4")
                 .arg(r.mixed ? Tr::tr("mixed") : r.origins.join(QStringLiteral(", ")))
                 .arg(r.parcels)
                 .arg(QString::number(double(r.totalCentiCarats()) / 100.0, 'f', 2),
                      QString::number(double(r.totalUsdCents()) / 100.0, 'f', 2))
          << '\n';
    }
    o << Qt::flush;
}

// Longer than any bundle takes to apply on a slow desk.
constexpr int RecordWaitMs = 10 * 60 * 1000;

int exitCodeFor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return ExitAccept;
    case Verdict::Doubt:
        return ExitDoubt;
    case Verdict::Reject:
        break;
    }
    return ExitReject;
}

} // namespace

int runVerify(const QStringList& args)
{
    QCommandLineParser parser;
    addDbOption(parser);
    parser.addOption(
        {QStringLiteral("at"), Tr::tr("Validation date (default: today)."), Tr::tr("YYYY-MM-DD")});
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    parser.addOption({QStringLiteral("record"), Tr::tr("Count this as a presentation at this desk.")});
    parser.addOption(
        {QStringLiteral("text"), Tr::tr("Verify this barcode text or certificate number."), Tr::tr("TEXT")});
    parser.addPositionalArgument(QStringLiteral("IMAGE"), Tr::tr("An image of the certificate's barcode."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("verify"),
            Tr::tr(
                "Verify a certificate and print the verdict with every check.\nExit status: 0 "
                "accept, 1 doubt, 2 reject, 3 nothing to verify (no barcode, not a certificate), 4 usage or "
                "environment error."),
            exitCode))
        return exitCode;
    const QStringList images = parser.positionalArguments();
    const bool hasText = parser.isSet(QStringLiteral("text"));
    if (hasText == !images.isEmpty() || images.size() > 1) {
        err() << Tr::tr("verify: give either --text TEXT or one IMAGE.") << Qt::endl;
        return ExitUsage;
    }
    VerifyOptions options;
    options.recordPresentation = parser.isSet(QStringLiteral("record"));
    if (parser.isSet(QStringLiteral("at"))) {
        // A date and nothing else: Qt's ISO parser would take "2026-11-20T00:00:00" as a date too.
        static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        const QString at = parser.value(QStringLiteral("at"));
        options.inspectionDate = dateOnly.match(at).hasMatch() ? QDate::fromString(at, Qt::ISODate) : QDate();
        if (!options.inspectionDate.isValid()) {
            err() << Tr::tr("verify: --at needs a date as YYYY-MM-DD.") << Qt::endl;
            return ExitUsage;
        }
    }
    // kpdesk-cli-core reads a photo's KP1 code here, or hands the command to
    // kpdesk-cli-full before anything is opened (CliImages.h).
    std::optional<ScanInput> photo;
    if (!hasText) {
        auto here = readPhotoHere(images.first());
        if (!here) {
            err() << here.error().message << Qt::endl;
            return ExitUsage;
        }
        photo = *here;
    }
    auto db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!db)
        return ExitUsage;
    // A desk whose configuration cannot be read goes on: the verification
    // then fails every check that needs the data, with the reason.
    if (const auto initialized = db->isInitialized(); initialized && !*initialized) {
        err() << Tr::tr("verify: %1 is not an initialised desk (run 'kpdesk-cli init').").arg(db->path())
              << Qt::endl;
        return ExitUsage;
    }

    ScanInput input;
    if (hasText) {
        input.text = parser.value(QStringLiteral("text"));
    } else if (photo) {
        input = *photo;
    } else {
        auto scanned = scanImageArgument(images.first(), false);
        if (!scanned) {
            if (parser.isSet(QStringLiteral("json")))
                printJson(QJsonObject{{QStringLiteral("verdict"), QJsonValue(QJsonValue::Null)},
                                      {QStringLiteral("error"), scanned.error().message},
                                      {QStringLiteral("file"), images.first()}});
            err() << Tr::tr("verify: %1: %2").arg(images.first(), scanned.error().message) << Qt::endl;
            return ExitNothingToVerify;
        }
        input = scanned->input;
    }
    if (input.text.trimmed().isEmpty()) {
        err() << Tr::tr("verify: nothing to verify (empty text).") << Qt::endl;
        return ExitNothingToVerify;
    }

    if (options.recordPresentation) {
        // A presentation the desk must keep waits for a sync that is writing
        // (a big bundle takes a while) instead of being dropped after 5 s.
        if (auto s = db->setWriteWait(RecordWaitMs); !s) {
            err() << s.error().message << Qt::endl;
            return ExitUsage;
        }
    }
    SystemClock clock;
    const Inspection insp = Verifier(*db, clock).verify(input, options);
    if (!insp.isCertificate()) {
        // A typing mistake is no verdict: nothing recorded, nothing to act on.
        if (parser.isSet(QStringLiteral("json")))
            printJson(QJsonObject{{QStringLiteral("verdict"), QJsonValue(QJsonValue::Null)},
                                  {QStringLiteral("error"), Inspection::notACertificateText()},
                                  {QStringLiteral("source"), sourceKindName(insp.source)},
                                  {QStringLiteral("text"), input.text}});
        err() << Tr::tr("verify: %1").arg(Inspection::notACertificateText()) << Qt::endl;
        return ExitNothingToVerify;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(insp.toJson());
    else
        printReport(insp);
    if (!insp.dataError.isEmpty())
        err() << Tr::tr("verify: the desk's data could not be read: run 'kpdesk-cli repair --db %1', then "
                        "sync.")
                     .arg(db->path())
              << Qt::endl;
    // The verdict is shown, but a presentation that could not be kept is an
    // error of the desk: scripts must not take it as done.
    if (options.recordPresentation && insp.recordingError.isEmpty() && !insp.number.isEmpty() &&
        !noteVerificationInTrail(*db, insp))
        return ExitUsage;
    if (!insp.recordingError.isEmpty()) {
        err() << Tr::tr("verify: the presentation was not recorded: %1").arg(insp.recordingError) << Qt::endl;
        return ExitUsage;
    }
    return exitCodeFor(insp.verdict);
}

} // namespace kp::cli
