// What kpdesk-cli initialises before a command runs (issue 22): a command that
// needs neither images nor PDFs gets a QCoreApplication (no Gui platform
// plugin, no fontconfig); one that decodes or draws images gets a Gui
// application without fonts ("minimal"); one that makes a PDF or writes
// text on an image gets the system's fonts ("offscreen"). Checked on the real
// process through Qt's own log of the platform plugin it loads, with no
// QT_QPA_PLATFORM set, as a user's shell or cron starts it.
#include "CliApplication.h"
#include "CliRun.h"
#include "TestSupport.h"
#include "authority/DemoDesk.h"
#include "util/Clock.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kp;
using namespace kp::test;
using kp::cli::AppKind;

Q_DECLARE_METATYPE(kp::cli::AppKind)

namespace {

const QByteArray PluginLoaded = "Successfully loaded Qt platform plugin";

CliRun cliLoggingPlatform(const QStringList& args)
{
    QProcessEnvironment env = environmentWithoutDisplay();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.qpa.plugin=true"));
    return runCli(args, {.environment = env});
}

} // namespace

class TestCliStartup : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QString m_text;
    QString m_image;

private slots:
    void initTestCase()
    {
        isolateFromUserMachine();
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
        SystemClock clock;
        auto desk = buildDemoDesk(m_dir.filePath(QStringLiteral("demo")), clock);
        QVERIFY2(desk.ok(), qPrintable(desk ? QString() : desk.error().message));
        m_db = desk->dbPath;
        const DemoSample* sample = desk->sample(QStringLiteral("bw-genuine"));
        QVERIFY(sample);
        m_text = sample->text;
        m_image = sample->imagePath;
    }

    void appKindPerCommand_data()
    {
        QTest::addColumn<QStringList>("line");
        QTest::addColumn<AppKind>("kind");
        const auto row = [](const char* name, std::initializer_list<const char*> words, AppKind kind) {
            QStringList line;
            for (const char* w : words)
                line << QString::fromLatin1(w);
            QTest::newRow(name) << line << kind;
        };
        row("verify text", {"verify", "--db", "d", "--text", "KP1:X"}, AppKind::Core);
        row("verify text=", {"verify", "--text=KP1:X"}, AppKind::Core);
        row("verify image", {"verify", "--db", "d", "photo.jpg"}, AppKind::Images);
        row("verify --help", {"verify", "--help"}, AppKind::Core);
        row("verify -h", {"verify", "-h"}, AppKind::Core);
        row("verify image named --text after --", {"verify", "--", "--text"}, AppKind::Images);
        row("decode", {"decode", "a.png", "b.png"}, AppKind::Images);
        row("release text", {"release", "--user", "u", "--text", "T"}, AppKind::Core);
        row("release number", {"release", "--user", "u", "--number", "BW-1"}, AppKind::Core);
        row("release image", {"release", "--user", "u", "a.png"}, AppKind::Images);
        row("flag image", {"flag", "--user", "u", "--reason", "r", "a.png"}, AppKind::Images);
        row("flag text", {"flag", "--user", "u", "--reason", "r", "--text", "T"}, AppKind::Core);
        row("authority render", {"authority", "render", "--in", "c"}, AppKind::Images);
        row("authority bundle", {"authority", "bundle"}, AppKind::Core);
        row("print", {"print", "--case", "c", "--out", "f.pdf"}, AppKind::Documents);
        row("demo", {"demo", "--dir", "x"}, AppKind::Documents);
        row("case escalate", {"case", "escalate", "--user", "u", "c1"}, AppKind::Documents);
        row("case escalate, options first", {"case", "--user", "u", "escalate", "c1"}, AppKind::Documents);
        row("case take", {"case", "take", "--user", "u", "c1"}, AppKind::Core);
        for (const char* command :
             {"init", "sync", "sources", "status", "repair", "enrol", "outbox", "office", "office-init",
              "users", "cases", "inspections", "audit", "settings"})
            row(command, {command}, AppKind::Core);
    }

    void appKindPerCommand()
    {
        QFETCH(QStringList, line);
        QFETCH(AppKind, kind);
        QCOMPARE(kp::cli::appKindFor(line.first(), line.mid(1)), kind);
    }

    void helpLoadsNoPlatform()
    {
        const CliRun r = cliLoggingPlatform({QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0, r.said());
        QVERIFY2(r.out.contains("Usage: kpdesk-cli"), r.said());
        QVERIFY2(!r.err.contains(PluginLoaded), r.said());
    }

    void verifyTextLoadsNoPlatform()
    {
        const CliRun r = cliLoggingPlatform(
            {QStringLiteral("verify"), QStringLiteral("--db"), m_db, QStringLiteral("--text"), m_text});
        QVERIFY2(r.exitCode == 0, r.said()); // accept
        QVERIFY2(r.out.startsWith("ACCEPT"), r.said());
        QVERIFY2(!r.err.contains(PluginLoaded), r.said());
    }

    void verifyImageLoadsNoFonts()
    {
        const CliRun r =
            cliLoggingPlatform({QStringLiteral("verify"), QStringLiteral("--db"), m_db, m_image});
        QVERIFY2(r.exitCode == 0, r.said());
        QVERIFY2(r.out.startsWith("ACCEPT"), r.said());
        QVERIFY2(r.err.contains(QByteArray(PluginLoaded + " \"minimal\"")), r.said());
    }

    void demoDrawsWithTheSystemsFonts()
    {
        const CliRun r = cliLoggingPlatform(
            {QStringLiteral("demo"), QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("made"))});
        QVERIFY2(r.exitCode == 0, r.said());
        QVERIFY2(r.err.contains(QByteArray(PluginLoaded + " \"offscreen\"")), r.said());
    }

    void platformAskedForIsKept()
    {
        QProcessEnvironment env = environmentWithoutDisplay();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.qpa.plugin=true"));
        const CliRun r = runCli({QStringLiteral("decode"), m_image}, {.environment = env});
        QVERIFY2(r.exitCode == 0, r.said());
        QVERIFY2(r.err.contains(QByteArray(PluginLoaded + " \"offscreen\"")), r.said());
    }
};

QTEST_MAIN(TestCliStartup)
#include "test_cli_startup.moc"
