// The case on paper from the window: a supervisor's CaseDialog saves the case
// as PDF (Ctrl+Shift+S) and prints it (Ctrl+P) through its actions, with the
// file and print dialogs answered by RecordPrinter's test hooks; a cancelled
// dialog writes nothing, a file that cannot be written says why.
#include "ReportFixture.h"
#include "TestSupport.h"

#include "CaseView.h"
#include "RecordPrinter.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QtTest>

using namespace kp;
using namespace kp::test;
using namespace kp::ui;

class TestPrintWindow : public QObject
{
    Q_OBJECT

    ReportDesk m_desk;
    QTemporaryDir m_out;
    std::unique_ptr<CaseDialog> m_dialog;

    QString message() const { return m_dialog->message(); }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        const QString problem = m_desk.build();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void init()
    {
        m_dialog = std::make_unique<CaseDialog>(*m_desk.door, m_desk.supervisor, m_desk.caseId);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
    }

    void cleanup() { m_dialog.reset(); }

    void savesTheCaseAsPdfByKeyboard()
    {
        QVERIFY(m_dialog->pdfAction());
        QVERIFY(m_dialog->pdfAction()->isEnabled());
        const QString path = m_out.filePath(QStringLiteral("case.pdf"));
        RecordPrinter::setNextFileName(path);
        QTest::keyClick(m_dialog.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(QFile::exists(path));
        const QByteArray pdf = readFile(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdfPages(pdf) >= 1);
        QVERIFY2(message().contains(QStringLiteral("case.pdf")), qPrintable(message()));
    }

    void printsTheCaseByKeyboard()
    {
        QCOMPARE(m_dialog->printAction()->shortcut(), QKeySequence(QKeySequence::Print));
        const QString path = m_out.filePath(QStringLiteral("printed.pdf"));
        RecordPrinter::setNextPrinterAnswer(path); // a printer that prints into a PDF file
        QTest::keyClick(m_dialog.get(), Qt::Key_P, Qt::ControlModifier);
        QTRY_VERIFY(QFile::exists(path));
        QVERIFY(readFile(path).startsWith("%PDF-"));
        QVERIFY(pdfPages(readFile(path)) >= 1);
    }

    void cancelledDialogWritesNothing()
    {
        const int before = int(QDir(m_out.path()).entryList(QDir::Files).size());
        RecordPrinter::setNextFileName(QString());
        m_dialog->pdfAction()->trigger();
        RecordPrinter::setNextPrinterAnswer(QString());
        m_dialog->printAction()->trigger();
        QCOMPARE(int(QDir(m_out.path()).entryList(QDir::Files).size()), before);
    }

    void unwritableFileIsSaid()
    {
        const QString file = m_out.filePath(QStringLiteral("plain-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString path = file + QStringLiteral("/case.pdf");
        RecordPrinter::setNextFileName(path);
        m_dialog->pdfAction()->trigger();
        QVERIFY2(message().startsWith(QStringLiteral("Not saved:")), qPrintable(message()));
        QVERIFY(message().contains(path));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestPrintWindow)
#include "test_print_window.moc"
