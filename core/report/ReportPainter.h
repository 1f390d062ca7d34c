#pragma once

// Lays a ReportDocument out on pages and paints it on any paged device: a
// QPdfWriter (PdfExport) or a QPrinter (the window). Each page has a header
// (what the record is, and its reference) and a footer (when it was printed
// and by whom, "page n of N"). Needs a QGuiApplication (fonts), not a display.

#include "report/RecordReport.h"

class QPagedPaintDevice;

namespace kp {

class ReportPainter
{
    Q_DECLARE_TR_FUNCTIONS(kp::ReportPainter)

public:
    // Error code "report.paint" when the device cannot be painted on.
    // Returns the number of pages painted.
    static Result<int> paint(const ReportDocument& report, QPagedPaintDevice* device);
};

} // namespace kp
