// The printed record (core/report): what the document of an inspection and of
// a case says, that text from records stays text, and the PDF: written whole,
// at least a page, refused with a clear error where it cannot be written, and
// nothing half-written left behind by a full disk.
#include "ReportFixture.h"
#include "TestSupport.h"

#include "report/PdfExport.h"
#include "report/RecordReport.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QScopeGuard>
#include <QTest>
#include <QTextDocument>

#include <csignal>
#include <sys/resource.h>

using namespace kp;
using namespace kp::test;

class TestRecordReport : public QObject
{
    Q_OBJECT

    ReportDesk m_desk;
    QTemporaryDir m_out;

    ReportDocument caseReport()
    {
        auto r =
            RecordReport::forCase(*m_desk.door, m_desk.caseId, QStringLiteral("sam"), m_desk.clock.nowUtc());
        return r ? *r : ReportDocument{};
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        const QString problem = m_desk.build();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Issue 21: the figures are written as the language of the window
    // writes them (its default QLocale: Arabic-Indic digits in Arabic); the
    // certificate's number, the HS code and the dates stay as they are.
    void figuresAreInTheLanguagesDigits()
    {
        QLocale::setDefault(QLocale(QLocale::Arabic, QLocale::Egypt));
        const auto back = qScopeGuard([] { QLocale::setDefault(QLocale::c()); });
        const QLocale arabic;
        auto r = RecordReport::forInspection(*m_desk.door, m_desk.inspectionId, QStringLiteral("olga"),
                                             m_desk.clock.nowUtc());
        QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().message));
        const QString html = r->html;
        for (const QString& figure : {arabic.toString(1520.35, 'f', 2), arabic.toString(912210.0, 'f', 2),
                                      QString(arabic.toString(2) + QStringLiteral(" parcels counted"))})
            QVERIFY2(html.contains(figure), qPrintable(figure));
        QVERIFY(!html.contains(QStringLiteral("1520.35")));
        QVERIFY(!html.contains(QStringLiteral("912210.00")));
        for (const char* id : {"BW-2026-004711", "7102.10", "2026-11-20"})
            QVERIFY2(html.contains(QString::fromUtf8(id)), id);
    }

    void inspectionDocumentHasTheWholeRecord()
    {
        auto r = RecordReport::forInspection(*m_desk.door, m_desk.inspectionId, QStringLiteral("olga"),
                                             m_desk.clock.nowUtc());
        QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().message));
        QVERIFY(r->title.contains(QStringLiteral("inspection record")));
        QCOMPARE(r->reference, QStringLiteral("BW-2026-004711"));
        const QString html = r->html;
        QVERIFY(html.contains(QStringLiteral("BW-2026-004711")));
        for (const QString& check : CheckName::all())
            QVERIFY2(html.contains(QStringLiteral("<td>%1</td>").arg(check)), qPrintable(check));
        QVERIFY(html.contains(QStringLiteral("far below the rough")));
        QVERIFY(html.contains(QStringLiteral("DOUBT")));
        // The physical check, and its mismatch against the certificate.
        QVERIFY(html.contains(QStringLiteral("DECL-77/2026")));
        QVERIFY(html.contains(QStringLiteral("1520.35 ct")));
        QVERIFY(html.contains(QStringLiteral("2 parcels counted; the certificate says 3.")));
        // The certificate as signed, every field.
        for (const char* field :
             {"Okavango Rough Ltd", "Hoveniersstraat 2, Antwerpen", "Botswana KP Authority", "2026-11-20",
              "2027-01-19", "7102.10", "1520.35", "912210.00", "S-1001, S-1002", "Signed note"})
            QVERIFY2(html.contains(QString::fromUtf8(field)), field);
        // Who, when (in UTC, saying so), where.
        QVERIFY(html.contains(QStringLiteral("olga")));
        QVERIFY(html.contains(QStringLiteral("2026-11-30 08:15:00 UTC")));
        const auto settings = m_desk.door->settings();
        QVERIFY(settings.ok());
        QVERIFY(html.contains(settings->deskId));
        QVERIFY(html.contains(settings->deskName.toHtmlEscaped()));
        QVERIFY(r->footer.contains(QStringLiteral("olga")));
        // The scanned image is embedded.
        QCOMPARE(r->images.size(), 1);
        QVERIFY(html.contains(QStringLiteral("<img src=\"%1\"").arg(r->images.firstKey())));
        auto doc = r->toTextDocument();
        QVERIFY(!doc->resource(QTextDocument::ImageResource, QUrl(r->images.firstKey())).isNull());
    }

    void caseDocumentHasEveryEventAndEscapesRecords()
    {
        const ReportDocument r = caseReport();
        QVERIFY(r.title.contains(QStringLiteral("case record")));
        const QString html = r.html;
        QVERIFY(html.contains(m_desk.caseId));
        QVERIFY(html.contains(QStringLiteral("BW-2026-004711")));
        QVERIFY(html.contains(QStringLiteral("In review")));
        for (const char* actor : {"<td valign=\"top\">olga</td>", "<td valign=\"top\">sam</td>"})
            QVERIFY2(html.contains(QString::fromUtf8(actor)), actor);
        QVERIFY(html.contains(QStringLiteral("Taken for review")));
        QVERIFY(html.contains(QStringLiteral("Called the exporter; 2 parcels.")));
        QVERIFY(html.contains(QStringLiteral("2026-11-30 09:15:00 UTC")));
        // Attachments by name and size; the image among them is embedded, with the scan.
        QVERIFY(html.contains(QStringLiteral("File container.png")));
        QVERIFY(html.contains(QStringLiteral("File declaration.txt, 7 byte")));
        QCOMPARE(r.images.size(), 2);
        // The inspection is there too.
        QVERIFY(html.contains(QStringLiteral("DECL-77/2026")));
        QVERIFY(html.contains(QStringLiteral("<td>signature</td>")));
        // A note is text, never markup.
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(!html.contains(QStringLiteral("<b>bold</b>")));
        QVERIFY(html.contains(
            QStringLiteral("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")));
        auto doc = r.toTextDocument();
        QVERIFY(doc->toPlainText().contains(Hostile));
    }

    void notFoundIsNotAnEmptyRecord()
    {
        auto r = RecordReport::forCase(*m_desk.door, QStringLiteral("no-such-case"), QStringLiteral("sam"),
                                       m_desk.clock.nowUtc());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("records.not-found"));
        auto i = RecordReport::forInspection(*m_desk.door, QStringLiteral("no-such-inspection"),
                                             QStringLiteral("sam"), m_desk.clock.nowUtc());
        QVERIFY(!i.ok());
        QCOMPARE(i.error().code, QStringLiteral("records.not-found"));
    }

    void pdfIsWritten()
    {
        const QString path = m_out.filePath(QStringLiteral("case.pdf"));
        auto pages = PdfExport::write(caseReport(), path);
        QVERIFY2(pages.ok(), qPrintable(pages ? QString() : pages.error().message));
        QVERIFY(*pages >= 1);
        const QByteArray pdf = readFile(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QCOMPARE(pdfPages(pdf), *pages);
        QVERIFY(pdf.contains("/Subtype /Image")); // the pictures are in it
        // No temporary file left beside it.
        QCOMPARE(QDir(m_out.path()).entryList(QDir::Files), QStringList{QStringLiteral("case.pdf")});
    }

    void longCaseTakesSeveralPages()
    {
        ReportDocument r = caseReport();
        QString lines;
        for (int i = 0; i < 300; ++i)
            lines += QStringLiteral("<p>line %1</p>").arg(i);
        r.html.replace(QStringLiteral("</body>"), lines + QStringLiteral("</body>"));
        const QString path = m_out.filePath(QStringLiteral("long.pdf"));
        auto pages = PdfExport::write(r, path);
        QVERIFY(pages.ok());
        QVERIFY(*pages > 2);
        QCOMPARE(pdfPages(readFile(path)), *pages);
    }

    void refusedWhereItCannotBeWritten()
    {
        // A folder that is a file: refused even for root, who ignores permissions.
        const QString file = m_out.filePath(QStringLiteral("plain-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        const QString path = file + QStringLiteral("/case.pdf");
        auto pages = PdfExport::write(caseReport(), path);
        QVERIFY(!pages.ok());
        QCOMPARE(pages.error().code, QStringLiteral("report.write"));
        QVERIFY2(pages.error().message.contains(path), qPrintable(pages.error().message));
        QVERIFY(!QFile::exists(path));
    }

    void fullDiskLeavesNoHalfFile()
    {
        // Files of this process may not grow past 2 KiB: as a full disk, for one write.
        const QString path = m_out.filePath(QStringLiteral("full.pdf"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the previous file");
        old.close();
        const ReportDocument report = caseReport();
        const auto previous = std::signal(SIGXFSZ, SIG_IGN);
        rlimit saved{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        rlimit small = saved;
        small.rlim_cur = 2048;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        auto pages = PdfExport::write(report, path);
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previous);
        QVERIFY(!pages.ok());
        QCOMPARE(pages.error().code, QStringLiteral("report.write"));
        QCOMPARE(readFile(path), QByteArray("the previous file")); // untouched, no half PDF
        QCOMPARE(QDir(m_out.path()).entryList({QStringLiteral("full.pdf*")}, QDir::Files).size(), 1);
    }

    // Issue 21 item 4: a corrected inspection says so on paper, with the
    // correction and the check first recorded.
    void aCorrectionIsOnPaper()
    {
        PhysicalCheck counted;
        counted.declarationRef = QStringLiteral("DECL-77/2026");
        counted.parcelsCounted = 3;
        counted.massCarats = 1520.35;
        counted.sealsIntact = true;
        counted.importerMatches = true;
        const QString reason = QStringLiteral("The third parcel was behind the scale.");
        QVERIFY(m_desk.door->correctPhysicalCheck(m_desk.officer, m_desk.inspectionId, counted, reason).ok());
        auto r = RecordReport::forInspection(*m_desk.door, m_desk.inspectionId, QStringLiteral("olga"),
                                             m_desk.clock.nowUtc());
        QVERIFY(r.ok());
        QVERIFY(r->html.contains(QStringLiteral("Corrections of the physical check")));
        QVERIFY2(r->html.contains(reason), qPrintable(r->html));
        QVERIFY(r->html.contains(QStringLiteral("The physical check as first recorded:")));
        // The first check's mismatch is still there to read.
        QVERIFY(r->html.count(QStringLiteral("2 parcels counted; the certificate says 3.")) >= 1);
    }
};

QTEST_MAIN(TestRecordReport)
#include "test_record_report.moc"
