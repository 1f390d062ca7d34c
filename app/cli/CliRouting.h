#pragma once

// Which program runs a command line, and what it initialises (issue 22).
// No Qt here: kpdesk-cli, the launcher, links nothing but the C library.

namespace kp::cli {

// What a command initialises before it runs. Loading the Gui's platform
// plugin and fontconfig's list of every font costs more than most commands'
// own work, so only the commands that need them pay for them.
enum class AppKind {
    Core,      // QCoreApplication: help, text verification, records, sync, outbox, office
    Images,    // QGuiApplication without fonts ("minimal" platform): images decoded or drawn
    Documents, // QGuiApplication with the system's fonts ("offscreen"): PDFs and text on images
};

// argv[1] is the command, the rest its arguments.
AppKind appKindFor(int argc, const char* const argv[]);

// kpdesk-cli-core runs the commands that need neither Qt Gui nor the network,
// and is linked without them, so it starts in a third of the time;
// kpdesk-cli-full runs every command. kpdesk-cli, the launcher, execs one.
// `verify IMAGE` goes to kpdesk-cli-photo, kpdesk-cli-core with a reader of
// JPEG photos that needs no Qt Gui (barcode/PhotoQuickLook.h: libjpeg and
// ZXing, which the core program does not load): it reads a photo's KP1 code
// itself and hands any other image, before doing anything else, to
// kpdesk-cli-full (or the launcher sends it there at once: programToStart).
enum class CliProgram { Core, Photo, Full };

// By the command line alone (what kpdesk-cli-core checks when run by hand).
CliProgram programFor(int argc, const char* const argv[]);
// What the launcher starts: programFor's program, but kpdesk-cli-full at once
// for a `verify` IMAGE that is a regular file not beginning as a JPEG does
// (its first three bytes looked at, without waiting on a pipe: a hint for the
// routing only; the program that reads the file decides by what it reads).
CliProgram programToStart(int argc, const char* const argv[]);
const char* programFileName(CliProgram program);

// Where `program` is: beside the running program in a build tree, in the
// package's libexec folder once installed. Found from the running program's
// own file, not from argv[0] or PATH, which the caller chooses. False when
// it does not fit in `size`.
bool programPath(CliProgram program, char* path, unsigned long size);

// Replaces this process with `program` running argv. Returns only when it
// could not be started, with errno set.
void execProgram(CliProgram program, char* const argv[]);

// The command line main() was given, kept for handOver().
void keepCommandLine(char* const argv[]);
// Replaces this process with `program` running the kept command line:
// kpdesk-cli-photo hands an image it does not read to kpdesk-cli-full. Returns
// only when it could not be started, with errno set.
void handOver(CliProgram program);

// The environment variable by which the launcher, when kpdesk-cli-full or
// kpdesk-cli-photo could not be started, asks kpdesk-cli-core to say so in the user's language:
// "PATH\tERRNO".
inline constexpr const char* unstartedVariable = "KPDESK_CLI_UNSTARTED";

} // namespace kp::cli
