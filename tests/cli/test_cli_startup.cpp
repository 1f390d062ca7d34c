// What kpdesk-cli loads and initialises before a command runs (issue 22).
// kpdesk-cli, a launcher linked to the C library alone, starts
// kpdesk-cli-core for the commands that need neither Qt Gui nor the network
// (which loads neither), kpdesk-cli-full for the others. A command that needs
// neither images nor PDFs gets a QCoreApplication (no Gui platform plugin, no
// fontconfig); one that decodes or draws images gets a Gui application
// without fonts ("minimal"); one that makes a PDF or writes text on an image
// gets the system's fonts ("offscreen"). Checked on the real processes
// through the dynamic loader's log of the libraries it loads (LD_DEBUG) and
// Qt's own log of the platform plugin, with no QT_QPA_PLATFORM set, as a
// user's shell or cron starts it.
#include "CliApplication.h"
#include "CliRun.h"
#include "DeskPhoto.h"
#include "TestSupport.h"
#include "authority/DemoDesk.h"
#include "barcode/BarcodeWriter.h"
#include "util/Clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace kp;
using namespace kp::test;
using kp::cli::AppKind;
using kp::cli::CliProgram;

Q_DECLARE_METATYPE(kp::cli::AppKind)
Q_DECLARE_METATYPE(kp::cli::CliProgram)

namespace {

const QByteArray PluginLoaded = "Successfully loaded Qt platform plugin";

// A command line as main() gets it: argv[0] the program, then `line`.
struct Argv
{
    explicit Argv(const QStringList& line)
    {
        bytes << QByteArrayLiteral("kpdesk-cli");
        for (const QString& word : line)
            bytes << word.toLocal8Bit();
        for (const QByteArray& b : bytes)
            pointers.push_back(b.constData());
        pointers.push_back(nullptr);
    }
    int argc() const { return int(bytes.size()); }
    const char* const* argv() const { return pointers.data(); }

