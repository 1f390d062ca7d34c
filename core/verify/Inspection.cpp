#include "verify/Inspection.h"

#include <QCoreApplication>

#include <QJsonArray>

namespace kp {

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return QStringLiteral("pass");
    case CheckStatus::Warn:
        return QStringLiteral("warn");
    case CheckStatus::Fail:
        return QStringLiteral("fail");
    case CheckStatus::Skip:
        break;
    }
    return QStringLiteral("skip");
}

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return QStringLiteral("accept");
    case Verdict::Doubt:
        return QStringLiteral("doubt");
    case Verdict::Reject:
        break;
    }
    return QStringLiteral("reject");
}

std::optional<CheckStatus> checkStatusFromName(const QString& name)
{
    for (auto s : {CheckStatus::Pass, CheckStatus::Warn, CheckStatus::Fail, CheckStatus::Skip}) {
        if (checkStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

std::optional<Verdict> verdictFromName(const QString& name)
{
    for (auto v : {Verdict::Accept, Verdict::Doubt, Verdict::Reject}) {
        if (verdictName(v) == name)
            return v;
    }
    return std::nullopt;
}

QString CheckName::title(const QString& name)
{
    // The same context as the checks' reasons (kp::Checks).
    static const char* const titles[][2] = {
        {"format", QT_TRANSLATE_NOOP("kp::Checks", "Format")},
        {"signature", QT_TRANSLATE_NOOP("kp::Checks", "Signature")},
        {"signer", QT_TRANSLATE_NOOP("kp::Checks", "Signer")},
        {"fields", QT_TRANSLATE_NOOP("kp::Checks", "Fields")},
        {"expiry", QT_TRANSLATE_NOOP("kp::Checks", "Validity dates")},
        {"participant", QT_TRANSLATE_NOOP("kp::Checks", "Participants")},
        {"sanctions", QT_TRANSLATE_NOOP("kp::Checks", "Sanctions")},
        {"registry", QT_TRANSLATE_NOOP("kp::Checks", "Registry")},
        {"revocation", QT_TRANSLATE_NOOP("kp::Checks", "Revocation")},
        {"duplicate", QT_TRANSLATE_NOOP("kp::Checks", "Used before")},
        {"value", QT_TRANSLATE_NOOP("kp::Checks", "Value")},
        {"freshness", QT_TRANSLATE_NOOP("kp::Checks", "Data freshness")},
    };
    for (const auto& t : titles)
        if (name == QLatin1String(t[0]))
            return QCoreApplication::translate("kp::Checks", t[1]);
    return name; // a check this version does not know: its stable name
}

QStringList CheckName::all()
{
    return {Format,    Signature, Signer,     Fields,    Expiry, Participant,
            Sanctions, Registry,  Revocation, Duplicate, Value,  Freshness};
}

QString sourceKindName(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Kp1:
        return QStringLiteral("KP1");
    case SourceKind::PlainNumber:
        return QStringLiteral("number");
    case SourceKind::Unrecognized:
        break;
    }
    return QStringLiteral("unrecognized");
}

QString Inspection::notACertificateText()
{
    return QCoreApplication::translate("kp::Checks", "Not a certificate: check what you typed.");
}

const CheckResult* Inspection::check(const QString& name) const
{
    for (const auto& c : checks) {
        if (c.check == name)
            return &c;
    }
    return nullptr;
}

QJsonObject Inspection::toJson() const
{
    QJsonArray checkArray;
    for (const auto& c : checks) {
        checkArray.append(QJsonObject{{QStringLiteral("check"), c.check},
                                      {QStringLiteral("status"), checkStatusName(c.status)},
                                      {QStringLiteral("detail"), c.detail}});
    }
    QJsonObject json;
    json.insert(QStringLiteral("verdict"), verdictName(verdict));
    json.insert(QStringLiteral("checks"), checkArray);
    json.insert(QStringLiteral("certificate"),
                certificate ? QJsonValue(certificate->toJson()) : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("source"), sourceKindName(source));
    // What was read, as it was read: a stored inspection can be verified
    // again against later data (Recheck) only from the same input.
    json.insert(QStringLiteral("text"), input.text);
    json.insert(QStringLiteral("symbology"),
                input.symbology.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(input.symbology));
    if (!input.file.isEmpty())
        json.insert(QStringLiteral("file"), input.file);
    json.insert(QStringLiteral("number"),
                number.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(number));
    json.insert(QStringLiteral("inspectionDate"), inspectionDate.toString(Qt::ISODate));
    json.insert(QStringLiteral("verifiedAt"), verifiedAt.toString(Qt::ISODate));
    json.insert(QStringLiteral("desk"), deskParticipant);
    if (!dataError.isEmpty())
        json.insert(QStringLiteral("dataError"), dataError);
    return json;
}

Inspection Inspection::fromJson(const QJsonObject& json)
{
    Inspection insp;
    insp.verdict =
        verdictFromName(json.value(QStringLiteral("verdict")).toString()).value_or(Verdict::Reject);
    for (const QJsonValue v : json.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        insp.checks.append(
            {c.value(QStringLiteral("check")).toString(),
             checkStatusFromName(c.value(QStringLiteral("status")).toString()).value_or(CheckStatus::Warn),
             c.value(QStringLiteral("detail")).toString()});
    }
    if (const QJsonValue cert = json.value(QStringLiteral("certificate")); cert.isObject()) {
        if (auto record = CertificateRecord::fromJson(cert.toObject()))
            insp.certificate = std::move(record).value();
    }
    const QString source = json.value(QStringLiteral("source")).toString();
    for (auto kind : {SourceKind::Kp1, SourceKind::PlainNumber})
        if (sourceKindName(kind) == source)
            insp.source = kind;
    insp.input.text = json.value(QStringLiteral("text")).toString();
    insp.input.symbology = json.value(QStringLiteral("symbology")).toString();
    insp.input.file = json.value(QStringLiteral("file")).toString();
    insp.number = json.value(QStringLiteral("number")).toString();
    insp.inspectionDate =
        QDate::fromString(json.value(QStringLiteral("inspectionDate")).toString(), Qt::ISODate);
    insp.verifiedAt = QDateTime::fromString(json.value(QStringLiteral("verifiedAt")).toString(), Qt::ISODate);
    insp.deskParticipant = json.value(QStringLiteral("desk")).toString();
    insp.dataError = json.value(QStringLiteral("dataError")).toString();
    return insp;
}

Verdict verdictFor(const QList<CheckResult>& checks)
{
    bool anyWarn = false;
    bool anyFail = false;
    bool authenticityChecked = true;
    for (const auto& c : checks) {
        anyFail = anyFail || c.status == CheckStatus::Fail;
        anyWarn = anyWarn || c.status == CheckStatus::Warn;
        const bool essential =
            c.check == CheckName::Format || c.check == CheckName::Signature || c.check == CheckName::Signer;
        if (essential && c.status != CheckStatus::Pass)
            authenticityChecked = false;
    }
    if (anyFail)
        return Verdict::Reject;
    if (anyWarn || !authenticityChecked || checks.isEmpty())
        return Verdict::Doubt;
    return Verdict::Accept;
}

} // namespace kp
