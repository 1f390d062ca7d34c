#pragma once

// A record as a PDF file (A4), written whole or not at all: the PDF is made in
// a temporary file beside the target (QSaveFile) and renamed over it only
// once complete, so a full disk or a failed write leaves no half file.

#include "report/RecordReport.h"

namespace kp {

class PdfExport
{
    Q_DECLARE_TR_FUNCTIONS(kp::PdfExport)

public:
    // Error code "report.write" naming the file and the system's reason
    // (a folder that cannot be written, a full disk), or "report.paint".
    // Returns the number of pages written.
    static Result<int> write(const ReportDocument& report, const QString& path);
    // The same PDF in memory (the case beside a doubt message).
    static Result<QByteArray> bytes(const ReportDocument& report);
};

} // namespace kp
