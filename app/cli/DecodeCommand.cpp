// decode: every barcode in images, whatever it holds (kpdesk-cli-full only).
#include "CliSupport.h"
#include "Commands.h"

#include "barcode/BarcodeReader.h"

#include <QJsonArray>
#include <QJsonObject>

namespace kp::cli {

int runDecode(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), Tr::tr("Print one JSON object.")});
    parser.addPositionalArgument(QStringLiteral("IMAGE..."), Tr::tr("Image files (PNG, JPEG, TIFF, BMP)."));
    int exitCode = ExitOk;
    if (!parseCommand(
            parser, args, QStringLiteral("decode"),
            Tr::tr("List every barcode found in each image: symbology and text, whatever it holds."),
            exitCode))
        return exitCode;
    const QStringList images = parser.positionalArguments();
    if (images.isEmpty()) {
        err() << Tr::tr("decode: name at least one IMAGE.") << Qt::endl;
        return ExitUsage;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    BarcodeReader reader;
    QJsonArray files;
    bool anyFound = false;
    for (const QString& path : images) {
        QJsonObject file{{QStringLiteral("file"), path}};
        auto found = reader.readFile(path);
        if (!found) {
            file.insert(QStringLiteral("error"), found.error().message);
            if (!json)
                err() << Tr::tr("%1: %2").arg(path, found.error().message) << Qt::endl;
            files.append(file);
            continue;
        }
        QJsonArray codes;
        for (const DecodedBarcode& b : *found) {
            codes.append(
                QJsonObject{{QStringLiteral("symbology"), b.symbology}, {QStringLiteral("text"), b.text}});
            if (!json)
                out() << path << '\t' << b.symbology << '\t' << b.text << '\n';
        }
        if (found->isEmpty() && !json)
            out() << path << '\t' << Tr::tr("no barcode found") << '\n';
        anyFound = anyFound || !found->isEmpty();
        file.insert(QStringLiteral("barcodes"), codes);
        files.append(file);
    }
    if (json)
        printJson(QJsonObject{{QStringLiteral("files"), files}});
    out() << Qt::flush;
    return anyFound ? ExitOk : ExitNothingToVerify;
}

} // namespace kp::cli
