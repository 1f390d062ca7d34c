#include "CliRouting.h"

#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstring>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kp::cli {

namespace {

using std::string_view;

// main()'s argv, for handOver().
char* const* keptCommandLine = nullptr;

// The commands kpdesk-cli-core has (main.cpp: the others are KP_FULL_ONLY).
constexpr string_view coreCommands[] = {"init",    "sources", "status",      "repair", "verify", "users",
                                        "release", "flag",    "inspections", "cases",  "audit",  "settings"};

// The others (main.cpp's KP_FULL_ONLY).
constexpr string_view fullCommands[] = {"sync",   "decode",      "authority", "enrol", "outbox",
                                        "office", "office-init", "demo",      "case",  "print"};

template <std::size_t N>
bool isOneOf(string_view command, const string_view (&commands)[N])
{
    for (string_view c : commands) {
        if (c == command)
            return true;
    }
    return false;
}

bool hasArgument(int argc, const char* const argv[], string_view argument)
{
    for (int i = 2; i < argc; ++i) {
        if (argument == argv[i])
            return true;
    }
    return false;
}

bool hasOption(int argc, const char* const argv[], string_view name)
{
    for (int i = 2; i < argc; ++i) {
        const string_view a = argv[i];
        if (a == "--")
            return false; // what follows is positional
        if (a.size() >= 2 + name.size() && a.substr(0, 2) == "--" && a.substr(2, name.size()) == name &&
            (a.size() == 2 + name.size() || a[2 + name.size()] == '='))
            return true;
    }
    return false;
}

// The IMAGE of `verify`: the last argument that is neither an option nor
// the value of --db or --at (its only options that take one), or null.
const char* verifyImage(int argc, const char* const argv[])
{
    const char* image = nullptr;
    for (int i = 2; i < argc; ++i) {
        const string_view a = argv[i];
        if (a == "--")
            return i + 1 < argc ? argv[argc - 1] : image; // what follows is positional
        if (a.size() > 1 && a[0] == '-') {
            if ((a == "--db" || a == "--at") && i + 1 < argc)
                ++i;
            continue;
        }
        image = argv[i];
    }
    return image;
}

// Whether `path` is a regular file that does not begin as every JPEG does:
// then kpdesk-cli-photo would only hand it on. Three bytes looked at without
// waiting (a pipe or a device is not read here). A hint for the routing, not
// a check: the program that reads the file decides by what it reads.
bool surelyNotJpeg(const char* path)
{
    if (!path)
        return false;
    const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat file = {};
    unsigned char head[3] = {};
    const bool notJpeg = fstat(fd, &file) == 0 && S_ISREG(file.st_mode) && read(fd, head, 3) == 3 &&
                         !(head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff);
    close(fd);
    return notJpeg;
}

} // namespace

AppKind appKindFor(int argc, const char* const argv[])
{
    if (argc < 2 || hasArgument(argc, argv, "-h") || hasOption(argc, argv, "help"))
        return AppKind::Core; // help is text
    const string_view command = argv[1];
    // An IMAGE unless the input is given as text.
    if (command == "verify" || command == "release" || command == "flag")
        return hasOption(argc, argv, "text") || hasOption(argc, argv, "number") ? AppKind::Core
                                                                                : AppKind::Images;
    if (command == "decode")
        return AppKind::Images;
    if (command == "authority") // render draws a barcode, no text
        return argc > 2 && string_view(argv[2]) == "render" ? AppKind::Images : AppKind::Core;
    // A PDF (print), certificates printed with their title and number (demo).
    if (command == "print" || command == "demo")
        return AppKind::Documents;
    // An escalation's message carries the case as a PDF (options may come first).
    if (command == "case")
        return hasArgument(argc, argv, "escalate") ? AppKind::Documents : AppKind::Core;
    return AppKind::Core;
}

CliProgram programFor(int argc, const char* const argv[])
{
    if (argc < 2)
        return CliProgram::Core; // the usage
    const string_view command = argv[1];
    // The photo program reads a JPEG photo's KP1 code, or hands the image on.
    if (command == "verify" && appKindFor(argc, argv) == AppKind::Images)
        return CliProgram::Photo;
    if (isOneOf(command, coreCommands))
        return appKindFor(argc, argv) == AppKind::Core ? CliProgram::Core : CliProgram::Full;
    // --help, --version and unknown commands are answered by the core program.
    return isOneOf(command, fullCommands) ? CliProgram::Full : CliProgram::Core;
}

CliProgram programToStart(int argc, const char* const argv[])
{
    const CliProgram program = programFor(argc, argv);
    // An image that is surely no JPEG goes to the full program at once.
    if (program == CliProgram::Photo && surelyNotJpeg(verifyImage(argc, argv)))
        return CliProgram::Full;
    return program;
}

const char* programFileName(CliProgram program)
{
    switch (program) {
    case CliProgram::Core:
        return "kpdesk-cli-core";
    case CliProgram::Photo:
        return "kpdesk-cli-photo";
    case CliProgram::Full:
        break;
    }
    return "kpdesk-cli-full";
}

bool programPath(CliProgram program, char* path, unsigned long size)
{
    char self[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return false;
    self[n] = '\0';
    char* slash = std::strrchr(self, '/');
    if (!slash)
        return false;
    slash[1] = '\0';
    const char* name = programFileName(program);
    const unsigned long dirLength = std::strlen(self);
    const unsigned long nameLength = std::strlen(name);
    if (dirLength + nameLength + 1 > size)
        return false;
    std::memcpy(path, self, dirLength);
    std::memcpy(path + dirLength, name, nameLength + 1);
    if (access(path, X_OK) == 0)
        return true; // a build tree
    const unsigned long libexecLength = std::strlen(KPDESK_LIBEXEC_FROM_BINDIR);
    if (dirLength + libexecLength + 1 + nameLength + 1 > size)
        return false;
    std::memcpy(path + dirLength, KPDESK_LIBEXEC_FROM_BINDIR, libexecLength);
    path[dirLength + libexecLength] = '/';
    std::memcpy(path + dirLength + libexecLength + 1, name, nameLength + 1);
    return true;
}

void execProgram(CliProgram program, char* const argv[])
{
    char path[PATH_MAX];
    if (!programPath(program, path, sizeof path)) {
        errno = ENAMETOOLONG;
        return;
    }
    execv(path, argv);
}

void keepCommandLine(char* const argv[])
{
    keptCommandLine = argv;
}

void handOver(CliProgram program)
{
    if (!keptCommandLine) {
        errno = EINVAL;
        return;
    }
    execProgram(program, keptCommandLine);
}

} // namespace kp::cli
