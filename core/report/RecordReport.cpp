#include "RecordReport.h"

#include "cases/CaseWords.h"
#include "format/CertificateRecord.h"
#include "util/IsoTime.h"
#include "verify/Recheck.h"

#include <QFont>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTextDocument>
#include <QUrl>

namespace kp {

namespace {

// The helpers' words, in the class's translation context.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::RecordReport)
};

// The largest an embedded picture is shown, in the layout's pixels (96 per inch).
constexpr int MaxImageWidth = 600;
constexpr int MaxImageHeight = 700;

// Text from a record, as text: escaped, its line breaks kept.
QString esc(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
}

// Times on paper are in UTC, and say so: a file may be read in another zone.
QString utc(const QDateTime& at)
{
    if (!at.isValid())
        return Tr::tr("(unknown)");
    return shownUtc(at);
}

QString yesNo(bool value)
{
    return value ? Tr::tr("yes") : Tr::tr("no");
}

// Figures as the language of the document writes them (the default
// QLocale: the window's language, kpdesk-cli's system's); ids and dates stay as they are.
QString figure(double value)
{
    return QLocale().toString(value, 'f', 2);
}

QString figure(quint64 count)
{
    return QLocale().toString(count);
}

QString carats(quint64 centiCarats)
{
    return figure(double(centiCarats) / 100.0);
}

QString dollars(quint64 cents)
{
    return figure(double(cents) / 100.0);
}

QString verdictColour(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return QStringLiteral("#1b5e20");
    case Verdict::Doubt:
        return QStringLiteral("#8a5a00");
    case Verdict::Reject:
        break;
    }
    return QStringLiteral("#b71c1c");
}

QString verdictHtml(Verdict verdict)
{
    return QStringLiteral("<b><span style=\"color:%1\">%2</span></b> (%3)")
        .arg(verdictColour(verdict), InspectionChange::verdictWord(verdict).toHtmlEscaped(),
             verdictName(verdict));
}

QString statusWords(const QString& status)
{
    if (status == QLatin1String("pass"))
        return Tr::tr("pass");
    if (status == QLatin1String("warn"))
        return Tr::tr("warn");
    if (status == QLatin1String("fail"))
        return Tr::tr("FAIL");
    if (status == QLatin1String("skip"))
        return Tr::tr("skip");
    return status;
}

// One row of a two-column table; `valueHtml` is already escaped.
QString row(const QString& label, const QString& valueHtml)
{
    return QStringLiteral("<tr><th align=\"left\" valign=\"top\" width=\"28%\">%1</th><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), valueHtml);
}

QString tableOpen()
{
    return QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">");
}

// A picture, scaled to fit the page, as a resource of the document.
QString imageHtml(const QImage& image, const QString& name, QMap<QString, QImage>& images)
{
    images.insert(name, image);
    QSize size = image.size();
    if (size.width() > MaxImageWidth || size.height() > MaxImageHeight)
        size.scale(MaxImageWidth, MaxImageHeight, Qt::KeepAspectRatio);
    return QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>")
        .arg(name)
        .arg(qMax(1, size.width()))
        .arg(qMax(1, size.height()));
}

QString jsonText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return yesNo(value.toBool());
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return QString();
}

