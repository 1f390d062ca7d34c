#pragma once

// A record on paper (docs/records.md, "Printing"): one inspection or one case
// as a document for people, the same for the printer, the PDF file and the
// PDF that goes beside an escalation message. Built from the records as
// stored, never verified again: the certificate as signed, every check, the
// physical check, the images, every event with who and when, the desk.
// Everything taken from a record is escaped: a note is text, never markup.

#include "records/DeskRecords.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QImage>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>

class QTextDocument;

namespace kp {

// Who prints, when, at which desk.
struct ReportContext
{
    DeskSettings desk;
    QString printedBy; // a person's name, or "cli:<unix user>"
    QDateTime printedAt;
};

// The document: HTML for QTextDocument, the images it refers to by name, and
// the words of each page's header and footer.
struct ReportDocument
{
    QString title;     // "KP Desk — case record"
    QString reference; // what the record is about (the certificate's number), on every page
    QString footer;    // when it was printed, and by whom
    QString html;
    QMap<QString, QImage> images; // <img src="NAME"> -> the picture

    // A document ready to lay out, with the images as its resources.
    std::unique_ptr<QTextDocument> toTextDocument() const;
};

class RecordReport
{
    Q_DECLARE_TR_FUNCTIONS(kp::RecordReport)

public:
    static ReportDocument inspection(const InspectionRecord& record, const ReportContext& context);
    // The case with its events; `inspection` is the case's inspection as it
    // was seen (absent: the report says it could not be found).
    static ReportDocument caseRecord(const DeskRecords::CaseView& view,
                                     const std::optional<InspectionRecord>& inspection,
                                     const ReportContext& context);

    // Read through the door and built. "records.not-found" when there is no
    // such record; a read error is returned as it is, never an empty report.
    static Result<ReportDocument> forInspection(DeskRecords& door, const QString& inspectionId,
                                                const QString& printedBy, const QDateTime& printedAt);
    static Result<ReportDocument> forCase(DeskRecords& door, const QString& caseId, const QString& printedBy,
                                          const QDateTime& printedAt);
};

} // namespace kp
