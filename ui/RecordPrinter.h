#pragma once

// Print or save as PDF one record (a case or an inspection) from the window,
// with the same renderer as `kpdesk-cli print` (core/report). The dialogs
// (a printer, a file name) are behind this class so tests can answer them
// without a modal dialog: setNextFileName() / setNextPrinterAnswer().

#include "report/RecordReport.h"

#include <QCoreApplication>

#include <functional>

class QPrinter;
class QWidget;

namespace kp::ui {

class RecordPrinter
{
    Q_DECLARE_TR_FUNCTIONS(kp::ui::RecordPrinter)

public:
    // `source` reads the record when it is printed, so the paper shows it as it is then.
    using Source = std::function<Result<ReportDocument>()>;
    RecordPrinter(QWidget* parent, Source source, QString suggestedName);

    // Without a dialog.
    Result<int> saveAsPdf(const QString& path) const;
    Result<int> print(QPrinter* printer) const;

    // With a dialog: the words to show afterwards (empty when the person
    // cancelled), and whether it was done.
    struct Outcome
    {
        bool done = false;
        QString message;
    };
    Outcome askAndSaveAsPdf() const;
    Outcome askAndPrint() const;

    // Tests: the next file dialog answers `path` (empty: cancelled).
    static void setNextFileName(const QString& path);
    // Tests: the next print dialog is accepted (printing to `pdfPath`) or cancelled (empty).
    static void setNextPrinterAnswer(const QString& pdfPath);

private:
    QWidget* m_parent;
    Source m_source;
    QString m_suggestedName;
};

} // namespace kp::ui