// The certificate's fields as the issuing authority signed them.
QString certificateHtml(const QJsonObject& json)
{
    if (json.isEmpty())
        return QStringLiteral("<p>%1</p>")
            .arg(Tr::tr("No signed certificate record was read (a typed number or an unreadable code).")
                     .toHtmlEscaped());
    auto record = CertificateRecord::fromJson(json);
    QString html = tableOpen();
    if (!record) {
        // Shown as stored, key by key: the paper must not hide what was seen.
        for (auto it = json.constBegin(); it != json.constEnd(); ++it)
            html += row(it.key(), esc(jsonText(it.value())));
        return html + QStringLiteral("</table>");
    }
    const CertificateRecord& c = *record;
    const auto party = [](const Party& p) -> QString {
        return esc(p.name) + QStringLiteral("<br/>") + esc(p.address);
    };
    html += row(Tr::tr("Number"), QStringLiteral("<b>%1</b>").arg(esc(c.number)));
    html += row(Tr::tr("Record version"), QString::number(c.version));
    html += row(Tr::tr("Issuing participant"), esc(c.issuer));
    html += row(Tr::tr("Issuing authority"), esc(c.authority));
    html += row(Tr::tr("Issued"), esc(c.issued.toString(Qt::ISODate)));
    html += row(Tr::tr("Expires"), esc(c.expires.toString(Qt::ISODate)));
    html += row(Tr::tr("Origin"),
                esc(c.origins.join(QStringLiteral(", "))) + (c.mixed ? esc(Tr::tr(" (mixed)")) : QString()));
    html += row(Tr::tr("Exporter"), party(c.exporter));
    html += row(Tr::tr("Importer"), party(c.importer));
    html += row(Tr::tr("Destination"), esc(c.destination));
    QStringList lots;
    for (const Lot& lot : c.lots)
        lots << esc(
            Tr::tr("HS %1: %2 ct, US$ %3").arg(lot.hs, carats(lot.centiCarats), dollars(lot.usdCents)));
    html += row(Tr::tr("Lots"), lots.join(QStringLiteral("<br/>")));
    html += row(Tr::tr("Total"),
                esc(Tr::tr("%1 ct, US$ %2").arg(carats(c.totalCentiCarats()), dollars(c.totalUsdCents()))));
    html += row(Tr::tr("Parcels"), figure(c.parcels));
    html +=
        row(Tr::tr("Seals"), esc(c.seals.isEmpty() ? Tr::tr("(none)") : c.seals.join(QStringLiteral(", "))));
    if (!c.note.isEmpty())
        html += row(Tr::tr("Note"), esc(c.note));
    return html + QStringLiteral("</table>");
}

QString physicalHtml(const InspectionRecord& r, const QJsonObject& certificateJson)
{
    if (!r.physical || r.physical->isEmpty())
        return QStringLiteral("<p>%1</p>").arg(Tr::tr("No physical check was recorded.").toHtmlEscaped());
    const PhysicalCheck& p = *r.physical;
    const auto unknown = [] {
        return esc(Tr::tr("(not checked)"));
    };
    QString html = tableOpen();
    html +=
        row(Tr::tr("Customs declaration"), p.declarationRef.isEmpty() ? unknown() : esc(p.declarationRef));
    html += row(Tr::tr("Parcels counted"), p.parcelsCounted ? figure(*p.parcelsCounted) : unknown());
    html += row(
        Tr::tr("Mass weighed"),
        p.massCarats
            ? esc(Tr::tr("%1 ct (tolerance %2 ct)").arg(figure(*p.massCarats), figure(p.massToleranceCarats)))
            : unknown());
    html += row(Tr::tr("Seals intact"), p.sealsIntact ? esc(yesNo(*p.sealsIntact)) : unknown());
    html += row(Tr::tr("Seal numbers read"),
                p.sealNumbers.isEmpty() ? unknown() : esc(p.sealNumbers.join(QStringLiteral(", "))));
    html += row(Tr::tr("Importer matches the declaration"),
                p.importerMatches ? esc(yesNo(*p.importerMatches)) : unknown());
    QStringList mismatches;
    if (auto record = CertificateRecord::fromJson(certificateJson); !certificateJson.isEmpty() && record)
        mismatches = p.mismatches(*record);
    QStringList lines;
    for (const QString& m : std::as_const(mismatches))
        lines << esc(m);
    html += row(Tr::tr("Mismatches"),
                lines.isEmpty() ? esc(Tr::tr("none")) : lines.join(QStringLiteral("<br/>")));
    return html + QStringLiteral("</table>");
}

// A corrected check says so on paper too: each correction, and the check
// first recorded (issue 21 item 4).
QString correctionsHtml(const InspectionRecord& r, const QJsonObject& certificateJson)
{
    if (r.corrections.isEmpty())
        return {};
    QString html = tableOpen();
    for (const InspectionCorrection& c : r.corrections)
        html += row(utc(c.at), esc(Tr::tr("by %1: the verdict was %2, now %3. Reason: %4")
                                       .arg(c.officer, InspectionChange::verdictWord(c.previousVerdict),
                                            InspectionChange::verdictWord(c.finalVerdict), c.reason)));
    html += QStringLiteral("</table>");
    InspectionRecord first;
    first.physical = r.corrections.first().previous;
    html += QStringLiteral("<p>%1</p>").arg(esc(Tr::tr("The physical check as first recorded:")));
    return html + physicalHtml(first, certificateJson);
}

