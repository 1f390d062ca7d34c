#pragma once

// File dialogs behind one door: each starts in the folder last used (not the
// program's), and GUI tests answer them without a dialog on screen
// (setNextFileName), as they answer any other question the window asks.

#include <QString>

class QWidget;

namespace kp::ui {

class FileDialog
{
public:
    static QString openFile(QWidget* parent, const QString& caption, const QString& filter);
    static QString saveFile(QWidget* parent, const QString& caption, const QString& suggestedName,
                            const QString& filter);
    static QString folder(QWidget* parent, const QString& caption);

    // Tests: the next dialog is not shown and gives `name` ("": cancelled).
    static void setNextFileName(const QString& name);
};

} // namespace kp::ui
