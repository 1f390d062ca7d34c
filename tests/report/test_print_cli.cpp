// kpdesk-cli print end to end, as a customs office's script would use it: an
// officer flags a case with a hostile note and an image, the case and its
// inspection are printed to PDF with no display, the trail is unchanged (a
// read is not an entry), and the refusals say why with the documented exits.
#include "CliRun.h"
#include "TestSupport.h"
#include "authority/DemoDesk.h"
#include "util/Clock.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;

namespace {

const QByteArray Password = "correct horse battery";

using Run = kp::test::CliRun;

Run cli(const QStringList& args, const QByteArray& input = {}, bool withoutDisplay = true)
{
    // As on a server or in cron: no display, no platform asked for.
    kp::test::CliOptions options{.input = input};
    if (withoutDisplay)
        options.environment = kp::test::environmentWithoutDisplay();
    return kp::test::runCli(args, options);
}

int pdfPages(const QByteArray& pdf)
{
    int pages = 0;
    for (qsizetype at = pdf.indexOf("/Type /Page"); at >= 0; at = pdf.indexOf("/Type /Page", at + 1))
        if (pdf.mid(at + 11, 1) != "s")
            ++pages;
    return pages;
}

} // namespace

class TestPrintCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QString m_caseId;
    QString m_inspectionId;

    QStringList db() const { return {QStringLiteral("--db"), m_db}; }
    QString trailHead()
    {
        return cli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + db()).lastLine();
    }

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        SystemClock clock;
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), clock);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.error().message));
        m_db = desk->dbPath;
        const DemoSample* sample = desk->sample(QStringLiteral("low-value"));
        QVERIFY(sample);

        Run r = cli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                        QStringList{QStringLiteral("--name"), QStringLiteral("ada"), QStringLiteral("--role"),
                                    QStringLiteral("administrator")},
                    Password + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli(QStringList{QStringLiteral("users"), QStringLiteral("add")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("ada"), QStringLiteral("--name"),
                                QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("officer")},
                Password + '\n' + Password + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString photo = m_dir.filePath(QStringLiteral("container.png"));
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QVERIFY(image.save(photo));
        r = cli(QStringList{QStringLiteral("flag")} + db() +
                    QStringList{QStringLiteral("--user"), QStringLiteral("olga"), QStringLiteral("--text"),
                                sample->text, QStringLiteral("--reason"), QStringLiteral("value far too low"),
                                QStringLiteral("--note"), QStringLiteral("<script>alert(1)</script>"),
                                QStringLiteral("--attach"), photo, QStringLiteral("--hold")},
                Password + '\n');
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        m_caseId = r.lastLine();
        r = cli(QStringList{QStringLiteral("cases")} + db() + QStringList{QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray cases =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), 1);
        QCOMPARE(cases[0][QStringLiteral("id")].toString(), m_caseId);
        m_inspectionId = cases[0][QStringLiteral("inspection")].toString();
        QVERIFY(!m_inspectionId.isEmpty());
    }

    void printsACaseWithoutADisplay()
    {
        const QString head = trailHead();
        QVERIFY(head.startsWith(QStringLiteral("entries ")));
        const QString out = m_dir.filePath(QStringLiteral("case.pdf"));
        const Run r = cli(QStringList{QStringLiteral("print")} + db() +
                          QStringList{QStringLiteral("--case"), m_caseId, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains("case.pdf"));
        QVERIFY2(!r.err.contains("QFont") && !r.err.contains("font"), r.err.constData()); // fonts were found
        const QByteArray pdf = readFile(out);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdfPages(pdf) >= 1);
        QVERIFY(pdf.contains("/Subtype /Image"));
        // Printing is a read: the trail has no entry for it (docs/spec-notes.md).
        QCOMPARE(trailHead(), head);
    }

    void printsAnInspection()
    {
        const QString out = m_dir.filePath(QStringLiteral("inspection.pdf"));
        const Run r =
            cli(QStringList{QStringLiteral("print")} + db() +
                QStringList{QStringLiteral("--inspection"), m_inspectionId, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        const QByteArray pdf = readFile(out);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdfPages(pdf) >= 1);
    }

    void refusals()
    {
        const QString out = m_dir.filePath(QStringLiteral("x.pdf"));
        // No such case: exit 1, and it says so.
        Run r =
            cli(QStringList{QStringLiteral("print")} + db() +
                QStringList{QStringLiteral("--case"), QStringLiteral("00000000-0000-0000-0000-000000000000"),
                            QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("00000000-0000-0000-0000-000000000000"), r.err.constData());
        QVERIFY(!QFile::exists(out));
        // Usage: both or neither of --case and --inspection, no --out.
        r = cli(QStringList{QStringLiteral("print")} + db() +
                QStringList{QStringLiteral("--case"), m_caseId, QStringLiteral("--inspection"),
                            m_inspectionId, QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 4);
        r = cli(QStringList{QStringLiteral("print")} + db() +
                QStringList{QStringLiteral("--case"), m_caseId});
        QCOMPARE(r.exitCode, 4);
        // A file that cannot be written: exit 4 naming it (a "folder" that is a file fails for root too).
        const QString blocked = m_dir.filePath(QStringLiteral("container.png")) + QStringLiteral("/case.pdf");
        r = cli(QStringList{QStringLiteral("print")} + db() +
                QStringList{QStringLiteral("--case"), m_caseId, QStringLiteral("--out"), blocked});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(blocked.toUtf8()), r.err.constData());
        // A desk that does not exist.
        r = cli(QStringList{QStringLiteral("print"), QStringLiteral("--db"),
                            m_dir.filePath(QStringLiteral("none.sqlite")), QStringLiteral("--case"), m_caseId,
                            QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_MAIN(TestPrintCli) // the demo desk draws its certificates: fonts need a Gui application
#include "test_print_cli.moc"
