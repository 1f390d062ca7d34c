#pragma once

// release and flag: sign in, verify, record the inspection.

#include "CliRecords.h"

#include "verify/Inspection.h"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace kp::cli {

// --text, --number or one IMAGE.
void addInputOptions(QCommandLineParser& parser);

struct Intake
{
    std::unique_ptr<Records> records;
    Session session;
    Inspection inspection;
    QString inspectionId;
};

// Signs in --user, verifies the input and records the inspection (printing
// its verdict); else says why on stderr and sets `exitCode`.
std::optional<Intake> intake(const QCommandLineParser& parser, const QString& command, int& exitCode);

} // namespace kp::cli
