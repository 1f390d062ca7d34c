#include "PasswordInput.h"

#include "CliSupport.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

namespace kp::cli {

std::optional<QString> readPassword(const QString& prompt)
{
    std::string line;
    if (!isatty(STDIN_FILENO)) {
        if (!std::getline(std::cin, line))
            return std::nullopt;
    } else {
        err() << prompt << Qt::flush;
        termios old{};
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        const bool ok = bool(std::getline(std::cin, line));
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        err() << Qt::endl;
        if (!ok)
            return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

} // namespace kp::cli
