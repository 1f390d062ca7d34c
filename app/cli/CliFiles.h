#pragma once

// The command line's input and output files (keys, certificates, requests,
// lists): read once with a limit, written whole or not at all.

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace kp::cli {

// The whole file, at most `maxBytes` (error "cli.read" naming the file).
Result<QByteArray> readInputFile(const QString& path, qint64 maxBytes);

// Replaces `path` only once everything is written (error "cli.write").
Status writeOutputFile(const QString& path, const QByteArray& data);

} // namespace kp::cli
