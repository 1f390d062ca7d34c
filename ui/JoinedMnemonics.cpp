#include "JoinedMnemonics.h"

#include <QApplication>
#include <QLocale>

namespace kp::ui {

int JoinedMnemonics::styleHint(StyleHint hint, const QStyleOption* option, const QWidget* widget,
                               QStyleHintReturn* returnData) const
{
    if (hint == SH_UnderlineShortcut && lettersJoin())
        return 0;
    return QProxyStyle::styleHint(hint, option, widget, returnData);
}

bool JoinedMnemonics::lettersJoin()
{
    return QLocale().script() == QLocale::ArabicScript;
}

void JoinedMnemonics::install()
{
    if (qobject_cast<QApplication*>(QCoreApplication::instance()) == nullptr ||
        dynamic_cast<JoinedMnemonics*>(QApplication::style()) != nullptr)
        return;
    // The same style underneath (its name: Fusion, or the platform's).
    QApplication::setStyle(new JoinedMnemonics(QApplication::style()->name()));
}

} // namespace kp::ui
