#include "PdfExport.h"

#include "report/ReportPainter.h"

#include <QBuffer>
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

namespace {

Result<int> paintPdf(const ReportDocument& report, QIODevice* device)
{
    QPdfWriter writer(device);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 12, 15, 12), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(report.title + QStringLiteral(" — ") + report.reference);
    writer.setCreator(QStringLiteral("KP Desk"));
    return ReportPainter::paint(report, &writer);
} // the writer has finished the file when it goes

} // namespace

Result<QByteArray> PdfExport::bytes(const ReportDocument& report)
{
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    if (auto pages = paintPdf(report, &buffer); !pages)
        return pages.error();
    buffer.close();
    return pdf;
}

Result<int> PdfExport::write(const ReportDocument& report, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    const Result<int> pages = paintPdf(report, &file);
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
