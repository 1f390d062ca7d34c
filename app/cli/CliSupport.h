#pragma once

#include "cache/CacheDatabase.h"
#include "verify/Inspection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace kp::cli {

// Exit statuses are a contract with scripts at customs IT departments.
enum ExitCode {
    ExitOk = 0,
    ExitAccept = 0,
    ExitDoubt = 1,
    ExitRefused = 1, // sync: bundle refused
    ExitReject = 2,
    ExitNothingToVerify = 3,
    ExitUsage = 4, // usage or environment error
};

QTextStream& out();
QTextStream& err();

// The command line's one translation context.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::cli)
};

// Parses a command's arguments; handles --help. Returns false (after printing
// the reason) when the command should exit with `exitCode`.
bool parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& command,
                  const QString& description, int& exitCode);

void addDbOption(QCommandLineParser& parser);
// --db or the default path. MustExist: a desk must have been initialised.
std::unique_ptr<CacheDatabase> openDesk(const QCommandLineParser& parser, CacheDatabase::OpenMode mode);

void printJson(const class QJsonObject& object);

// Says "COMMAND: MESSAGE" on stderr and returns `code`, for `return fail(...)`.
int fail(const QString& command, const QString& message, int code = ExitUsage);

// The verdict as one word for a table (ACCEPT, DOUBT, REJECT), translated.
QString verdictWord(Verdict verdict);

// A one-line progress bar on stderr, drawn only when stderr is a terminal
// (scripts and logs get no control characters).
class ProgressBar
{
public:
    ProgressBar();
    void show(const QString& label, qint64 done, qint64 total);
    void finish();

private:
    bool m_enabled;
    bool m_drawn = false;
    int m_lastPermille = -1;
};

} // namespace kp::cli
