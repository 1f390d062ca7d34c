#include "MessageBoxes.h"

namespace kp::ui {

namespace {

MessageBoxes::Answerer& answerer()
{
    static MessageBoxes::Answerer answer;
    return answer;
}

} // namespace

void MessageBoxes::answerWithoutShowing(Answerer answer)
{
    answerer() = std::move(answer);
}

void MessageBoxes::warning(QWidget* parent, const QString& title, const QString& text)
{
    if (answerer())
        (void)answerer()({Kind::Warning, title, text}); // a warning has nothing to answer
    else
        QMessageBox::warning(parent, title, text);
}

void MessageBoxes::information(QWidget* parent, const QString& title, const QString& text)
{
    if (answerer())
        (void)answerer()({Kind::Information, title, text}); // nothing to answer
    else
        QMessageBox::information(parent, title, text);
}

QMessageBox::StandardButton MessageBoxes::question(QWidget* parent, const QString& title, const QString& text,
                                                   QMessageBox::StandardButtons buttons,
                                                   QMessageBox::StandardButton defaultButton)
{
    if (answerer())
        return answerer()({Kind::Question, title, text});
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

} // namespace kp::ui