    QList<QByteArray> bytes;
    std::vector<const char*> pointers;
};

// The libraries each program of the run loaded, in the order they started
// (the launcher first), from the dynamic loader's log.
QList<QByteArrayList> librariesPerProgram(const QByteArray& loaderLog)
{
    QList<QByteArrayList> programs{{}};
    for (const QByteArray& line : loaderLog.split('\n')) {
        if (line.contains("transferring control:")) {
            programs.append(QByteArrayList());
        } else if (const qsizetype at = line.indexOf("file="); at >= 0 && line.contains("needed by")) {
            const qsizetype end = line.indexOf(' ', at);
            programs.last().append(line.mid(at + 5, end - at - 5));
        }
    }
    programs.removeLast(); // after the last program's start: the ones it opens itself (plugins)
    return programs;
}

CliRun cliLoggingLibraries(const QStringList& args)
{
    QProcessEnvironment env = environmentWithoutDisplay();
    env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    return runCli(args, {.environment = env});
}

bool loadsAny(const QByteArrayList& libraries, std::initializer_list<const char*> prefixes)
{
    for (const QByteArray& library : libraries) {
        for (const char* prefix : prefixes) {
            if (library.startsWith(prefix))
                return true;
        }
    }
    return false;
}

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
    QString m_image;      // the demo desk's PNG
    QString m_photo;      // a 1920x1080 JPEG photo of its code
    QString m_plainPhoto; // a JPEG photo of nothing

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
        const auto code = BarcodeWriter::render(m_text, BarcodeWriter::Symbology::Qr, 4, 4);
        QVERIFY(code.ok());
        m_photo = m_dir.filePath(QStringLiteral("photo.jpg"));
        QVERIFY(deskPhoto(*code).save(m_photo, "JPEG", 90));
        QImage plain(1920, 1080, QImage::Format_RGB32);
        plain.fill(QColor(120, 140, 160));
        m_plainPhoto = m_dir.filePath(QStringLiteral("plain.jpg"));
        QVERIFY(plain.save(m_plainPhoto, "JPEG", 90));
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
        const Argv argv(line);
        QCOMPARE(kp::cli::appKindFor(argv.argc(), argv.argv()), kind);
    }

    void programPerCommand_data()
    {
        QTest::addColumn<QStringList>("line");
        QTest::addColumn<CliProgram>("program");
        const auto row = [](const char* name, std::initializer_list<const char*> words, CliProgram program) {
            QStringList line;
            for (const char* w : words)
                line << QString::fromLatin1(w);
            QTest::newRow(name) << line << program;
        };
        row("nothing", {}, CliProgram::Core);
        row("--help", {"--help"}, CliProgram::Core);
        row("--version", {"--version"}, CliProgram::Core);
        row("unknown command", {"bogus"}, CliProgram::Core);
        row("verify text", {"verify", "--db", "d", "--text", "KP1:X"}, CliProgram::Core);
        row("verify image", {"verify", "--db", "d", "photo.jpg"}, CliProgram::Photo);
        row("verify image named --text after --", {"verify", "--", "--text"}, CliProgram::Photo);
        row("verify --help", {"verify", "--help"}, CliProgram::Core);
        row("release number", {"release", "--user", "u", "--number", "BW-1"}, CliProgram::Core);
        row("release image", {"release", "--user", "u", "a.png"}, CliProgram::Full);
        row("flag text", {"flag", "--user", "u", "--reason", "r", "--text", "T"}, CliProgram::Core);
        row("sync --help", {"sync", "--help"}, CliProgram::Full); // its options are kpdesk-cli-full's
        for (const char* command :
             {"init", "sources", "status", "repair", "users", "cases", "inspections", "audit", "settings"})
            row(command, {command}, CliProgram::Core);
        for (const char* command : {"sync", "decode", "authority", "enrol", "outbox", "office", "office-init",
                                    "demo", "case", "print"})
            row(command, {command}, CliProgram::Full);
    }

    void programPerCommand()
    {
        QFETCH(QStringList, line);
        QFETCH(CliProgram, program);
        const Argv argv(line);
        QCOMPARE(kp::cli::programFor(argv.argc(), argv.argv()), program);
    }

    // The launcher loads no Qt; help and a text verdict load neither Qt Gui
    // nor the network nor an image reader; a JPEG photo's KP1 code is read by
    // the photo program (libjpeg and ZXing, no Qt Gui), any other image by the
    // full one.
    void helpLoadsCoreLibrariesOnly()
    {
        const CliRun r = cliLoggingLibraries({QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("Usage: kpdesk-cli"), r.said());
        const QList<QByteArrayList> programs = librariesPerProgram(r.err);
        QCOMPARE(programs.size(), 2); // the launcher, then kpdesk-cli-core
        QVERIFY2(!loadsAny(programs[0], {"libQt6"}), programs[0].join(' ').constData());
        QVERIFY2(loadsAny(programs[1], {"libQt6Core"}), programs[1].join(' ').constData());
        QVERIFY2(!loadsAny(programs[1], {"libQt6Gui", "libQt6Network", "libZXing", "libjpeg", "libpq"}),
                 programs[1].join(' ').constData());
    }

    void verifyTextLoadsCoreLibrariesOnly()
    {
        const CliRun r = cliLoggingLibraries(
            {QStringLiteral("verify"), QStringLiteral("--db"), m_db, QStringLiteral("--text"), m_text});
        QVERIFY2(r.exitCode == 0 && r.out.startsWith("ACCEPT"), r.said());
        const QList<QByteArrayList> programs = librariesPerProgram(r.err);
        QCOMPARE(programs.size(), 2);
        QVERIFY2(!loadsAny(programs[1], {"libQt6Gui", "libQt6Network", "libZXing", "libjpeg", "libpq"}),
                 programs[1].join(' ').constData());
    }

    // The photo's verdict, as the full program gives it, from the photo
    // program without Qt Gui; nothing on standard error.
    void verifyJpegPhotoRunsInThePhotoProgram()
    {
        const QStringList line{QStringLiteral("verify"), QStringLiteral("--db"), m_db, m_photo};
        const CliRun r = cliLoggingLibraries(line);
        QVERIFY2(r.exitCode == 0 && r.out.startsWith("ACCEPT"), r.said());
        const QList<QByteArrayList> programs = librariesPerProgram(r.err);
        QCOMPARE(programs.size(), 2); // the launcher, then kpdesk-cli-photo
        QVERIFY2(loadsAny(programs[1], {"libjpeg"}) && loadsAny(programs[1], {"libZXing"}),
                 programs[1].join(' ').constData());
        QVERIFY2(!loadsAny(programs[1], {"libQt6Gui", "libQt6Network", "libpq"}),
                 programs[1].join(' ').constData());

        const CliRun core = runCli(line);
        QVERIFY2(core.exitCode == 0 && core.err.isEmpty(), core.said());
        QProcess process;
        process.setProcessEnvironment(environmentWithoutDisplay());
        process.start(QFileInfo(cliPath()).dir().filePath(QStringLiteral("kpdesk-cli-full")), line);
        const CliRun full = finishCli(process);
        QVERIFY2(full.exitCode == 0, full.said());
        QCOMPARE(core.out, full.out);
    }

    // What the photo program does not read goes, command line and all, to
    // the full program, which reads it or says what is wrong; an image that
    // is surely no JPEG (a regular file, its first bytes) goes there at once.
    void otherImagesAreReadByTheFullProgram_data()
    {
        QTest::addColumn<QStringList>("line");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("said");
        QTest::addColumn<bool>("byThePhotoProgram");
        const QString verify = QStringLiteral("verify");
        const QString db = QStringLiteral("--db");
        QTest::newRow("PNG") << QStringList{verify, db, m_db, m_image} << 0 << QByteArray("ACCEPT") << false;
        QTest::newRow("PNG, options after it")
            << QStringList{verify, m_image, QStringLiteral("--db=") + m_db, QStringLiteral("--json")} << 0
            << QByteArray("\"verdict\": \"accept\"") << false;
        QTest::newRow("PNG named after --") << QStringList{verify, db, m_db, QStringLiteral("--"), m_image}
                                            << 0 << QByteArray("ACCEPT") << false;
        QTest::newRow("JPEG without a code")
            << QStringList{verify, db, m_db, m_plainPhoto} << 3 << QByteArray("No barcode was found") << true;
        QTest::newRow("no such file")
            << QStringList{verify, db, m_db, m_dir.filePath(QStringLiteral("missing.png"))} << 3
            << QByteArray("There is no file") << true;
    }
    void otherImagesAreReadByTheFullProgram()
    {
        QFETCH(QStringList, line);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, said);
        QFETCH(bool, byThePhotoProgram);
        const CliRun r = cliLoggingLibraries(line);
        QVERIFY2(r.exitCode == exitCode && QByteArray(r.out + r.err).contains(said), r.said());
        const QList<QByteArrayList> programs = librariesPerProgram(r.err);
        // The launcher, kpdesk-cli-photo when it looked first, then kpdesk-cli-full.
        QCOMPARE(programs.size(), byThePhotoProgram ? 3 : 2);
        if (byThePhotoProgram)
            QVERIFY2(!loadsAny(programs[1], {"libQt6Gui"}), programs[1].join(' ').constData());
        QVERIFY2(loadsAny(programs.last(), {"libQt6Gui"}) && loadsAny(programs.last(), {"libZXing"}),
                 programs.last().join(' ').constData());
    }

    // Every command of the usage runs, for its help, in the program the
    // launcher's table names, without a second hand-over: that table and the
    // core program's own agree.
    void everyCommandRunsWhereTheRoutingSays()
    {
        const CliRun usage = runCli({QStringLiteral("--help")});
        QVERIFY2(usage.exitCode == 0, usage.said());
        QStringList commands;
        for (const QByteArray& line : usage.out.split('\n')) {
            if (line.startsWith("  ") && line.size() > 2 && line[2] != ' ')
                commands << QString::fromLatin1(line.mid(2, line.indexOf(' ', 2) - 2));
        }
        QVERIFY2(commands.size() >= 20, usage.said());
        for (const QString& command : commands) {
            const CliRun r = cliLoggingLibraries({command, QStringLiteral("--help")});
            QVERIFY2(r.exitCode == 0, qPrintable(command + u' ' + QString::fromLocal8Bit(r.said())));
            const QList<QByteArrayList> programs = librariesPerProgram(r.err);
            QVERIFY2(programs.size() == 2, qPrintable(command));
            const Argv argv({command, QStringLiteral("--help")});
            const bool full = kp::cli::programFor(argv.argc(), argv.argv()) == CliProgram::Full;
            QVERIFY2(loadsAny(programs[1], {"libQt6Gui"}) == full, qPrintable(command));
        }
    }

    // A broken installation says which program is missing, in the user's
    // language, with the usage error's status; never a crash or silence.
    void aMissingFullProgramIsSaidInTheUsersLanguage()
    {
        QTemporaryDir bin;
        const QString launcher = bin.filePath(QStringLiteral("kpdesk-cli"));
        QVERIFY(QFile::copy(cliPath(), launcher));
        QVERIFY(QFile::setPermissions(launcher, QFile::ReadOwner | QFile::ExeOwner));
        for (const QString& name : {QStringLiteral("kpdesk-cli-core"), QStringLiteral("kpdesk-cli-photo")}) {
            QVERIFY(QFile::copy(QFileInfo(cliPath()).dir().filePath(name), bin.filePath(name)));
            QVERIFY(QFile::setPermissions(bin.filePath(name), QFile::ReadOwner | QFile::ExeOwner));
        }
        QProcessEnvironment env = environmentWithoutDisplay();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("fr_FR.UTF-8"));
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("fr"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(launcher, {QStringLiteral("sync"), QStringLiteral("--db"), m_db});
        const CliRun r = finishCli(process);
        QVERIFY2(r.exitCode == 4, r.said());
        QVERIFY2(r.err.contains("kpdesk-cli-full") && !r.err.contains("could not be started"), r.said());
        // An image the photo program hands over: the same, not "no barcode".
        QProcess verify;
        verify.setProcessEnvironment(env);
        verify.start(launcher, {QStringLiteral("verify"), QStringLiteral("--db"), m_db, m_plainPhoto});
        const CliRun v = finishCli(verify);
        QVERIFY2(v.exitCode == 4, v.said());
        QVERIFY2(v.err.contains("kpdesk-cli-full") && !v.err.contains("could not be started"), v.said());
        // Without the photo program, a photo's verdict says that one is missing.
        QVERIFY(QFile::remove(bin.filePath(QStringLiteral("kpdesk-cli-photo"))));
        QProcess photo;
        photo.setProcessEnvironment(env);
        photo.start(launcher, {QStringLiteral("verify"), QStringLiteral("--db"), m_db, m_photo});
        const CliRun p = finishCli(photo);
        QVERIFY2(p.exitCode == 4, p.said());
        QVERIFY2(p.err.contains("kpdesk-cli-photo") && !p.err.contains("could not be started"), p.said());
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