// One inspection: the facts, the checks, the physical check, the
// certificate, the image. `h` is the level of its sections' headings.
QString inspectionBody(const InspectionRecord& r, const ReportContext& context, int h,
                       QMap<QString, QImage>& images, const QString& imageName)
{
    const auto heading = [h](const QString& text) {
        return QStringLiteral("<h%1>%2</h%1>").arg(h).arg(text.toHtmlEscaped());
    };
    const QJsonObject& insp = r.inspection;
    QString html = tableOpen();
    html += row(Tr::tr("Final verdict"), verdictHtml(r.finalVerdict));
    html += row(Tr::tr("Verdict of the verification"), verdictHtml(r.verdict));
    html +=
        row(Tr::tr("Certificate number"), r.number.isEmpty() ? esc(Tr::tr("(no number)")) : esc(r.number));
    html += row(Tr::tr("Issuing participant"), esc(r.participant));
    html += row(Tr::tr("Officer"), esc(r.officer));
    html += row(Tr::tr("Time"), esc(utc(r.at)));
    html += row(Tr::tr("Desk"), esc(Tr::tr("%1 (id %2, participant %3)")
                                        .arg(context.desk.deskName, context.desk.deskId,
                                             insp.value(QStringLiteral("desk")).toString())));
    QString read = insp.value(QStringLiteral("source")).toString();
    if (!insp.value(QStringLiteral("symbology")).toString().isEmpty())
        read += QStringLiteral(", ") + insp.value(QStringLiteral("symbology")).toString();
    if (!insp.value(QStringLiteral("file")).toString().isEmpty())
        read += QStringLiteral(", ") + insp.value(QStringLiteral("file")).toString();
    html += row(Tr::tr("Read from"), esc(read));
    html += row(Tr::tr("Inspection id"), esc(r.id));
    if (!insp.value(QStringLiteral("dataError")).toString().isEmpty())
        html += row(Tr::tr("Desk data"), esc(insp.value(QStringLiteral("dataError")).toString()));
    html += QStringLiteral("</table>");

    html += heading(Tr::tr("Checks"));
    html += tableOpen();
    html += QStringLiteral(
                "<tr><th align=\"left\">%1</th><th align=\"left\">%2</th><th align=\"left\">%3</th></tr>")
                .arg(Tr::tr("Check").toHtmlEscaped(), Tr::tr("Result").toHtmlEscaped(),
                     Tr::tr("Reason").toHtmlEscaped());
    const QJsonArray checks = insp.value(QStringLiteral("checks")).toArray();
    for (const QJsonValue v : checks) {
        const QJsonObject c = v.toObject();
        const QString status = c.value(QStringLiteral("status")).toString();
        const bool bad = status == QLatin1String("fail") || status == QLatin1String("warn");
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(esc(c.value(QStringLiteral("check")).toString()),
                         bad ? QStringLiteral("<b>%1</b>").arg(esc(statusWords(status)))
                             : esc(statusWords(status)),
                         esc(c.value(QStringLiteral("detail")).toString()));
    }
    if (checks.isEmpty())
        html +=
            QStringLiteral("<tr><td colspan=\"3\">%1</td></tr>").arg(esc(Tr::tr("No check was recorded.")));
    html += QStringLiteral("</table>");

    const QJsonObject cert = insp.value(QStringLiteral("certificate")).toObject();
    html += heading(Tr::tr("Physical check"));
    html += physicalHtml(r, cert);
    if (!r.corrections.isEmpty()) {
        html += heading(Tr::tr("Corrections of the physical check"));
        html += correctionsHtml(r, cert);
    }
    html += heading(Tr::tr("Certificate as signed by the issuing authority"));
    html += certificateHtml(cert);
    html += heading(Tr::tr("Scanned image"));
    const QImage image = QImage::fromData(r.image);
    if (image.isNull())
        html += QStringLiteral("<p>%1</p>").arg(esc(Tr::tr("No image was kept with this inspection.")));
    else
        html += imageHtml(image, imageName, images);
    return html;
}

QString page(const QString& body)
{
    return QStringLiteral("<html><head><meta charset=\"utf-8\"/></head><body>%1</body></html>").arg(body);
}

QString footer(const ReportContext& context)
{
    return Tr::tr("Printed %1 by %2 at %3")
        .arg(utc(context.printedAt), context.printedBy, context.desk.deskName);
}

