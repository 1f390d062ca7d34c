#include "outbox/MessageFactory.h"

#include "util/Clock.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QUuid>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::MessageFactory)
};

Result<CertificateRecord> certificateOf(const InspectionRecord& inspection)
{
    const QJsonValue cert = inspection.inspection.value(QStringLiteral("certificate"));
    if (!cert.isObject())
        return makeError(QStringLiteral("kpmsg.no-certificate"),
                         Tr::tr("The inspection has no certificate record to confirm."));
    return CertificateRecord::fromJson(cert.toObject());
}

QCborMap party(const Party& p)
{
    return {{QStringLiteral("n"), p.name}, {QStringLiteral("a"), p.address}};
}

// The physical check as recorded, in integers (no floating point in a
// message, as in KP1 records: mass in hundredths of a carat).
QCborValue physicalOf(const InspectionRecord& inspection)
{
    if (!inspection.physical)
        return QCborValue(QCborValue::Null);
    const PhysicalCheck& p = *inspection.physical;
    QCborMap m;
    m.insert(QStringLiteral("declaration"), p.declarationRef);
    if (p.parcelsCounted)
        m.insert(QStringLiteral("np"), qint64(*p.parcelsCounted));
    if (p.massCarats)
        m.insert(QStringLiteral("cct"), qint64(qRound64(*p.massCarats * 100.0)));
    if (p.sealsIntact)
        m.insert(QStringLiteral("seals_intact"), *p.sealsIntact);
    m.insert(QStringLiteral("seals"), QCborArray::fromStringList(p.sealNumbers));
    if (p.importerMatches)
        m.insert(QStringLiteral("importer_matches"), *p.importerMatches);
    return m;
}

QCborMap fileEntry(const QString& name, const QByteArray& data)
{
    const QString type = QMimeDatabase().mimeTypeForFileNameAndData(name, data).name();
    return {{QStringLiteral("name"), name},
            {QStringLiteral("type"), type},
            {QStringLiteral("sha256"), QCryptographicHash::hash(data, QCryptographicHash::Sha256)},
            {QStringLiteral("data"), data}};
}

} // namespace

Result<QCborMap> MessageBodies::confirmation(const InspectionRecord& inspection, const QString& officer,
                                             const QString& authority, const QDate& received)
{
    auto cert = certificateOf(inspection);
    if (!cert)
        return cert.error();
    quint64 parcels = cert->parcels;
    quint64 centiCarats = cert->totalCentiCarats();
    if (inspection.physical) {
        if (inspection.physical->parcelsCounted)
            parcels = *inspection.physical->parcelsCounted;
        if (inspection.physical->massCarats)
            centiCarats = quint64(qRound64(*inspection.physical->massCarats * 100.0));
    }
    return QCborMap{{QStringLiteral("no"), cert->number},
                    {QStringLiteral("iss"), cert->issuer},
                    {QStringLiteral("recv"), received.toString(Qt::ISODate)},
                    {QStringLiteral("np"), qint64(parcels)},
                    {QStringLiteral("cct"), qint64(centiCarats)},
                    {QStringLiteral("exp"), party(cert->exporter)},
                    {QStringLiteral("imp"), party(cert->importer)},
                    {QStringLiteral("auth"), authority},
                    {QStringLiteral("officer"), officer}};
}

