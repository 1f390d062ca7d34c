#include "RecordedIntake.h"
#include "CliImages.h"

#include "records/ScanRecording.h"
#include "util/Printable.h"
#include "verify/Verifier.h"

namespace kp::cli {

namespace {

// The input to verify, and the image as PNG when there is one.
bool readInput(const QCommandLineParser& parser, const QString& command, ScanInput& input, QByteArray& png,
               int& exitCode)
{
    const QStringList images = parser.positionalArguments();
    const int given = int(parser.isSet(QStringLiteral("text"))) +
                      int(parser.isSet(QStringLiteral("number"))) + int(!images.isEmpty());
    if (given != 1 || images.size() > 1) {
        err() << Tr::tr("%1: give one of --text TEXT, --number NO or one IMAGE.").arg(command) << Qt::endl;
        exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("text"))) {
        input.text = parser.value(QStringLiteral("text"));
    } else if (parser.isSet(QStringLiteral("number"))) {
        input.text = parser.value(QStringLiteral("number"));
    } else {
        auto scanned = scanImageArgument(images.first(), true);
        if (!scanned) {
            err() << Tr::tr("%1: %2: %3").arg(command, images.first(), scanned.error().message) << Qt::endl;
            exitCode = ExitNothingToVerify;
            return false;
        }
        input = scanned->input;
        png = scanned->png;
    }
    if (input.text.trimmed().isEmpty()) {
        err() << Tr::tr("%1: nothing to verify (empty text).").arg(command) << Qt::endl;
        exitCode = ExitNothingToVerify;
        return false;
    }
    return true;
}

} // namespace

void addInputOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("text"), Tr::tr("The barcode text or certificate number."), Tr::tr("TEXT")});
    parser.addOption({QStringLiteral("number"), Tr::tr("The certificate number."), Tr::tr("NO")});
    parser.addPositionalArgument(QStringLiteral("IMAGE"), Tr::tr("An image of the certificate's barcode."));
}

std::optional<Intake> intake(const QCommandLineParser& parser, const QString& command, int& exitCode)
{
    if (!parser.isSet(QStringLiteral("user"))) {
        err() << Tr::tr("%1: --user NAME is needed.").arg(command) << Qt::endl;
        exitCode = ExitUsage;
        return std::nullopt;
    }
    ScanInput input;
    QByteArray png;
    if (!readInput(parser, command, input, png, exitCode))
        return std::nullopt;
    Intake in;
    in.records = openRecords(parser);
    if (!in.records) {
        exitCode = ExitUsage;
        return std::nullopt;
    }
    auto session = signIn(*in.records, command, parser.value(QStringLiteral("user")));
    if (!session) {
        exitCode = ExitRefused;
        return std::nullopt;
    }
    in.session = *session;
    // Scan and record: the same use-case as the window's (core/records/ScanRecording.h).
    RecordedScan scan =
        ScanRecording(*in.records->db, *in.records->door, in.records->clock).scan(in.session, input, png);
    in.inspection = scan.inspection;
    if (!in.inspection.isCertificate()) { // a typing mistake: nothing recorded
        err() << Tr::tr("%1: %2").arg(command, Inspection::notACertificateText()) << Qt::endl;
        exitCode = ExitNothingToVerify;
        return std::nullopt;
    }
    if (scan.notSaved) {
        err() << Tr::tr("%1: %2").arg(command, scan.notSaved->message) << Qt::endl;
        exitCode = scan.notSaved->code == QLatin1String("accounts.not-permitted") ? ExitRefused : ExitUsage;
        return std::nullopt;
    }
    in.inspectionId = scan.inspectionId;
    out() << Tr::tr("Inspection %1: %2 %3")
                 .arg(in.inspectionId, verdictWord(in.inspection.verdict), printable(in.inspection.number))
          << Qt::endl;
    return in;
}

} // namespace kp::cli
