// Linked into every window test (tests/ui/CMakeLists.txt): message boxes are
// answered without a box on screen (ui/MessageBoxes.h), kept in the log, and
// a question nobody answered is answered "No". A test that expects a box
// sets its own answerer.

#include "MessageBoxes.h"

#include <QDebug>
#include <QtGlobal>

namespace {

void answerMessageBoxes()
{
    kp::ui::MessageBoxes::answerWithoutShowing([](const kp::ui::MessageBoxes::Shown& box) {
        qInfo().noquote() << "message box:" << box.title << "-" << box.text;
        return QMessageBox::No;
    });
}

} // namespace

Q_CONSTRUCTOR_FUNCTION(answerMessageBoxes)
