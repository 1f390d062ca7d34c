// kpdesk-cli: a launcher that loads no library but the C library (issue 22).
// It replaces itself with kpdesk-cli-core, for the commands that need
// neither Qt Gui nor the network, kpdesk-cli-photo for `verify IMAGE`, or
// kpdesk-cli-full for the others (CliRouting.h), passing the command line
// and environment on unchanged.
#include "CliRouting.h"

#include <cerrno>
#include <climits>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace kp::cli;

int main(int argc, char* argv[])
{
    const CliProgram program = programToStart(argc, argv);
    execProgram(program, argv);
    const int error = errno;
    char path[PATH_MAX];
    if (!programPath(program, path, sizeof path))
        std::snprintf(path, sizeof path, "%s", programFileName(program));
    if (program != CliProgram::Core) {
        // kpdesk-cli-core says it in the user's language.
        char value[PATH_MAX + 16];
        std::snprintf(value, sizeof value, "%s\t%d", path, error);
        setenv(unstartedVariable, value, 1);
        execProgram(CliProgram::Core, argv);
    }
    // Not even kpdesk-cli-core starts: the path and the C library's words
    // for the reason (in the user's language) are all there is.
    std::setlocale(LC_ALL, "");
    std::fprintf(stderr, "kpdesk-cli: %s: %s\n", path, std::strerror(error));
    return 4; // ExitUsage: a usage or environment error
}
