#include "PdfExport.h"

#include "report/ReportPainter.h"

#include <QDir>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>

namespace kp {

namespace {

Error writeError(const QString& path, const QString& reason)
{
    return makeError(
        QStringLiteral("report.write"),
        PdfExport::tr("The PDF %1 cannot be written: %2").arg(QDir::toNativeSeparators(path), reason));
}

} // namespace

Result<int> PdfExport::write(const ReportDocument& report, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    Result<int> pages = 0;
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 12, 15, 12), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(report.title + QStringLiteral(" — ") + report.reference);
        writer.setCreator(QStringLiteral("KP Desk"));
        pages = ReportPainter::paint(report, &writer);
    } // the writer has finished the file
    if (!pages) {
        file.cancelWriting();
        return pages.error();
    }
    // A write that failed on the way (a full disk) makes the commit fail.
    if (!file.commit())
        return writeError(path, file.errorString());
    return pages;
}

} // namespace kp