Result<QCborMap> MessageBodies::doubt(const DeskRecords::CaseView& kase, const InspectionRecord& inspection,
                                      const QStringList& to)
{
    QCborArray checks;
    for (const QJsonValue& c : inspection.inspection.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject o = c.toObject();
        checks.append(QCborMap{{QStringLiteral("check"), o.value(QStringLiteral("check")).toString()},
                               {QStringLiteral("status"), o.value(QStringLiteral("status")).toString()},
                               {QStringLiteral("detail"), o.value(QStringLiteral("detail")).toString()}});
    }
    QStringList reasons;
    QString notes;
    QCborValue decision(QCborValue::Null);
    QCborArray files;
    if (!inspection.image.isEmpty())
        files.append(fileEntry(QStringLiteral("scan.png"), inspection.image));
    for (const CaseEvent& e : kase.events) {
        if (e.kind == CaseEventKind::Flagged) {
            for (const QJsonValue& r : e.data.value(QStringLiteral("reasons")).toArray())
                reasons << r.toString();
            notes = e.data.value(QStringLiteral("notes")).toString();
        } else if (e.kind == CaseEventKind::Decision) {
            decision =
                QCborMap{{QStringLiteral("by"), e.actor},
                         {QStringLiteral("at"), e.at.toUTC().toString(Qt::ISODate)},
                         {QStringLiteral("outcome"), e.data.value(QStringLiteral("outcome")).toString()},
                         {QStringLiteral("reason"), e.data.value(QStringLiteral("reason")).toString()}};
        }
        for (const EventAttachment& a : e.attachments) {
            if (a.data.size() != a.size)
                return makeError(QStringLiteral("kpmsg.attachment"),
                                 Tr::tr("The attachment %1 could not be read in full.").arg(a.name));
            files.append(fileEntry(QFileInfo(a.name).fileName(), a.data));
        }
    }
    // The KP1 text as scanned, or null for a typed number.
    const QString source = inspection.inspection.value(QStringLiteral("source")).toString();
    const QString text = inspection.inspection.value(QStringLiteral("text")).toString();
    const QCborValue kp1 =
        source == QLatin1String("KP1") && !text.isEmpty() ? QCborValue(text) : QCborValue(QCborValue::Null);
    return QCborMap{{QStringLiteral("case"), kase.record.id},
                    {QStringLiteral("no"), inspection.number},
                    {QStringLiteral("kp1"), kp1},
                    {QStringLiteral("verdict"), verdictName(inspection.verdict)},
                    {QStringLiteral("checks"), checks},
                    {QStringLiteral("physical"), physicalOf(inspection)},
                    {QStringLiteral("reasons"), QCborArray::fromStringList(reasons)},
                    {QStringLiteral("notes"), notes},
                    {QStringLiteral("decision"), decision},
                    {QStringLiteral("to"), QCborArray::fromStringList(to)},
                    {QStringLiteral("files"), files}};
}

Result<OutboxMessage> MessageFactory::seal(const MessageSigner& signer, const Clock& clock, MessageKind kind,
                                           quint64 n, const AuditHead& trail, const QCborMap& body)
{
    KpMessage m;
    m.kind = kind;
    m.id = QUuid::createUuid().toRfc4122();
    m.desk = signer.deskId;
    m.participant = signer.participant;
    m.at = clock.nowUtc();
    m.n = n;
    m.audit = trail;
    m.body = body;
    auto bytes = KpMessageCodec::sign(m, signer.key, signer.certificate);
    if (!bytes)
        return bytes.error();
    OutboxMessage out;
    out.id = m.idText();
    out.n = n;
    out.kind = messageKindName(kind);
    out.fileName = m.fileName();
    out.bytes = *bytes;
    out.madeAt = m.at;
    return out;
}

MessageMaker MessageFactory::confirmation(const InspectionRecord& inspection, const QString& officer,
                                          const QString& authority) const
{
    // The maker outlives this factory (callers make it from a DeskMessaging
    // that is gone when the door runs it): it holds the signer, never `this`.
    return [signer = m_signer, &clock = m_clock, inspection, officer,
            authority](quint64 n, const AuditHead& trail) -> Result<OutboxMessage> {
        auto body = MessageBodies::confirmation(inspection, officer, authority, clock.nowUtc().date());
        if (!body)
            return body.error();
        auto message = seal(*signer, clock, MessageKind::Confirmation, n, trail, *body);
        if (message) {
            message->inspectionId = inspection.id;
            message->number = inspection.number;
        }
        return message;
    };
}

MessageMaker MessageFactory::doubt(const DeskRecords::CaseView& kase, const InspectionRecord& inspection,
                                   const QStringList& to, const QByteArray& pdf) const
{
    // As confirmation(): the maker holds the signer, never `this`.
    return [signer = m_signer, &clock = m_clock, kase, inspection, to,
            pdf](quint64 n, const AuditHead& trail) -> Result<OutboxMessage> {
        auto body = MessageBodies::doubt(kase, inspection, to);
        if (!body)
            return body.error();
        auto message = seal(*signer, clock, MessageKind::Doubt, n, trail, *body);
        if (message) {
            message->caseId = kase.record.id;
            message->inspectionId = inspection.id;
            message->number = inspection.number;
            message->pdf = pdf;
            message->hasPdf = !pdf.isEmpty();
        }
        return message;
    };
}

} // namespace kp
