// kpdesk-cli as a whole process, start to exit (issue 22): --help, verify
// --text and verify of a 1920x1080 photo, on a demo desk; zbarimg on the same
// photo beside it when installed. Wall time, CPU time (user + system) and
// page faults per run: the machine is shared, and CPU time and page faults
// move far less with the load than wall time does.
// Usage: bench_startup [--runs N] [--keep DIR] [--cli PATH]...  (several --cli: compared
// run for run, e.g. a build before a change and after it; --keep: the demo
// desk and the photo stay in DIR, to profile one command by hand)
#include "DeskPhoto.h"
#include "authority/DemoDesk.h"
#include "barcode/BarcodeWriter.h"
#include "util/Clock.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

extern char** environ;

using namespace kp;

namespace {

struct Run
{
    double wallMs = 0;
    double cpuMs = 0;
    long faults = 0;
    int status = -1;
};

double nowMs()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// One process, its output to /dev/null; its own wall time, CPU time and faults.
Run runOnce(const std::vector<std::string>& argv)
{
    std::vector<char*> cargv;
    for (const std::string& a : argv)
        cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    Run run;
    const double start = nowMs();
    pid_t pid = 0;
    if (posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.wallMs = nowMs() - start;
    posix_spawn_file_actions_destroy(&actions);
    run.cpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    run.faults = usage.ru_minflt + usage.ru_majflt;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double p90(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, v.size() * 9 / 10)];
}

struct Series
{
    std::vector<double> wall, cpu, faults;
    int status = -1;
};

void print(const std::string& label, const Series& s)
{
    std::printf("  %-44s wall median %6.1f ms  p90 %6.1f ms | cpu median %6.1f ms  p90 %6.1f ms | "
                "faults %5.0f | exit %d\n",
                label.c_str(), median(s.wall), p90(s.wall), median(s.cpu), p90(s.cpu), median(s.faults),
                s.status);
}

// Each command line `runs` times, taking turns, so that the load on the
// shared machine falls on all of them alike.
void measure(const char* label, const std::vector<std::vector<std::string>>& argvs,
             const std::vector<std::string>& names, int runs)
{
    std::vector<Series> series(argvs.size());
    for (int i = 0; i < runs; ++i) {
        for (size_t k = 0; k < argvs.size(); ++k) {
            const Run r = runOnce(argvs[k]);
            series[k].wall.push_back(r.wallMs);
            series[k].cpu.push_back(r.cpuMs);
            series[k].faults.push_back(double(r.faults));
            series[k].status = r.status;
        }
    }
    std::printf("%s\n", label);
    for (size_t k = 0; k < argvs.size(); ++k)
        print(names[k], series[k]);
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readLine().split(' ').value(0).toDouble() : -1;
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);                                    // draws the photo
    QLoggingCategory::setFilterRules(QStringLiteral("kpdesk.*=false")); // the demo desk's notes
    int runs = 50;
    QString keep; // a folder that keeps the demo desk and the photo, for profiling
    std::vector<std::string> clis;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--cli"))
            clis.push_back(QFile::encodeName(args[i + 1]).toStdString());
        else if (args[i] == QLatin1String("--keep"))
            keep = args[i + 1];
    }
    if (clis.empty())
        clis.push_back(KPDESK_CLI_PATH);
    // The children start as a user's shell starts them.
    qunsetenv("QT_QPA_PLATFORM");

    QTemporaryDir tempDir;
    const QDir dir(keep.isEmpty() ? tempDir.path() : keep);
    SystemClock clock;
    auto desk = buildDemoDesk(dir.filePath(QStringLiteral("demo")), clock);
    if (!desk) {
        std::fprintf(stderr, "demo desk: %s\n", qPrintable(desk.error().message));
        return 1;
    }
    const QString text = desk->samples.first().text; // genuine, ES256: exit 0
    auto code = BarcodeWriter::render(text, BarcodeWriter::Symbology::Qr, 4, 4);
    if (!code) {
        std::fprintf(stderr, "render: %s\n", qPrintable(code.error().message));
        return 1;
    }
    const QString photo = dir.filePath(QStringLiteral("photo.jpg"));
    if (!kp::test::deskPhoto(*code).save(photo, "JPEG", 90)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(photo));
        return 1;
    }

    const std::string db = QFile::encodeName(desk->dbPath).toStdString();
    const std::string image = QFile::encodeName(photo).toStdString();
    std::printf("%d runs each, load average %.2f\n", runs, loadAverage());
    const auto each = [&](const std::vector<std::string>& tail) {
        std::vector<std::vector<std::string>> argvs;
        for (const std::string& exe : clis) {
            argvs.push_back({exe});
            argvs.back().insert(argvs.back().end(), tail.begin(), tail.end());
        }
        return argvs;
    };
    measure("kpdesk-cli --help", each({"--help"}), clis, runs);
    measure("kpdesk-cli verify --text KP1", each({"verify", "--db", db, "--text", text.toStdString()}), clis,
            runs);
    auto photoRuns = each({"verify", "--db", db, image});
    std::vector<std::string> names = clis;
    const QString zbarimg = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
    if (!zbarimg.isEmpty()) {
        photoRuns.push_back({QFile::encodeName(zbarimg).toStdString(), "-q", "--raw", image});
        names.push_back("zbarimg -q --raw (decode only)");
    }
    measure("kpdesk-cli verify photo.jpg (1920x1080 JPEG)", photoRuns, names, runs);
    if (zbarimg.isEmpty())
        std::printf("zbarimg: not installed (apt-get install zbar-tools), not compared\n");
    std::printf("load average at the end %.2f\n", loadAverage());
    return 0;
}
