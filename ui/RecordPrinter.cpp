#include "RecordPrinter.h"

#include "report/PdfExport.h"
#include "report/ReportPainter.h"

#include "FileDialogs.h"
#include <QDir>
#include <QPrintDialog>
#include <QPrinter>

#include <optional>

namespace kp::ui {

namespace {

std::optional<QString> nextFileName;
std::optional<QString> nextPrinterAnswer;

} // namespace

RecordPrinter::RecordPrinter(QWidget* parent, Source source, QString suggestedName)
    : m_parent(parent), m_source(std::move(source)), m_suggestedName(std::move(suggestedName))
{}

void RecordPrinter::setNextFileName(const QString& path)
{
    nextFileName = path;
}

void RecordPrinter::setNextPrinterAnswer(const QString& pdfPath)
{
    nextPrinterAnswer = pdfPath;
}

Result<int> RecordPrinter::saveAsPdf(const QString& path) const
{
    auto report = m_source();
    if (!report)
        return report.error();
    return PdfExport::write(*report, path);
}

Result<int> RecordPrinter::print(QPrinter* printer) const
{
    auto report = m_source();
    if (!report)
        return report.error();
    printer->setDocName(report->title + QStringLiteral(" — ") + report->reference);
    return ReportPainter::paint(*report, printer);
}

RecordPrinter::Outcome RecordPrinter::askAndSaveAsPdf() const
{
    QString path;
    if (nextFileName) {
        path = *nextFileName;
        nextFileName.reset();
    } else {
        path = FileDialogs::saveFile(m_parent, tr("Save the record as PDF"),
                                     m_suggestedName + QStringLiteral(".pdf"), tr("PDF files (*.pdf)"));
    }
    if (path.isEmpty())
        return {};
    if (auto pages = saveAsPdf(path); !pages)
        return {false, tr("Not saved: %1").arg(pages.error().message)};
    return {true, tr("Saved as %1.").arg(QDir::toNativeSeparators(path))};
}

RecordPrinter::Outcome RecordPrinter::askAndPrint() const
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    if (nextPrinterAnswer) {
        const QString answer = *nextPrinterAnswer;
        nextPrinterAnswer.reset();
        if (answer.isEmpty())
            return {};
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(answer);
    } else {
        QPrintDialog dialog(&printer, m_parent);
        dialog.setWindowTitle(tr("Print the record"));
        if (dialog.exec() != QDialog::Accepted)
            return {};
    }
    if (auto pages = print(&printer); !pages)
        return {false, tr("Not printed: %1").arg(pages.error().message)};
    return {true, tr("Sent to the printer.")};
}

} // namespace kp::ui
