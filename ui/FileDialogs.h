#pragma once

// The window's file dialogs, each starting in the folder the officer last
// opened or saved a file in (kept in the settings, "ui/lastFolder"), not in
// the program's folder; the first time, in Documents. GUI tests answer them
// without a dialog on screen (setNextFileName), as they answer any other
// question the window asks.

#include <QString>
#include <QStringList>

class QWidget;

namespace kp::ui {

class FileDialogs
{
public:
    static QString lastFolder();
    // Remembers a chosen file's folder, or a chosen folder.
    static void remember(const QString& fileOrFolder);

    static QString openFile(QWidget* parent, const QString& caption, const QString& filter);
    static QStringList openFiles(QWidget* parent, const QString& caption, const QString& filter);
    static QString existingFolder(QWidget* parent, const QString& caption);
    static QString saveFile(QWidget* parent, const QString& caption, const QString& suggestedName,
                            const QString& filter);

    // Tests: the next dialog is not shown and gives `name` ("": cancelled).
    static void setNextFileName(const QString& name);
};

} // namespace kp::ui
