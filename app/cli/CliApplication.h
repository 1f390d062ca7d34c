#pragma once

#include "CliRouting.h"

#include <QCoreApplication>

#include <memory>

namespace kp::cli {

// The application object the command line (argv[1] the command, then its
// arguments) needs (appKindFor). `argc` must outlive it (Qt keeps a
// reference). A QT_QPA_PLATFORM set by the user is kept.
std::unique_ptr<QCoreApplication> makeApplication(int& argc, char* argv[]);

} // namespace kp::cli
