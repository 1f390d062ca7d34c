#pragma once

#include "format/CertificateRecord.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace kp {

// checks.md: statuses and verdicts, with their stable names.
enum class CheckStatus { Pass, Warn, Fail, Skip };
enum class Verdict { Accept, Doubt, Reject };

QString checkStatusName(CheckStatus status); // "pass", "warn", "fail", "skip"
QString verdictName(Verdict verdict);        // "accept", "doubt", "reject"
std::optional<CheckStatus> checkStatusFromName(const QString& name);
std::optional<Verdict> verdictFromName(const QString& name);

// Stable check names, in the order they are shown.
namespace CheckName {
inline const QString Format = QStringLiteral("format");
inline const QString Signature = QStringLiteral("signature");
inline const QString Signer = QStringLiteral("signer");
inline const QString Fields = QStringLiteral("fields");
inline const QString Expiry = QStringLiteral("expiry");
inline const QString Participant = QStringLiteral("participant");
inline const QString Sanctions = QStringLiteral("sanctions");
inline const QString Registry = QStringLiteral("registry");
inline const QString Revocation = QStringLiteral("revocation");
inline const QString Duplicate = QStringLiteral("duplicate");
inline const QString Value = QStringLiteral("value");
inline const QString Freshness = QStringLiteral("freshness");
QStringList all();
// What a person reads for a check, in the interface's language ("Signature",
// "Used before"); the stable name stays the key in JSON and on the command line.
QString title(const QString& name);
} // namespace CheckName

struct CheckResult
{
    QString check;
    CheckStatus status = CheckStatus::Skip;
    QString detail;
};

// What was read: the text of a barcode or what the officer typed.
struct ScanInput
{
    QString text;
    QString symbology; // "QR Code", "Data Matrix", ... or empty when typed
    QString file;      // image file it came from, if any
};

enum class SourceKind { Kp1, PlainNumber, Unrecognized };
QString sourceKindName(SourceKind kind); // "KP1", "number", "unrecognized"

// One inspection of a certificate: the verdict and every check behind it.
struct Inspection
{
    ScanInput input;
    SourceKind source = SourceKind::Unrecognized;
    QString number;                               // certificate number, when known
    std::optional<CertificateRecord> certificate; // the record as signed, when decoded
    QByteArray signedBytes;                       // the COSE_Sign1 that was verified
    QList<CheckResult> checks;
    Verdict verdict = Verdict::Reject;
    QDate inspectionDate;
    QDateTime verifiedAt; // desk clock, UTC
    QString deskParticipant;
    QString recordingError; // set when asked to record the presentation and that failed
    // Set when the desk's data could not be read (a damaged or incomplete
    // cache): every check that needed it failed with this reason, and the
    // desk must be repaired (kpdesk-cli repair) and synced.
    QString dataError;

    // False for text that is neither a KP1 barcode nor a certificate number
    // (a typing mistake): its verdict is not one to act on, and it is shown
    // as "not a certificate: check what you typed" and recorded nowhere.
    bool isCertificate() const { return source != SourceKind::Unrecognized; }
    static QString notACertificateText();

    const CheckResult* check(const QString& name) const;
    QJsonObject toJson() const;
    // An inspection as saved (toJson()), to be shown as it was seen then. Not
    // verified again: signedBytes stay empty. A check status this version does
    // not know reads as warn (it needs the officer's eye, never a pass), a
    // certificate that no longer parses as none.
    static Inspection fromJson(const QJsonObject& json);
};

// checks.md: any fail gives reject, any warn gives doubt. A desk never says
// accept unless the signature and its signer were actually checked.
Verdict verdictFor(const QList<CheckResult>& checks);

} // namespace kp