QString eventDetails(const CaseEvent& e)
{
    const QJsonObject& d = e.data;
    QStringList lines;
    switch (e.kind) {
    case CaseEventKind::Flagged: {
        QStringList reasons;
        for (const QJsonValue r : d.value(QStringLiteral("reasons")).toArray())
            reasons << r.toString();
        if (!reasons.isEmpty())
            lines << esc(Tr::tr("Reasons: %1").arg(reasons.join(QStringLiteral("; "))));
        if (!d.value(QStringLiteral("notes")).toString().isEmpty())
            lines << esc(Tr::tr("Notes: %1").arg(d.value(QStringLiteral("notes")).toString()));
        lines << esc(d.value(QStringLiteral("held")).toBool() ? Tr::tr("The shipment is held.")
                                                              : Tr::tr("The shipment is not held."));
        break;
    }
    case CaseEventKind::Note:
        lines << esc(d.value(QStringLiteral("text")).toString());
        break;
    case CaseEventKind::Decision: {
        const QString name = d.value(QStringLiteral("outcome")).toString();
        const auto outcome = outcomeFromName(name);
        lines << QStringLiteral("<b>%1</b>")
                     .arg(esc(Tr::tr("Outcome: %1").arg(outcome ? CaseWords::outcome(*outcome) : name)));
        lines << esc(Tr::tr("Reason: %1").arg(d.value(QStringLiteral("reason")).toString()));
        if (d.value(QStringLiteral("four_eyes")).toString() == QLatin1String("one_person_post"))
            lines << esc(Tr::tr("One-person post: decided by who flagged it."));
        break;
    }
    case CaseEventKind::Closed:
    case CaseEventKind::Reopened:
        lines << esc(Tr::tr("Reason: %1").arg(d.value(QStringLiteral("reason")).toString()));
        break;
    case CaseEventKind::Evidence:
    case CaseEventKind::Review:
    case CaseEventKind::Escalated:
    case CaseEventKind::Reply:
        // Their fields, as stored: the paper shows what the record holds.
        for (auto it = d.constBegin(); it != d.constEnd(); ++it)
            if (!jsonText(it.value()).isEmpty())
                lines << esc(it.key() + QStringLiteral(": ") + jsonText(it.value()));
        break;
    }
    for (const EventAttachment& a : e.attachments)
        lines << esc(Tr::tr("File %1, %Ln byte(s), SHA-256 %2", "", int(qMin<qint64>(a.size, INT_MAX)))
                         .arg(a.name, QString::fromLatin1(a.sha256.toHex())));
    return lines.join(QStringLiteral("<br/>"));
}

Result<ReportContext> contextOf(DeskRecords& door, const QString& printedBy, const QDateTime& printedAt)
{
    auto settings = door.settings();
    if (!settings)
        return settings.error();
    return ReportContext{*settings, printedBy, printedAt};
}

Error notFound(const QString& what)
{
    return makeError(QStringLiteral("records.not-found"), Tr::tr("No such record: %1.").arg(what));
}

} // namespace

std::unique_ptr<QTextDocument> ReportDocument::toTextDocument() const
{
    auto doc = std::make_unique<QTextDocument>();
    doc->setMetaInformation(QTextDocument::DocumentTitle, title);
    QFont font = doc->defaultFont();
    font.setPointSizeF(9);
    doc->setDefaultFont(font);
    doc->setDefaultStyleSheet(QStringLiteral("h1 { font-size: 14pt; } h2 { font-size: 11pt; } "
                                             "h3 { font-size: 10pt; } th { background-color: #eeeeee; }"));
    for (auto it = images.constBegin(); it != images.constEnd(); ++it)
        doc->addResource(QTextDocument::ImageResource, QUrl(it.key()), it.value());
    doc->setHtml(html);
    return doc;
}

ReportDocument RecordReport::inspection(const InspectionRecord& record, const ReportContext& context)
{
    ReportDocument doc;
    doc.title = tr("KP Desk — inspection record");
    doc.reference = record.number.isEmpty() ? tr("(no number)") : record.number;
    doc.footer = footer(context);
    QString body =
        QStringLiteral("<h1>%1</h1>").arg(esc(tr("Inspection of certificate %1").arg(doc.reference)));
    body += inspectionBody(record, context, 2, doc.images, QStringLiteral("kp-report:scan"));
    doc.html = page(body);
    return doc;
}

