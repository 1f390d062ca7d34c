#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <memory>

namespace kp::cli {

// What a command initialises before it runs (issue 22). Loading the Gui's
// platform plugin and fontconfig's list of every font costs more than most
// commands' own work, so only the commands that need them pay for them.
enum class AppKind {
    Core,      // QCoreApplication: help, text verification, records, sync, outbox, office
    Images,    // QGuiApplication without fonts ("minimal" platform): images decoded or drawn
    Documents, // QGuiApplication with the system's fonts ("offscreen"): PDFs and text on images
};

AppKind appKindFor(const QString& command, const QStringList& args);

// The application object the command line (argv[1] the command, then its
// arguments) needs. `argc` must outlive it (Qt keeps a reference). A
// QT_QPA_PLATFORM set by the user is kept.
std::unique_ptr<QCoreApplication> makeApplication(int& argc, char* argv[]);

} // namespace kp::cli
