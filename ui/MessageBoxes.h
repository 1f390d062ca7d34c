#pragma once

// The window's message boxes. GUI tests answer them without a box on screen
// (answerWithoutShowing), as they answer the file dialogs (FileDialogs):
// production code never asks which platform it runs on to skip one.

#include <QMessageBox>
#include <QString>

#include <functional>

class QWidget;

namespace kp::ui {

class MessageBoxes
{
public:
    enum class Kind { Warning, Information, Question };
    struct Shown
    {
        Kind kind;
        QString title;
        QString text;
    };
    using Answerer = std::function<QMessageBox::StandardButton(const Shown&)>;

    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void information(QWidget* parent, const QString& title, const QString& text);
    static QMessageBox::StandardButton
    question(QWidget* parent, const QString& title, const QString& text,
             QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
             QMessageBox::StandardButton defaultButton = QMessageBox::NoButton);

    // Tests: no box is shown; `answer` gets each and gives the button
    // pressed (warnings and information: ignored). Empty: boxes again.
    static void answerWithoutShowing(Answerer answer);
};

} // namespace kp::ui