ReportDocument RecordReport::caseRecord(const DeskRecords::CaseView& view,
                                        const std::optional<InspectionRecord>& inspection,
                                        const ReportContext& context)
{
    const CaseFacts& f = view.facts;
    ReportDocument doc;
    doc.title = tr("KP Desk — case record");
    const QString number =
        inspection && !inspection->number.isEmpty() ? inspection->number : tr("(no number)");
    doc.reference = number;
    doc.footer = footer(context);

    QString body = QStringLiteral("<h1>%1</h1>").arg(esc(tr("Case of certificate %1").arg(number)));
    body += tableOpen();
    body += row(tr("Case id"), esc(view.record.id));
    body += row(tr("State"), QStringLiteral("<b>%1</b>").arg(esc(CaseWords::state(f.state))));
    body += row(tr("Shipment"), esc(f.held ? tr("held") : tr("not held")));
    body += row(tr("Outcome"), f.outcome ? esc(CaseWords::outcome(*f.outcome)) : esc(tr("none yet")));
    body += row(tr("Flagged by"), esc(f.flaggedBy));
    body += row(tr("Opened"), esc(utc(view.record.openedAt.isValid() ? view.record.openedAt : f.openedAt)));
    if (!f.reviewer.isEmpty())
        body += row(tr("Reviewer"), esc(f.reviewer));
    body += row(tr("Reasons"), esc(f.reasons.join(QStringLiteral("; "))));
    body += row(tr("Last change"), esc(utc(f.updatedAt)));
    QString desk = tr("%1 (id %2)").arg(context.desk.deskName, context.desk.deskId);
    if (!view.record.desk.isEmpty() && view.record.desk != context.desk.deskId)
        desk += QLatin1Char('\n') + tr("opened at desk %1").arg(view.record.desk);
    body += row(tr("Desk"), esc(desk));
    body += QStringLiteral("</table>");

    body += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Events")));
    body += tableOpen();
    body += QStringLiteral("<tr><th align=\"left\">#</th><th align=\"left\">%1</th><th align=\"left\">%2</th>"
                           "<th align=\"left\">%3</th><th align=\"left\">%4</th></tr>")
                .arg(esc(tr("When")), esc(tr("Who")), esc(tr("Event")), esc(tr("Details")));
    QString pictures;
    for (const CaseEvent& e : view.events) {
        body += QStringLiteral(
                    "<tr><td valign=\"top\">%1</td><td valign=\"top\">%2</td><td valign=\"top\">%3</td>"
                    "<td valign=\"top\">%4</td><td valign=\"top\">%5</td></tr>")
                    .arg(QString::number(e.seq), esc(utc(e.at)), esc(e.actor), esc(CaseWords::event(e.kind)),
                         eventDetails(e));
        for (const EventAttachment& a : e.attachments) {
            const QImage image = QImage::fromData(a.data);
            if (image.isNull())
                continue;
            // The caption under its picture, so a page break never parts them.
            pictures += imageHtml(image, QStringLiteral("kp-report:attachment/%1").arg(a.id), doc.images);
            pictures += QStringLiteral("<p>%1</p>")
                            .arg(esc(tr("%1 (event %2, %3)").arg(a.name, QString::number(e.seq), e.actor)));
        }
    }
    body += QStringLiteral("</table>");
    if (!pictures.isEmpty())
        body += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Images attached to the case"))) + pictures;

    body += QStringLiteral("<h2>%1</h2>").arg(esc(tr("The inspection, as it was seen")));
    if (inspection)
        body += inspectionBody(*inspection, context, 3, doc.images, QStringLiteral("kp-report:scan"));
    else
        body += QStringLiteral("<p>%1</p>")
                    .arg(esc(tr("The case's inspection %1 is not in the desk's records.")
                                 .arg(view.record.inspectionId)));
    doc.html = page(body);
    return doc;
}

Result<ReportDocument> RecordReport::forInspection(DeskRecords& door, const QString& inspectionId,
                                                   const QString& printedBy, const QDateTime& printedAt)
{
    auto context = contextOf(door, printedBy, printedAt);
    if (!context)
        return context.error();
    auto found = door.store().inspection(inspectionId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return notFound(inspectionId);
    return inspection(**found, *context);
}

Result<ReportDocument> RecordReport::forCase(DeskRecords& door, const QString& caseId,
                                             const QString& printedBy, const QDateTime& printedAt)
{
    auto context = contextOf(door, printedBy, printedAt);
    if (!context)
        return context.error();
    auto view = door.caseView(caseId, /*withAttachmentData*/ true);
    if (!view)
        return view.error();
    auto seen = door.store().inspection(view->record.inspectionId);
    if (!seen)
        return seen.error(); // unreadable is not "not there"
    return caseRecord(*view, *seen, *context);
}

} // namespace kp
