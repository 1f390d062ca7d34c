#pragma once

#include <QString>

#include <optional>

namespace kp::cli {

// One line from standard input when it is not a terminal; else a prompt
// on the terminal without echo. Nothing when the input ends first.
std::optional<QString> readPassword(const QString& prompt);

} // namespace kp::cli
